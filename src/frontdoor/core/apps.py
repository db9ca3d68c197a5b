from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "frontdoor.core"
    verbose_name = "Calendars, clocks and outbox"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from frontdoor.core import clocks, outbox, planner
        from frontdoor.core.models import ClosureDay
        from frontdoor.core.registry import Job, register_job

        for signal in (post_save, post_delete):
            signal.connect(clocks.forget_working_calendar, sender=ClosureDay, dispatch_uid=f"closure-{signal}")
        register_job(Job("sweep_due_clocks", clocks.sweep_due_clocks, 15))
        register_job(Job("deliver_outbox", outbox.deliver_due, 5))
        register_job(Job("refresh_planner_statistics", planner.refresh_stale_statistics, 3600))
