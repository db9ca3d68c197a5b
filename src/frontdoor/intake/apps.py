from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "frontdoor.intake"
    verbose_name = "Intake: referrals, VISTs and incidents"
