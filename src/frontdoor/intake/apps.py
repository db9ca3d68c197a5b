from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "frontdoor.intake"
    verbose_name = "Intake: referrals, VISTs and incidents"

    def ready(self) -> None:
        from frontdoor.access.audit import describe_action
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
            register_subject,
        )
        from frontdoor.intake import clocks, compliance, holdings, matching
        from frontdoor.intake.display import home_referrals
        from frontdoor.intake.models import INCIDENT_SUBJECT
        from frontdoor.people.providers import register_person_provider

        clocks.register()
        register_person_provider(holdings.PROVIDER)
        # Is each arriving child or adult already known? Answered within seconds of arrival.
        register_job(Job("match_arrivals", matching.match_arrivals, 2))
        register_home_section(
            HomeSection(
                key="intake.my_referrals",
                title="Your referrals",
                template="intake/_home_referrals.html",
                roles=frozenset(PERMISSIONS["referral.submit"]),
                build=home_referrals,
                order=20,
            )
        )
        # VIST compliance: the police supervisor's list and home section; an incident's VIST clock links to the list.
        register_subject(INCIDENT_SUBJECT, compliance.describe_incidents)
        register_deadline_source(DeadlineSource("intake.vist_compliance", mine=compliance.supervisor_deadlines))
        register_home_section(
            HomeSection(
                key="intake.vist_compliance",
                title="VIST compliance",
                template="intake/_home_compliance.html",
                roles=frozenset(PERMISSIONS["intake.vist_compliance"]),
                build=compliance.home_compliance,
                order=15,
            )
        )
        register_navigation(NavigationLink("VIST compliance", "intake:vist-compliance", "intake.vist_compliance", 45))
        describe_action("list_missing_vists", "Listed incidents with children and no VIST")
        describe_action("submit_referral", "Made a referral")
        describe_action("list_own_referrals", "Listed their own referrals")
        describe_action("list_own_vists", "Listed their own VISTs and what the MASH made of them")
        describe_action("view_own_vist", "Read what the MASH made of one of their own VISTs")
        describe_action("view_own_referral", "Read their own referral")
        describe_action("receive_vist", "Sent a VIST")
        describe_action("receive_incident", "Sent a domestic-abuse incident")
        register_navigation(NavigationLink("My referrals", "intake:mine", "referral.submit", 40))
