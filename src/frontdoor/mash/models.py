"""The MASH's own records: the decision on each referral and the triage of each police VIST.

What arrives is `intake`'s; what the MASH makes of it is here. The referrer is told the decision through
`intake.services.tell_referrer`, so intake never needs to know how it was reached.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from frontdoor.intake.models import Referral, Vist


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
