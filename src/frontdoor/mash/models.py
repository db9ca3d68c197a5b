"""The MASH's own records: the decision on each referral and the triage of each police VIST, the priority it gives
a referral at triage, and who in the MASH is working each one.

What arrives is `intake`'s; what the MASH makes of it is here. The referrer is told the decision through
`intake.services.tell_referrer`, so intake never needs to know how it was reached.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from frontdoor.intake.models import Referral, RiskGrade, Vist


class Outcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    ADVICE = "advice", "Advice and signposting"
    EARLY_HELP = "early_help", "Early help"
    ASSESSMENT = "assessment", "Assessment"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"


class Decision(models.Model):
    """The MASH decision on a referral: the outcome and the reasons the referrer is told."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="mash_decision")
    outcome = models.CharField(max_length=24, choices=Outcome.choices)
    summary = models.TextField(help_text="The decision and the reasons for it; the referrer sees this")
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"Decision on referral {self.referral_id}"


class VistOutcome(models.TextChoices):
    REFERRAL = "referral", "Referral to children's social care"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    EARLY_HELP = "early_help", "Early help"
    INFORMATION_SHARED = "information_shared", "Information shared with the child's school and health services"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class VistTriage(models.Model):
    """The MASH triage of a police VIST: what happens next, and why. One per VIST: the first decision stands."""

    vist = models.OneToOneField(Vist, on_delete=models.PROTECT, related_name="mash_triage")
    outcome = models.CharField(max_length=24, choices=VistOutcome.choices)
    rationale = models.TextField()
    triaged_at = models.DateTimeField()
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-triaged_at", "-id"]

    def __str__(self) -> str:
        return f"Triage of VIST {self.vist_id}"


class ReferralPriority(models.Model):
    """The priority (red, amber or green) the MASH gives a referral at triage. Every change is kept and the latest
    stands; until a worker sets one, the queue suggests one from the level of need and the presenting issues."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="mash_priorities")
    priority = models.CharField(max_length=8, choices=RiskGrade.choices)
    set_at = models.DateTimeField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-set_at", "-id"]

    def __str__(self) -> str:
        return f"Priority of referral {self.referral_id}"


class Assignment(models.Model):
    """Who in the MASH is working a referral or a VIST. Every assignment is kept: the current one has no `ended_at`,
    and a reassignment ends it and starts the next, so the history says who assigned whom, and when."""

    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="mash_assignments"
    )
    vist = models.ForeignKey(Vist, null=True, blank=True, on_delete=models.PROTECT, related_name="mash_assignments")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mash_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(referral__isnull=False, vist__isnull=True) | Q(referral__isnull=True, vist__isnull=False),
                name="assignment_of_one_item",
            ),
            models.UniqueConstraint(
                fields=["referral"],
                condition=Q(ended_at__isnull=True, referral__isnull=False),
                name="one_current_assignment_per_referral",
            ),
            models.UniqueConstraint(
                fields=["vist"],
                condition=Q(ended_at__isnull=True, vist__isnull=False),
                name="one_current_assignment_per_vist",
            ),
        ]
        indexes = [
            models.Index(fields=["worker"], condition=Q(ended_at__isnull=True), name="current_assignment_worker")
        ]

    def __str__(self) -> str:
        item = f"referral {self.referral_id}" if self.referral_id else f"VIST {self.vist_id}"
        return f"Assignment of {item} to user {self.worker_id}"
