from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "frontdoor.core"
    verbose_name = "Calendars, clocks and outbox"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from frontdoor.core.clocks import forget_working_calendar
        from frontdoor.core.models import ClosureDay

        for signal in (post_save, post_delete):
            signal.connect(forget_working_calendar, sender=ClosureDay, dispatch_uid=f"closure-{signal}")
