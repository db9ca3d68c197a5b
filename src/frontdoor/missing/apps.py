from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "frontdoor.missing"
    label = "missing"
    verbose_name = "Missing children"

    def ready(self) -> None:
        from frontdoor.access.audit import describe_action
        from frontdoor.access.relationships import register_relationship_source
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import (
            DeadlineSource,
            HomeSection,
            Job,
            NavigationLink,
            register_deadline_source,
            register_home_section,
            register_job,
            register_navigation,
            register_return,
            register_subject,
        )
        from frontdoor.missing import clocks, feed, holdings, returns
        from frontdoor.missing.relationships import missing_works_with
        from frontdoor.missing.returns_selectors import RETURN_ACTION
        from frontdoor.people.providers import register_person_provider

        clocks.register()
        # The police extract's recent missing and concern-for-safety incidents become episodes (feed).
        register_job(Job("take_police_missing_episodes", feed.take_police_episodes, 60))
        register_subject(clocks.INTERVIEW_SUBJECT, holdings.describe_interviews)
        register_person_provider(holdings.PROVIDER)
        # The children with open episodes, and those referred for an interview, are the workers' to see.
        register_relationship_source(missing_works_with)
        register_deadline_source(DeadlineSource("missing", mine=holdings.interview_deadlines))
        register_home_section(
            HomeSection(
                key="missing.coordinator",
                title="Missing children",
                template="missing/_home_coordinator.html",
                roles=frozenset(PERMISSIONS["missing.coordinate"]),
                build=holdings.home_coordinator,
                order=7,
            )
        )
        register_home_section(
            HomeSection(
                key="missing.interviews",
                title="Return home interviews",
                template="missing/_home_interviews.html",
                roles=frozenset(PERMISSIONS["missing.interview"]),
                build=holdings.home_interviews,
                order=7,
            )
        )
        register_navigation(NavigationLink("Missing children", "missing:episodes", "missing.view", 25))
        register_navigation(NavigationLink("Return home interviews", "missing:interviews", "missing.interview", 25))
        describe_action("report_missing_episode", "Recorded a missing episode")
        describe_action("change_missing_category", "Changed a missing episode's category")
        describe_action("record_missing_return", "Recorded a child's return or find")
        describe_action("close_missing_episode", "Closed a missing episode")
        describe_action("offer_return_interview", "Recorded a return home interview offer")
        describe_action("complete_return_interview", "Recorded a return home interview's findings")
        describe_action("save_trigger_plan", "Saved a trigger plan")
        describe_action("save_care_profile", "Updated a child's placement and Philomena profile")
        describe_action("view_missing_episode", "Read a missing episode")
        describe_action("view_trigger_plan", "Read a trigger plan")
        # `frontdoor returns ssda903-missing`: the children looked after return's Missing table.
        register_return(returns.RETURN)
        describe_action(RETURN_ACTION, "Included in a statutory return")
