from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "frontdoor.access"
    verbose_name = "Users, roles and access audit"

    def ready(self) -> None:
        from frontdoor.access import signals  # noqa: F401  (connects the sign-in stamp)
