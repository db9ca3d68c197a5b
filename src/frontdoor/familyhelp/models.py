"""Family help's own records: each family the MASH stepped down (the children of the referral and their household),
how family help triaged it, who supports it while it waits (the interim duty worker), its allocation to a Family
Help Lead Practitioner with the family's and each child's voice, and each step up to the MASH.

What arrives, and what the MASH decides, are `intake`'s and `mash`'s; family help learns of a decision from what the
referrer was told (`intake.ReferralUpdate`), so it never imports the MASH (see `familyhelp.stepdown`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.intake.models import Referral, ReferralChild, ReferralUpdate, Vist
from frontdoor.people.models import Person


class FamilyStatus(models.TextChoices):
    TRIAGE = "triage", "On the family help triage list"
    WAITING = "waiting", "Waiting for allocation"
    ALLOCATED = "allocated", "Allocated to a lead practitioner"
    STEPPED_UP = "stepped_up", "Stepped up to the MASH"
    CLOSED = "closed", "Closed"


# A family waits for a lead practitioner while it is on one of these lists.
UNALLOCATED = (FamilyStatus.TRIAGE, FamilyStatus.WAITING)


class Family(models.Model):
    """A family in family help: the children of a referral the MASH decided on as early help, and their household.

    `waiting_since` is when the current wait for a lead practitioner began: the MASH's decision that stepped the
    family down (the family has waited since then, whichever list it was on)."""

    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(max_length=16, choices=FamilyStatus.choices, default=FamilyStatus.TRIAGE)
    waiting_since = models.DateTimeField()
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["waiting_since", "id"]
        indexes = [models.Index(fields=["status", "waiting_since"], name="family_by_status")]
        verbose_name_plural = "families"

    def __str__(self) -> str:
        return self.reference


class StepDown(models.Model):
    """The MASH's decision that brought the family to family help (first, or back after a step-up), as the
    referrer was told it. One per decision: a decision is taken once however often the worker looks."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="step_downs")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="+")
    update = models.OneToOneField(ReferralUpdate, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(help_text="When the MASH decided")

    class Meta:
        ordering = ["family", "at", "id"]

    def __str__(self) -> str:
        return f"Step-down of family {self.family_id} by referral {self.referral_id}"


class FamilyChild(models.Model):
    """A child of the family, as the referral named them; `person` once the front door knows who they are (the
    referral's child may be linked later: `referral_child.person` is read too)."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children")
    referral_child = models.ForeignKey(
        ReferralChild, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    first_name = models.CharField(max_length=100, blank=True)
    last_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_delivery = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["family", "id"]

    def __str__(self) -> str:
        return f"Child {self.pk} of family {self.family_id}"

    @property
    def unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_date_of_delivery is not None

    @property
    def name(self) -> str:
        named = f"{self.first_name} {self.last_name}".strip()
        if named:
            return named
        return f"Unborn baby {self.last_name}".strip() if self.unborn else "Name not given"

    @property
    def person_id_known(self) -> int | None:
        """Who the child is, as far as the front door knows (prefetch `referral_child` when listing)."""
        if self.person_id:
            return self.person_id
        return self.referral_child.person_id if self.referral_child is not None else None


class TriageOutcome(models.TextChoices):
    WAITING_LIST = "waiting_list", "Needs a family help lead practitioner: on the allocation waiting list"
    SIGNPOSTED = "signposted", "Signposted to support in the community: family help closed"


class Triage(models.Model):
    """Family help's triage of a family the MASH stepped down: what happens next, and why."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="triages")
    outcome = models.CharField(max_length=16, choices=TriageOutcome.choices)
    note = models.TextField(help_text="What the family was told and why")
    triaged_at = models.DateTimeField()
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["family", "triaged_at", "id"]

    def __str__(self) -> str:
        return f"Triage of family {self.family_id}"


class DutyWorker(models.Model):
    """The duty family help worker who supports a family while it waits for its lead practitioner. Every naming is
    kept: the current one has no `ended_at`."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="duty_workers")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_help_duty")
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["family", "named_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family"], condition=Q(ended_at__isnull=True), name="one_current_duty_worker_per_family"
            )
        ]

    def __str__(self) -> str:
        return f"Duty worker for family {self.family_id}"


class Allocation(models.Model):
    """The family's Family Help Lead Practitioner, and what the family and each child said when it was allocated."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="allocations")
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_help_allocations"
    )
    allocated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    allocated_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    family_voice = models.TextField(help_text="What the parents or carers say they need, in their words")

    class Meta:
        ordering = ["family", "allocated_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["family"], condition=Q(ended_at__isnull=True), name="one_current_lead_per_family"
            ),
            models.CheckConstraint(condition=~Q(family_voice=""), name="family_voice_recorded"),
        ]
        indexes = [
            models.Index(
                fields=["lead_practitioner"], condition=Q(ended_at__isnull=True), name="current_lead_practitioner"
            )
        ]

    def __str__(self) -> str:
        return f"Allocation of family {self.family_id}"


class ChildVoice(models.Model):
    """One child's own wishes and feelings at allocation, or why they could not be obtained: each child separately,
    as the MARF asks (brothers and sisters often see things differently)."""

    allocation = models.ForeignKey(Allocation, on_delete=models.CASCADE, related_name="child_voices")
    child = models.ForeignKey(FamilyChild, on_delete=models.PROTECT, related_name="voices")
    wishes_and_feelings = models.TextField(blank=True)
    not_obtained_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["allocation", "child", "id"]
        constraints = [
            models.UniqueConstraint(fields=["allocation", "child"], name="one_voice_per_child_per_allocation"),
            models.CheckConstraint(
                condition=~Q(wishes_and_feelings="") | ~Q(not_obtained_reason=""), name="family_help_voice_or_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"Voice of child {self.child_id} at allocation {self.allocation_id}"


class StepUp(models.Model):
    """A referral to the front door made from family help, when the worry about a child grew: the family's
    history stays linked to it, and the MASH's decision on it is recorded here when the referrer is told."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="step_ups")
    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="+")
    stepped_up_at = models.DateTimeField()
    stepped_up_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=40, blank=True, help_text="The MASH's decision's code, as intake keeps it")
    outcome_label = models.CharField(max_length=200, blank=True, help_text="The MASH's decision in words")

    class Meta:
        ordering = ["family", "stepped_up_at", "id"]

    def __str__(self) -> str:
        return f"Step-up of family {self.family_id}"


class VistStepDown(models.Model):
    """A police VIST the MASH triaged as early help, which brought the family to family help: the children the VIST
    named, waiting since the triage. One per VIST (`familyhelp.stepdown`)."""

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="vist_step_downs")
    vist = models.OneToOneField(Vist, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(help_text="When the MASH triaged the VIST")

    class Meta:
        ordering = ["family", "at", "id"]

    def __str__(self) -> str:
        return f"Step-down of family {self.family_id} by VIST {self.vist_id}"
