from django.apps import AppConfig


class MashConfig(AppConfig):
    name = "frontdoor.mash"
    verbose_name = "MASH: triage and decisions"

    def ready(self) -> None:
        from frontdoor.access.audit import describe_action
        from frontdoor.access.relationships import register_relationship_source
        from frontdoor.access.role_permissions import ALL_ROLES, PERMISSIONS
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
        from frontdoor.intake.models import REFERRAL_SUBJECT, VIST_SUBJECT
        from frontdoor.mash import checks_clocks, checks_holdings, checks_services, deadlines, holdings
        from frontdoor.mash.relationships import the_mash_works_with
        from frontdoor.people.providers import register_person_provider

        # The people on the items the MASH works, and their families, are the MASH's to see (mash.relationships).
        register_relationship_source(the_mash_works_with)
        register_person_provider(holdings.PROVIDER)
        # Referrals and VISTs are worked on the MASH's pages: their clocks link there.
        register_subject(REFERRAL_SUBJECT, holdings.describe_referrals)
        register_subject(VIST_SUBJECT, holdings.describe_vists)
        register_home_section(
            HomeSection(
                key="mash.triage_queue",
                title="Triage queue",
                template="mash/_home_queue.html",
                roles=frozenset(PERMISSIONS["mash.triage"]),
                build=holdings.home_queue,
                order=10,
            )
        )
        describe_action("view_referral", "Read a referral")
        describe_action("view_vist", "Read a VIST")
        describe_action("start_screening", "Started screening a referral")
        describe_action("record_decision", "Recorded a decision")
        describe_action("triage_vist", "Triaged a VIST")
        describe_action("start_vist_screening", "Started screening a VIST")
        register_navigation(NavigationLink("Triage queue", "mash:queue", "mash.triage", 10))
        register_navigation(NavigationLink("Identity review", "mash:review", "linkage.review", 30))

        # MASH checks: their clocks, reminders, the agency's queue, and the responders' relationship with the people
        # a check asks about (so they open those records without break-glass).
        checks_clocks.register()
        register_job(Job("remind_mash_checks", checks_services.remind_due_checks, 60))
        register_subject(checks_clocks.CHECK_SUBJECT, checks_holdings.describe_checks)
        register_relationship_source(checks_holdings.the_check_asks_about)
        register_person_provider(checks_holdings.PROVIDER)
        register_home_section(
            HomeSection(
                key="mash.checks",
                title="MASH checks for your agency",
                template="mash/checks/_home_checks.html",
                roles=frozenset(PERMISSIONS["mash.checks.answer"]),
                build=checks_holdings.home_checks,
                order=8,
            )
        )
        register_home_section(
            HomeSection(
                key="mash.missed_checks",
                title="MASH checks to your agency past their deadline",
                template="mash/checks/_home_missed_checks.html",
                roles=frozenset(role for role, _ in checks_clocks.AGENCY_MANAGERS.values()),
                build=checks_holdings.home_missed_checks,
                order=9,
            )
        )
        register_navigation(NavigationLink("MASH checks", "mash:checks", "mash.checks.answer", 15))
        describe_action("view_mash_check", "Read a MASH check")
        describe_action("request_mash_check", "Asked a partner agency for a MASH check")
        describe_action("answer_mash_check", "Answered a MASH check")
        describe_action("decline_mash_check", "Declined a MASH check")
        describe_action("list_mash_checks", "Listed the agency's MASH checks (partner API)")

        # The daily vulnerability meeting and the emergency duty team (`mash.meeting_*`, `mash.edt_*`).
        from frontdoor.core.registry import register_decision_feed
        from frontdoor.mash import feeds, meeting_home

        meeting_home.register()
        # A VIST triaged as early help reaches family help through this feed (`familyhelp.stepdown`).
        register_decision_feed("mash.vist_triage", feeds.vist_triages)

        # Clocks everywhere: every role's own running deadlines, and the team's for the MASH manager.
        register_deadline_source(DeadlineSource("mash", mine=deadlines.mash_mine, team=deadlines.mash_team))
        register_home_section(
            HomeSection(
                key="mash.my_deadlines",
                title="My deadlines",
                template="mash/_home_deadlines.html",
                roles=ALL_ROLES,
                build=deadlines.home_my_deadlines,
                order=5,
            )
        )
        register_home_section(
            HomeSection(
                key="mash.team_deadlines",
                title="Team deadlines",
                template="mash/_home_team_deadlines.html",
                roles=frozenset(PERMISSIONS["mash.team_deadlines"]),
                build=deadlines.home_team_deadlines,
                order=6,
            )
        )

        # Strategy discussions: their clocks, the subjects those clocks are about, the attendees' relationship with
        # the people discussed, each child's chronology, whose deadlines they are, and the home section.
        from frontdoor.mash import conference_clocks, strategy_clocks, strategy_holdings

        strategy_clocks.register()
        conference_clocks.register()
        register_subject(strategy_clocks.STRATEGY_SUBJECT, strategy_holdings.describe_discussions)
        register_subject(strategy_clocks.ACTION_SUBJECT, strategy_holdings.describe_actions)
        register_relationship_source(strategy_holdings.on_their_discussion)
        register_person_provider(strategy_holdings.PROVIDER)
        register_deadline_source(
            DeadlineSource("mash.strategy", mine=strategy_holdings.strategy_mine, team=strategy_holdings.strategy_team)
        )
        register_home_section(
            HomeSection(
                key="mash.strategy",
                title="Strategy discussions",
                template="mash/strategy/_home.html",
                roles=frozenset(PERMISSIONS["mash.strategy.view"]),
                build=strategy_holdings.home_strategy,
                order=9,
            )
        )
        register_navigation(NavigationLink("Strategy discussions", "mash:strategy", "mash.strategy.view", 16))
        describe_action("view_strategy_discussion", "Read a strategy discussion")
        describe_action("convene_strategy_discussion", "Convened a strategy discussion")
        describe_action("record_strategy_discussion", "Recorded a strategy discussion")
        describe_action("circulate_strategy_record", "Circulated a strategy discussion's record")
        describe_action("complete_strategy_action", "Marked a strategy discussion's action done")
        describe_action("record_conference", "Recorded an initial child protection conference")
        describe_action("edit_strategy_discussion", "Changed a strategy discussion before it was held")
        describe_action("cancel_strategy_discussion", "Cancelled a strategy discussion")
        describe_action("add_strategy_action", "Added an action to a strategy discussion")
