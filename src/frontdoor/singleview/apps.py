from django.apps import AppConfig


class SingleViewConfig(AppConfig):
    name = "frontdoor.singleview"
    verbose_name = "Single view of the child"
