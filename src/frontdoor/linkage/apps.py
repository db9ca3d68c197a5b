from django.apps import AppConfig


class LinkageConfig(AppConfig):
    name = "frontdoor.linkage"
    verbose_name = "Identity resolution"
