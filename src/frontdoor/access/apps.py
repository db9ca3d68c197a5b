from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class AccessConfig(AppConfig):
    name = "frontdoor.access"
    verbose_name = "Users, roles and access audit"

    def ready(self) -> None:
        from frontdoor.access import (
            audit,
            dormancy,
            oversight,
            signals,  # noqa: F401  (connects the sign-in stamp)
            throttle,  # noqa: F401  (connects the lockout log line)
        )
        from frontdoor.access.audit import describe_action
        from frontdoor.access.matrix import PolicyError, configure
        from frontdoor.access.role_permissions import PERMISSIONS
        from frontdoor.core.registry import (
            HomeSection,
            Job,
            NavigationLink,
            register_home_section,
            register_job,
            register_navigation,
        )

        # A broken access policy stops the application at start-up, never at the first look at a child.
        try:
            configure(settings.FRONTDOOR_ACCESS_POLICY or None)
        except PolicyError as exc:
            raise ImproperlyConfigured(f"The access policy is not valid: {exc}") from None
        # Rows are sealed when their transaction commits; this seals any whose process died before it could.
        register_job(Job("seal_audit_chain", audit.seal_chain, 2))
        # A signed checkpoint of the chain's head, outside the database (ADR 0006).
        register_job(Job("checkpoint_audit_chain", audit.write_checkpoint, settings.FRONTDOOR_AUDIT_CHECKPOINT_SECONDS))
        audit.describe_action("retention_delete", "Deleted at the end of its retention period")
        # Accounts with no sign-in for FRONTDOOR_DORMANT_ACCOUNT_DAYS are disabled (a way in nobody is watching).
        register_job(Job("disable_dormant_accounts", dormancy.disable_dormant_accounts, 3600))
        register_home_section(
            HomeSection(
                key="access.reviews",
                title="Access reviews",
                template="access/_home_reviews.html",
                roles=frozenset(PERMISSIONS["access.review"]),
                build=oversight.home_reviews,
                order=10,
            )
        )
        register_navigation(NavigationLink("Break-glass reviews", "access:break-glass-list", "access.review", 50))
        register_navigation(NavigationLink("Unusual access", "access:reviews", "audit.view", 60))
        register_navigation(NavigationLink("Access policy", "access:policy", "access.policy.view", 70))
        for action, label in (
            ("grant_role", "Gave a role"),
            ("request_role", "Asked for a role for someone"),
            ("approve_role", "Approved a role"),
            ("refuse_role", "Refused a role"),
            ("add_relationship", "Gave a relationship with the person"),
        ):
            describe_action(action, label)
