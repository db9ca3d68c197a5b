from django.apps import AppConfig


class MashConfig(AppConfig):
    name = "frontdoor.mash"
    verbose_name = "MASH: triage and decisions"
