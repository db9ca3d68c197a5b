"""What arrives at the front door: referrals (MARFs), police VISTs and domestic-abuse incidents.

Named after the DfE Standard Safeguarding Dataset (ssd_contacts, ssd_voice_of_child) where it has a name.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.access.models import ApiClient
from frontdoor.people.models import Agency, Person, Sex

# What a clock or a notification about a referral or a VIST names as its subject (`core.Clock.subject_type`).
REFERRAL_SUBJECT = "intake.referral"
VIST_SUBJECT = "intake.vist"
INCIDENT_SUBJECT = "intake.incident"


class LevelOfNeed(models.IntegerChoices):
    # The partnership's levels of intervention: Gloucestershire's four by default.
    UNIVERSAL = 1, "Level 1: universal (no additional needs)"
    ADDITIONAL = 2, "Level 2: additional (graduated response, My Plan)"
    INTENSIVE = 3, "Level 3: intensive (multi-agency My Assessment, My Plan+)"
    SPECIALIST = 4, "Level 4: specialist (statutory: child in need, child protection, children in care)"


class Channel(models.TextChoices):
    WEB = "web", "Web form"
    API = "api", "Partner API"


class ReferralStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    SCREENING = "screening", "Being screened"
    DECIDED = "decided", "Decision made"


class ConsentStatus(models.TextChoices):
    GIVEN = "given", "Consent given"
    NOT_SOUGHT = "not_sought", "Consent not sought"
    DISPENSED = "dispensed", "Consent dispensed with: risk of significant harm"


class Referral(models.Model):
    """A multi-agency referral form (MARF), from the web journey or a partner's system."""

    reference = models.CharField(max_length=20, unique=True)
    channel = models.CharField(max_length=8, choices=Channel.choices)
    status = models.CharField(max_length=16, choices=ReferralStatus.choices, default=ReferralStatus.RECEIVED)
    received_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_made"
    )
    api_client = models.ForeignKey(ApiClient, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    referrer_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referrals")
    referrer_name = models.CharField(max_length=200)
    referrer_role = models.CharField(max_length=200)
    referrer_phone = models.CharField(max_length=40, blank=True)
    referrer_email = models.EmailField(blank=True)
    referrer_relationship = models.CharField("relationship to the child", max_length=200, blank=True)
    referrer_confidential = models.BooleanField(default=False)
    concern = models.TextField()
    first_hand = models.TextField("what the referrer saw or heard themselves", blank=True)
    third_party = models.TextField("what others told the referrer", blank=True)
    presenting_issues = models.JSONField(default=list, blank=True)
    risks = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    previous_support = models.TextField(blank=True)
    level_of_need = models.PositiveSmallIntegerField(choices=LevelOfNeed.choices)
    consent = models.CharField(max_length=16, choices=ConsentStatus.choices)
    consent_given_by = models.CharField(max_length=200, blank=True)
    consent_covers = models.CharField("whose information the consent covers", max_length=300, blank=True)
    consent_rationale = models.TextField(blank=True, help_text="Why not sought, or why dispensed with")
    parents_informed = models.BooleanField(null=True)
    parents_not_informed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        # The scorecard counts a period's referrals (a year's, a month at a time for its trends).
        indexes = [models.Index(fields=["received_at"], name="referral_received")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(consent__in=["not_sought", "dispensed"]) | ~Q(consent_rationale=""),
                name="consent_rationale_required",
            ),
            models.CheckConstraint(
                condition=Q(submitted_by__isnull=False) | Q(api_client__isnull=False), name="referral_has_sender"
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def decision_told(self) -> ReferralUpdate | None:
        """The decision the referrer was told, if one has been made (prefetch `updates` when listing)."""
        decided = [u for u in self.updates.all() if u.status == ReferralStatus.DECIDED]
        return decided[-1] if decided else None


class ReferralUpdate(models.Model):
    """What the referrer is told about their referral, in order: that it is being screened, then the decision and
    why. Written through `intake.services.tell_referrer` by the capability that acts on the referral (the MASH), so
    intake shows the referrer the outcome without knowing how it was reached."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    outcome = models.CharField(max_length=40, blank=True, help_text="The decision's code, for partners' systems")
    outcome_label = models.CharField(max_length=200, blank=True, help_text="The decision in words")
    summary = models.TextField(blank=True, help_text="The decision and its reasons, as the referrer sees them")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Update {self.pk} on {self.referral_id}"


class ReferralChild(models.Model):
    """One child in a referral, with their own wishes and feelings (each child in a sibling group separately)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="children")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    other_names = models.CharField(max_length=200, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nhs_number = models.CharField(max_length=10, blank=True)
    upn = models.CharField(max_length=13, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    school = models.CharField(max_length=200, blank=True)
    gp = models.CharField("GP", max_length=200, blank=True)
    needs = models.TextField("needs, disability or health", blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    wishes_and_feelings = models.TextField(blank=True)
    wishes_not_obtained_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["referral", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(wishes_and_feelings="") | ~Q(wishes_not_obtained_reason=""),
                name="child_voice_or_reason",
            ),
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=False) | Q(expected_date_of_delivery__isnull=False),
                name="child_dob_or_edd",
            ),
        ]

    def __str__(self) -> str:
        return f"Child {self.pk} in {self.referral_id}"


class ReferralAdult(models.Model):
    """A parent, carer or significant adult in the child's household or life."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="adults")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    # Surnames they were known by before (a maiden name, an earlier married name): the already-known check looks
    # for them under these too, as agencies hold adults under the surname they had then.
    previous_names = models.CharField("previous surnames", max_length=200, blank=True)
    relationship = models.CharField("relationship to the children", max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    parental_responsibility = models.BooleanField(default=False)
    lives_with_child = models.BooleanField(default=True)

    class Meta:
        ordering = ["referral", "id"]

    def __str__(self) -> str:
        return f"Adult {self.pk} in {self.referral_id}"


class IdempotencyKey(models.Model):
    """A partner's Idempotency-Key, claimed in the same transaction as what it created; a replay gets the same
    response."""

    api_client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=200)
    route = models.CharField(max_length=100)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response_body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["api_client", "route", "key"], name="one_claim_per_key")]

    def __str__(self) -> str:
        return f"Key for {self.route} by client {self.api_client_id}"


class ReferralDraft(models.Model):
    """A referral being written, saved on the server as the referrer goes, so nothing is lost to a timeout."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_drafts")
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_referral = models.OneToOneField(
        Referral, null=True, blank=True, on_delete=models.SET_NULL, related_name="draft"
    )

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Draft {self.pk}"


class RiskGrade(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Vist(models.Model):
    """A police vulnerability identification screening tool form. The sending device makes its id, so a retry or
    an upload after lost signal is recognised and stored once."""

    client_id = models.UUIDField(help_text="Made by the officer's device or the police system")
    api_client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20, unique=True)
    received_at = models.DateTimeField()
    submitted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the officer submitted it, as the police system records it (an import)"
    )
    officer_name = models.CharField(max_length=200)
    officer_collar = models.CharField(max_length=40, blank=True)
    incident_reference = models.CharField(max_length=64)
    incident_at = models.DateTimeField()
    children_present = models.BooleanField()
    risk_grade = models.CharField(max_length=8, choices=RiskGrade.choices)
    effective_grade = models.CharField(
        max_length=8, choices=RiskGrade.choices, help_text="Raised to amber when a child has had three greens"
    )
    circumstances = models.TextField()
    child_said = models.TextField(blank=True)
    domestic_abuse = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["api_client", "client_id"], name="one_vist_per_client_id")]

    def __str__(self) -> str:
        return self.reference


class VistStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    SCREENING = "screening", "Being screened"
    TRIAGED = "triaged", "Triaged"
    DISCUSSED = "discussed", "Strategy discussion held"


class VistUpdate(models.Model):
    """What the force is told about its VIST, in order: being screened, the triage outcome, and a strategy
    discussion's outcome. Written through `intake.services.tell_force` by the MASH, in words the force may see (never
    what other agencies shared), so intake shows the force the outcome without knowing how it was reached."""

    vist = models.ForeignKey(Vist, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField()
    status = models.CharField(max_length=16, choices=VistStatus.choices)
    outcome = models.CharField(max_length=40, blank=True, help_text="The outcome's code, for the force's system")
    outcome_label = models.CharField(max_length=200, blank=True, help_text="The outcome in words")
    summary = models.TextField(blank=True, help_text="The outcome as the force sees it")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"Update {self.pk} on VIST {self.vist_id}"


class VistPerson(models.Model):
    vist = models.ForeignKey(Vist, on_delete=models.CASCADE, related_name="persons")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=40, help_text="subject, child present, parent, suspect, victim, ...")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    is_child = models.BooleanField(default=False)

    class Meta:
        ordering = ["vist", "id"]

    def __str__(self) -> str:
        return f"{self.role} in {self.vist_id}"


class DomesticAbuseIncident(models.Model):
    """A domestic-abuse incident police attended, with the adults involved and the children linked to them."""

    api_client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="+")
    incident_reference = models.CharField(max_length=64)
    received_at = models.DateTimeField()
    occurred_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    circumstances = models.TextField(blank=True)
    officer_name = models.CharField("attending officer", max_length=200, blank=True)
    officer_collar = models.CharField(max_length=40, blank=True)
    team = models.CharField(max_length=100, blank=True, help_text="The attending officer's team or unit")
    vist = models.ForeignKey(Vist, null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents")

    class Meta:
        ordering = ["-occurred_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["api_client", "incident_reference"], name="one_incident_per_reference")
        ]

    def __str__(self) -> str:
        return self.incident_reference


class IncidentPerson(models.Model):
    incident = models.ForeignKey(DomesticAbuseIncident, on_delete=models.CASCADE, related_name="persons")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    role = models.CharField(max_length=40, help_text="victim, suspect, other adult, child")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    is_child = models.BooleanField(default=False)
    present = models.BooleanField(null=True, help_text="For a child: present at the incident")
    school = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["incident", "id"]

    def __str__(self) -> str:
        return f"{self.role} in {self.incident_id}"


# The already-known checks live in their own module; imported here so Django registers them with intake's models.
from frontdoor.intake.models_checks import ArrivalKind, CheckCandidate, IdentityCheck  # noqa: E402, F401
