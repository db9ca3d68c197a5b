from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "frontdoor.core"
    verbose_name = "Calendars, clocks and outbox"
