from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "frontdoor.linkage"
    verbose_name = "Identity resolution"

    def ready(self) -> None:
        from frontdoor.core.registry import Job, register_job
        from frontdoor.linkage import incremental

        # New and changed agency records reach the children's pages within seconds (ADR 0004).
        register_job(Job("link_pending_records", incremental.link_pending_records, 2))
