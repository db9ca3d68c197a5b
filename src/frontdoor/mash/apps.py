from django.apps import AppConfig


class MashConfig(AppConfig):
    name = "frontdoor.mash"
    verbose_name = "MASH: triage and decisions"

    def ready(self) -> None:
        from frontdoor.access.relationships import register_relationship_source
        from frontdoor.mash.relationships import in_the_triage_queue

        # Children in the triage queue are the MASH's to see: a legitimate relationship for MASH roles.
        register_relationship_source(in_the_triage_queue)
