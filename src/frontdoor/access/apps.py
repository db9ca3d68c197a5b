from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class AccessConfig(AppConfig):
    name = "frontdoor.access"
    verbose_name = "Users, roles and access audit"

    def ready(self) -> None:
        from frontdoor.access import signals  # noqa: F401  (connects the sign-in stamp)
        from frontdoor.access.matrix import PolicyError, configure

        # A broken access policy stops the application at start-up, never at the first look at a child.
        try:
            configure(settings.FRONTDOOR_ACCESS_POLICY or None)
        except PolicyError as exc:
            raise ImproperlyConfigured(f"The access policy is not valid: {exc}") from None
