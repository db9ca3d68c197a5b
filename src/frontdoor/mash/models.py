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


# --- MASH checks: what the MASH asks partner agencies, and what they answer --------------------------------------


class CheckStatus(models.TextChoices):
    OPEN = "open", "Waiting for an answer"
    ANSWERED = "answered", "Answered"
    DECLINED = "declined", "Declined"


class MashCheck(models.Model):
    """A request for information from one partner agency about named people on a referral or VIST under screening,
    with the question, its priority (which sets the clock: `mash.checks_clocks`) and, once given, the answer.

    The answer is structured as the MASH reads it: what the agency knows, the risks, the strengths and the child's
    voice where the agency has it; or a decline with its reason. `requested_at` and `answered_at` are kept for the
    partnership's scorecards (each agency's response times: `checks_selectors.list_response_times`)."""

    reference = models.CharField(max_length=20, unique=True)
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="mash_checks")
    vist = models.ForeignKey(Vist, null=True, blank=True, on_delete=models.PROTECT, related_name="mash_checks")
    agency = models.ForeignKey("people.Agency", on_delete=models.PROTECT, related_name="mash_checks")
    question = models.TextField()
    priority = models.CharField(max_length=8, choices=RiskGrade.choices)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    remind_at = models.DateTimeField(help_text="When the agency's responders are reminded, if it is still open")
    reminded_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=CheckStatus.choices, default=CheckStatus.OPEN)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_by_client = models.ForeignKey(
        "access.ApiClient", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    known = models.TextField("what the agency knows", blank=True)
    risks = models.TextField(blank=True)
    strengths = models.TextField(blank=True)
    child_voice = models.TextField("the child's voice", blank=True)
    decline_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(referral__isnull=False, vist__isnull=True) | Q(referral__isnull=True, vist__isnull=False),
                name="mash_check_of_one_item",
            ),
            models.CheckConstraint(
                condition=Q(status="open", answered_at__isnull=True)
                | (~Q(status="open") & Q(answered_at__isnull=False)),
                name="mash_check_answered_when_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status"], name="mash_check_agency_queue"),
            models.Index(fields=["status", "remind_at"], name="mash_check_reminders"),
        ]

    def __str__(self) -> str:
        return f"MASH check {self.reference}"

    @property
    def item(self) -> Referral | Vist:
        return self.referral if self.referral_id else self.vist  # type: ignore[return-value]

    @property
    def item_reference(self) -> str:
        return self.item.reference


class MashCheckPerson(models.Model):
    """One person a check asks about, as the item named them when it was asked (and the person they are linked to,
    so the agency's responders may open that record: `checks_holdings.the_check_asks_about`)."""

    mash_check = models.ForeignKey(MashCheck, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=200)
    described_as = models.CharField(max_length=200, help_text="child, mother, suspect, ...")
    date_of_birth = models.DateField(null=True, blank=True)
    is_child = models.BooleanField(default=False)

    class Meta:
        ordering = ["mash_check", "-is_child", "id"]

    def __str__(self) -> str:
        return f"Person {self.pk} on MASH check {self.mash_check_id}"


# --- The daily vulnerability meeting and the emergency duty team (their own modules, Django finds them here) --------

from frontdoor.mash import models_edt, models_meeting  # noqa: E402, F401

# The initial child protection conference, likewise.
from frontdoor.mash.models_conference import (  # noqa: E402, F401
    ChildProtectionConference,
    ConferenceAttendance,
    ConferenceOutcome,
)

# Strategy discussions live in their own module; imported here so Django finds them with the MASH's other models.
from frontdoor.mash.models_strategy import (  # noqa: E402, F401
    StrategyAction,
    StrategyDecision,
    StrategyDiscussion,
    StrategyInvitee,
    StrategyPerson,
)
