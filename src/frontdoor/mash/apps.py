from django.apps import AppConfig


class MashConfig(AppConfig):
    name = "frontdoor.mash"
    verbose_name = "MASH: triage and decisions"

    def ready(self) -> None:
        from frontdoor.access.relationships import register_relationship_source
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import HomeSection, register_home_section, register_subject
        from frontdoor.intake.models import REFERRAL_SUBJECT, VIST_SUBJECT
        from frontdoor.mash import holdings
        from frontdoor.mash.relationships import in_the_triage_queue
        from frontdoor.people.providers import register_person_provider

        # Children in the triage queue are the MASH's to see: a legitimate relationship for MASH roles.
        register_relationship_source(in_the_triage_queue)
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
