"""Users and their roles, API clients, and the access audit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from frontdoor.access.roles import Role
from frontdoor.people.models import Agency, Person


class User(AbstractUser):
    """A person who signs in. They belong to one agency and act in one of their roles at a time."""

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.username

    def current_roles(self) -> list[str]:
        return sorted(self.role_grants.filter(revoked_at__isnull=True).values_list("role", flat=True))


class RoleGrant(models.Model):
    """A role a user holds. Revoking it takes effect on the user's next request."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=40, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(revoked_at__isnull=True), name="one_live_grant_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} for user {self.user_id}"


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    DENIED = "denied", "Denied"


class AccessAudit(models.Model):
    """One look at (or refusal of) a person's data: who, in which role and agency, why, when, in which request."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    api_client = models.ForeignKey(
        "access.ApiClient", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    active_role = models.CharField(max_length=40, blank=True)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=40)
    purpose = models.CharField(max_length=200)
    outcome = models.CharField(max_length=10, choices=AuditOutcome.choices)
    request_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "at"], name="audit_by_person")]

    def __str__(self) -> str:
        return f"{self.action} of person {self.person_id} by {self.actor_id} ({self.outcome})"


class ApiClient(models.Model):
    """A partner agency's system calling the API. Only a hash of its bearer token is kept."""

    name = models.CharField(max_length=100, unique=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="api_clients")
    token_prefix = models.CharField(max_length=12, help_text="The token's first characters, to recognise it")
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "API client"

    def __str__(self) -> str:
        return self.name
