"""Users and their roles, API clients, and the access audit."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from frontdoor.access.roles import Role
from frontdoor.core.identifiers import normalise_postcode
from frontdoor.people.models import Agency, Person


class User(AbstractUser):
    """A person who signs in. They belong to one agency and act in one of their roles at a time."""

    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="users")
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    home_postcode = models.CharField(
        max_length=10,
        blank=True,
        help_text="Only to flag a look at the record of someone living at the same postcode (insider misuse).",
    )
    reactivated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the account was last enabled again: a dormant account re-enabled gets a fresh period.",
    )

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.username

    def save(self, *args, **kwargs):
        self.home_postcode = normalise_postcode(self.home_postcode) if self.home_postcode else ""
        fields = kwargs.get("update_fields")
        enabling = self.pk and self.is_active and (fields is None or "is_active" in fields)
        if enabling and User.objects.filter(pk=self.pk, is_active=False).exists():
            # Enabled again (by an administrator, or the demo): the dormant-account job counts from now.
            self.reactivated_at = timezone.now()
            if fields is not None:
                kwargs["update_fields"] = {*fields, "reactivated_at"}
        super().save(*args, **kwargs)

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


class RoleGrantRequest(models.Model):
    """A role asked for in the administration site that reads children's records: it takes effect only when a second
    administrator (not the one who asked, nor the user) approves it, so no one administrator can give a child's
    record to anyone, themselves least of all."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_requests")
    role = models.CharField(max_length=40, choices=Role.choices)
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    approved = models.BooleanField(null=True, help_text="Empty until a second administrator decides")

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = "role waiting for a second administrator"
        verbose_name_plural = "roles waiting for a second administrator"

    def __str__(self) -> str:
        return f"{self.get_role_display()} asked for"


class AuditOutcome(models.TextChoices):
    ALLOWED = "allowed", "Allowed"
    DENIED = "denied", "Denied"


class AppendOnlyError(Exception):
    """The access audit is append-only: the application never changes or removes a row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("access-audit rows cannot be changed")

    def delete(self):
        raise AppendOnlyError("access-audit rows cannot be deleted")

    def bulk_update(self, *args, **kwargs):
        raise AppendOnlyError("access-audit rows cannot be changed")

    def bulk_create(self, *args, **kwargs):
        # Rows join the hash chain through frontdoor.access.audit (record_access, record_accesses), never here.
        raise AppendOnlyError("access-audit rows are added through record_access or record_accesses")


class AuditBasis(models.TextChoices):
    POLICY = "policy", "The role's policy"
    RELATIONSHIP = "relationship", "A legitimate relationship"
    BREAK_GLASS = "break_glass", "Break-glass"


class AccessAudit(models.Model):
    """One look at (or refusal of) a person's data: who, in which role and agency, why, when, in which request.

    Append-only: on PostgreSQL the application's database role may only INSERT and SELECT this table. Each row is
    written with `entry_mac`, an HMAC of its content under the audit key, so a change made before it is sealed is
    found; it is then sealed onto the keyed hash chain (an `AuditSeal` row) when its transaction commits, or by the
    worker. `frontdoor verify_audit` finds the first changed, removed, inserted or reordered row. See ADR 0006.
    """

    at = models.DateTimeField(default=timezone.now, db_index=True)
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
    basis = models.CharField(max_length=16, choices=AuditBasis.choices, blank=True)
    break_glass = models.ForeignKey(
        "access.BreakGlass", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    key_id = models.CharField(max_length=16, help_text="Which audit key the row's MAC and seal were made with")
    entry_mac = models.CharField(max_length=64, help_text="HMAC of the row's content, made when it was written")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["person", "at"], name="audit_by_person"),
            models.Index(fields=["actor", "at"], name="audit_by_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.action} of person {self.person_id} by {self.actor_id} ({self.outcome})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("access-audit rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("access-audit rows cannot be deleted")


class AuditSeal(models.Model):
    """An audit row's place on the hash chain: `row_hash = HMAC(key, prev_hash + the row's content)`, numbered from
    1. A table of its own so that sealing inserts and never updates: the audit tables are INSERT and SELECT only."""

    seq = models.BigIntegerField(primary_key=True, help_text="The row's place in the hash chain, from 1")
    entry = models.OneToOneField(AccessAudit, on_delete=models.PROTECT, related_name="seal")
    key_id = models.CharField(max_length=16)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"audit seal {self.seq}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("audit seals cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("audit seals cannot be deleted")


class PendingSeal(models.Model):
    """An audit row written and not yet sealed: the sealer's work list, so that it never scans the whole audit.
    Written in the same transaction as the row; removed when the row is sealed."""

    entry = models.OneToOneField(AccessAudit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["entry"]

    def __str__(self) -> str:
        return f"audit row {self.entry_id} waiting to be sealed"


class AuditChainHead(models.Model):
    """The one row holding the chain's last sequence number and hash. The sealer locks it (SELECT ... FOR UPDATE on
    PostgreSQL; SQLite's BEGIN IMMEDIATE serialises writers), so two sealers never fork the chain."""

    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="one_audit_chain_head")]

    def __str__(self) -> str:
        return f"audit chain at {self.seq}"


class RelationshipKind(models.TextChoices):
    CASELOAD = "caseload", "In the worker's caseload"
    TEAM_QUEUE = "team_queue", "In the team's queue"
    PUPIL = "pupil", "A pupil at the school"
    MASH_CHECK = "mash_check", "Asked about in a MASH check"


class LegitimateRelationship(models.Model):
    """A worker's (or a team's) reason to see a person in full: the person is in their caseload or queue.

    A team is an agency, optionally narrowed to one role in it (say, the council's MASH social workers).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="caseload"
    )
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=40, choices=Role.choices, blank=True, help_text="Blank: any role")
    kind = models.CharField(max_length=16, choices=RelationshipKind.choices)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["person", "id"]
        indexes = [
            models.Index(fields=["person", "user"], name="relationship_by_user"),
            models.Index(fields=["person", "agency"], name="relationship_by_team"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(agency__isnull=False), name="relationship_has_a_holder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: person {self.person_id}"


class BreakGlassReview(models.TextChoices):
    AWAITING = "awaiting", "Awaiting review"
    JUSTIFIED = "justified", "Justified"
    REFERRED = "referred", "Referred for investigation"


class BreakGlass(models.Model):
    """Access to a person's full record without a legitimate relationship: a reason, a time limit, and a review
    by a second person."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glasses")
    role = models.CharField(max_length=40, choices=Role.choices)
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    request_id = models.CharField(max_length=64, blank=True)
    review = models.CharField(max_length=10, choices=BreakGlassReview.choices, default=BreakGlassReview.AWAITING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-granted_at", "-id"]
        verbose_name = "break-glass access"
        verbose_name_plural = "break-glass accesses"
        indexes = [
            models.Index(fields=["user", "person", "expires_at"], name="break_glass_live"),
            models.Index(fields=["review", "granted_at"], name="break_glass_review"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("granted_at")), name="break_glass_expires_later"),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True) | ~Q(reviewed_by=F("user")),
                name="break_glass_reviewed_by_another",
            ),
        ]

    def __str__(self) -> str:
        return f"BG-{self.pk}"

    @property
    def reference(self) -> str:
        return f"BG-{self.pk}"


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


class RecoveryCode(models.Model):
    """One of a user's two-factor recovery codes, for when their authenticator app is lost. Only a hash of the code is
    kept (the code itself is shown once, when issued), and each works once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Recovery code {self.pk} for user {self.user_id} ({'used' if self.used_at else 'unused'})"


class LegalHold(models.Model):
    """Keep a person's records, or one record, past its retention period: litigation, an inquiry, a complaint, a
    subject access request in progress. The retention command deletes nothing a live hold covers."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    record_type = models.CharField(max_length=40, blank=True, help_text="A retention record type, e.g. referral_nfa")
    record_id = models.CharField(max_length=64, blank=True, help_text="The record's reference or id")
    reason = models.TextField()
    placed_at = models.DateTimeField(default=timezone.now)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(record_type="") & Q(record_id=""))
                | (Q(person__isnull=True) & ~Q(record_type="") & ~Q(record_id="")),
                name="legal_hold_on_a_person_or_a_record",
            )
        ]

    def __str__(self) -> str:
        what = f"person {self.person_id}" if self.person_id else f"{self.record_type} {self.record_id}"
        return f"Legal hold {self.pk} on {what}"
