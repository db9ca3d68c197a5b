from django.apps import AppConfig


class MashConfig(AppConfig):
    name = "frontdoor.mash"
    verbose_name = "MASH: triage and decisions"

    def ready(self) -> None:
        from frontdoor.access.audit import describe_action
        from frontdoor.access.relationships import register_relationship_source
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import (
            HomeSection,
            NavigationLink,
            register_home_section,
            register_navigation,
            register_subject,
        )
        from frontdoor.intake.models import REFERRAL_SUBJECT, VIST_SUBJECT
        from frontdoor.mash import holdings
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
        register_navigation(NavigationLink("Triage queue", "mash:queue", "mash.triage", 10))
        register_navigation(NavigationLink("Identity review", "mash:review", "linkage.review", 30))
