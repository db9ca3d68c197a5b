"""Strategy discussions: convened when there is reasonable cause to suspect a child is suffering, or likely to
suffer, significant harm (Working Together 2026; `domain.md` §1), from a referral, a VIST, an open case (a child's
page) or out of hours by the emergency duty team.

A discussion has its invitees by agency (each attended, or absent with the reason), what each agency shared, its
decisions with their rationale, its actions (each with an owner, a due date and a clock) and the people it is about.
When it starts a section 47 enquiry, the initial child protection conference clock runs from it
(`mash.strategy_clocks`). Imported into `mash.models`, so Django finds these models with the MASH's others.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.intake.models import Referral, Vist


class Attending(models.TextChoices):
    """The agencies a strategy discussion invites, as the discussion names them."""

    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    EARLY_HELP = "early_help", "Family help (early help)"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    HOUSING = "housing", "Housing"
    ADULT_SERVICES = "adult_services", "Adult services"
    OTHER = "other", "Another agency"


class StrategyStatus(models.TextChoices):
    CONVENED = "convened", "To be held"
    RECORDED = "recorded", "Held: record to circulate"
    CIRCULATED = "circulated", "Record circulated"
    CANCELLED = "cancelled", "Cancelled"


class DecisionKind(models.TextChoices):
    SECTION_47_SINGLE = "s47_single", "Section 47 enquiry by children's social care alone"
    SECTION_47_JOINT = "s47_joint", "Section 47 enquiry jointly with the police"
    POLICE_INVESTIGATION = "police_investigation", "Police investigation"
    ASSESSMENT = "assessment", "Child and family assessment"
    FURTHER_DISCUSSION = "further_discussion", "Further strategy discussion"
    NO_FURTHER_ACTION = "nfa", "No further action"


SECTION_47 = frozenset({DecisionKind.SECTION_47_SINGLE, DecisionKind.SECTION_47_JOINT})


class StrategyDiscussion(models.Model):
    """One strategy discussion: what it came from (a referral, a VIST, or neither for an open case or an EDT
    contact), why it was convened, when it was held, and its record's circulation."""

    reference = models.CharField(max_length=20, unique=True)
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    vist = models.ForeignKey(Vist, null=True, blank=True, on_delete=models.PROTECT, related_name="strategy_discussions")
    reason = models.TextField(help_text="Why there is reasonable cause to suspect significant harm")
    out_of_hours = models.BooleanField(default=False)
    pre_birth = models.BooleanField(default=False, help_text="About an unborn child: the pre-birth pathway")
    expected_date_of_delivery = models.DateField(null=True, blank=True)
    school_age = models.BooleanField(default=False, help_text="A child on it is 4 to 16: education must attend")
    status = models.CharField(max_length=16, choices=StrategyStatus.choices, default=StrategyStatus.CONVENED)
    convened_at = models.DateTimeField()
    convened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rationale = models.TextField(blank=True, help_text="Why the discussion decided what it did")
    circulated_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancellation_reason = models.TextField(blank=True, help_text="Why it was cancelled before it was held")

    class Meta:
        ordering = ["-convened_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(referral__isnull=True) | Q(vist__isnull=True), name="strategy_from_one_item"
            ),
        ]
        indexes = [models.Index(fields=["status"], name="strategy_status")]

    def __str__(self) -> str:
        return f"Strategy discussion {self.reference}"


class StrategyPerson(models.Model):
    """A child or adult the discussion is about, as it named them, and the person they are linked to."""

    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    described_as = models.CharField(max_length=200)
    date_of_birth = models.DateField(null=True, blank=True)
    is_child = models.BooleanField(default=False)

    class Meta:
        ordering = ["discussion", "-is_child", "id"]

    def __str__(self) -> str:
        return f"Person {self.pk} on strategy discussion {self.discussion_id}"


class StrategyInvitee(models.Model):
    """An agency invited, who for it (a user, when they have an account: they are told when the record is
    circulated), whether they attended or why not, and what the agency shared."""

    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE, related_name="invitees")
    attending_for = models.CharField(max_length=16, choices=Attending.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="strategy_invites"
    )
    attended = models.BooleanField(null=True, blank=True)
    absence_reason = models.TextField(blank=True)
    information_shared = models.TextField(blank=True)

    class Meta:
        ordering = ["discussion", "id"]

    def __str__(self) -> str:
        return f"Invitee {self.pk} on strategy discussion {self.discussion_id}"


class StrategyDecision(models.Model):
    """One thing the discussion decided (a section 47 enquiry, a police investigation, ...)."""

    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=24, choices=DecisionKind.choices)

    class Meta:
        ordering = ["discussion", "id"]
        constraints = [models.UniqueConstraint(fields=["discussion", "kind"], name="one_decision_of_each_kind")]

    def __str__(self) -> str:
        return f"Decision {self.kind} on strategy discussion {self.discussion_id}"


class StrategyAction(models.Model):
    """An action the discussion agreed: what, whose, and by when (a clock: `mash.strategy_clocks.ACTION`)."""

    discussion = models.ForeignKey(StrategyDiscussion, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="strategy_actions")
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["discussion", "due_on", "id"]

    def __str__(self) -> str:
        return f"Action {self.pk} on strategy discussion {self.discussion_id}"
