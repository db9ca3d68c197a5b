"""The MASH's use cases: pick a referral up for screening, set its priority, decide on it, triage a police VIST,
and give a referral or VIST to a MASH worker (or take it).

Each runs in one transaction with its audit row and the clock it meets; the referrer is told through
`intake.services.tell_referrer`, and the force that sent a VIST through `intake.services.tell_force`, in the same
transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.clocks import meet_clock
from frontdoor.core.logging import log_after_commit
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake.clocks import REFERRAL_DECISION
from frontdoor.intake.models import (
    REFERRAL_SUBJECT,
    VIST_SUBJECT,
    Referral,
    ReferralStatus,
    RiskGrade,
    Vist,
    VistStatus,
    VistUpdate,
)
from frontdoor.intake.services import tell_force, tell_referrer
from frontdoor.mash.models import Assignment, Decision, Outcome, ReferralPriority, VistOutcome, VistTriage
from frontdoor.mash.queue import OPEN_STATUSES, name_of
from frontdoor.mash.selectors import is_mash_worker, of_item

log = logging.getLogger(__name__)


def _worker(actor: Actor) -> User:
    if actor.user is None:
        raise ValueError("the MASH decides through its workers, not through an API client")
    return actor.user


def _meet_clocks(subject_type: str, subject_id: int, at: datetime, rules: tuple[str, ...] = ()) -> None:
    clocks = Clock.objects.filter(
        subject_type=subject_type, subject_id=str(subject_id), state__in=[ClockState.RUNNING, ClockState.BREACHED]
    )
    for clock in clocks.filter(rule__in=rules) if rules else clocks:
        meet_clock(clock, at)


def start_screening(referral: Referral, *, actor: Actor) -> Referral:
    """A MASH worker has picked the referral up: the referrer sees it is being screened."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status == ReferralStatus.RECEIVED:
            tell_referrer(referral, status=ReferralStatus.SCREENING, at=timezone.now())
            record_access(
                actor, None, action="start_screening", purpose=referral.reference, outcome=AuditOutcome.ALLOWED
            )
        return referral


def record_decision(referral: Referral, *, actor: Actor, outcome: str, summary: str) -> Decision:
    """The MASH decision on a referral: the referrer is told the outcome, and the decision clock is met.

    One decision per referral: a second (a double click, two workers at once) changes nothing and returns the first.
    """
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        existing = Decision.objects.filter(referral=referral).first()
        if existing is not None:
            return existing
        decision = Decision.objects.create(
            referral=referral, outcome=outcome, summary=summary, decided_at=timezone.now(), decided_by=_worker(actor)
        )
        _meet_clocks(REFERRAL_SUBJECT, referral.pk, decision.decided_at, (REFERRAL_DECISION.code,))
        tell_referrer(
            referral,
            status=ReferralStatus.DECIDED,
            at=decision.decided_at,
            outcome=outcome,
            outcome_label=Outcome(outcome).label,
            summary=summary,
        )
        record_access(actor, None, action="record_decision", purpose=referral.reference, outcome=AuditOutcome.ALLOWED)
        log_after_commit(log, "mash.referral_decided referral=%s outcome=%s", referral.pk, outcome)
        return decision


# What the force is told of each triage outcome: fixed words, never the worker's rationale (which may hold what other
# agencies said in MASH checks).
FORCE_TOLD = {
    VistOutcome.REFERRAL: "The MASH triaged this VIST and referred the children to children's social care.",
    VistOutcome.STRATEGY_DISCUSSION: (
        "The MASH triaged this VIST: a strategy discussion is to be held about the children."
    ),
    VistOutcome.EARLY_HELP: "The MASH triaged this VIST and offered the family early help.",
    VistOutcome.INFORMATION_SHARED: (
        "The MASH triaged this VIST and shared the information with the child's school and health services."
    ),
    VistOutcome.NO_FURTHER_ACTION: "The MASH triaged this VIST: no further action by children's social care.",
}


def _tell_force_screening(vist: Vist, at: datetime) -> bool:
    """Tell the force its VIST is being screened, once, and never after triage (call holding the VIST's lock)."""
    if VistUpdate.objects.filter(vist=vist).exists() or VistTriage.objects.filter(vist=vist).exists():
        return False
    tell_force(vist, status=VistStatus.SCREENING, at=at)
    return True


def start_vist_screening(vist: Vist, *, actor: Actor) -> None:
    """A MASH worker has picked the VIST up by opening it: the force is told it is being screened."""
    with transaction.atomic():
        vist = Vist.objects.select_for_update().get(pk=vist.pk)
        if _tell_force_screening(vist, timezone.now()):
            purpose = vist.reference
            record_access(actor, None, action="start_vist_screening", purpose=purpose, outcome=AuditOutcome.ALLOWED)


def triage_vist(vist: Vist, *, actor: Actor, outcome: str, rationale: str) -> VistTriage:
    """The MASH has triaged a VIST: what happens next and why. Its clock is met (late if it was missed).

    Triaged once: a second submission (a double click, two workers) changes nothing and returns the first."""
    with transaction.atomic():
        vist = Vist.objects.select_for_update().get(pk=vist.pk)
        existing = VistTriage.objects.filter(vist=vist).first()
        if existing is not None:
            return existing
        triage = VistTriage.objects.create(
            vist=vist, outcome=outcome, rationale=rationale, triaged_at=timezone.now(), triaged_by=_worker(actor)
        )
        _meet_clocks(VIST_SUBJECT, vist.pk, triage.triaged_at)
        tell_force(
            vist,
            status=VistStatus.TRIAGED,
            at=triage.triaged_at,
            outcome=outcome,
            outcome_label=VistOutcome(outcome).label,
            summary=FORCE_TOLD[VistOutcome(outcome)],
        )
        record_access(actor, None, action="triage_vist", purpose=vist.reference, outcome=AuditOutcome.ALLOWED)
        log_after_commit(log, "mash.vist_triaged vist=%s outcome=%s", vist.pk, outcome)
        return triage


def set_priority(referral: Referral, *, actor: Actor, priority: str) -> ReferralPriority:
    """A MASH worker gives the referral its priority at triage; the earlier ones are kept."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        row = ReferralPriority.objects.create(
            referral=referral, priority=RiskGrade(priority), set_at=timezone.now(), set_by=_worker(actor)
        )
        purpose = f"{referral.reference}: {priority}"
        record_access(actor, None, action="set_priority", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        log_after_commit(log, "mash.priority_set referral=%s priority=%s", referral.pk, priority)
        return row


class AssignmentRefused(Exception):
    """The assignment cannot be made; `message` says why in words a worker can act on. `forbidden` means the role
    may not do this at all (the page never offers it), rather than that someone else got there first."""

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden


def _still_open(item: Referral | Vist) -> bool:
    if isinstance(item, Referral):
        return item.status in OPEN_STATUSES
    return not VistTriage.objects.filter(vist=item).exists()


def assign(item: Referral | Vist, *, actor: Actor, worker: User) -> Assignment:
    """Give a referral or VIST to a MASH worker, or take it yourself (`worker` is the actor).

    Any MASH role may take work nobody has; giving it to someone else needs `mash.decide`, and taking it from the
    worker who has it needs `mash.reassign`. The current assignment ends and the new one starts in one transaction,
    under a lock on the item, so two workers taking the same item at once cannot both have it."""
    me = _worker(actor)
    if not role_grants(actor.role, "mash.triage"):
        raise AssignmentRefused("Only the MASH works the triage queue", forbidden=True)
    if worker != me and not role_grants(actor.role, "mash.decide"):
        raise AssignmentRefused("Only a MASH social worker or manager can give work to someone else", forbidden=True)
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        of = of_item(item)
        if not _still_open(item):
            raise AssignmentRefused(f"{item.reference} has already been decided: it is no longer in the queue")
        if not is_mash_worker(worker):
            raise AssignmentRefused(f"{name_of(worker)} does not work in the MASH: choose someone who does")
        current = Assignment.objects.filter(ended_at__isnull=True, **of).select_related("worker").first()
        if current is not None and current.worker == worker:
            return current
        if current is not None and not role_grants(actor.role, "mash.reassign"):
            raise AssignmentRefused(
                f"{item.reference} is already assigned to {name_of(current.worker)}. "
                "Only a MASH manager can reassign it."
            )
        now = timezone.now()
        if current is not None:
            current.ended_at = now
            current.save(update_fields=["ended_at"])
        assignment = Assignment.objects.create(worker=worker, assigned_by=me, assigned_at=now, **of)
        if isinstance(item, Vist):
            _tell_force_screening(item, now)  # a worker has it: the force sees it is being screened
        kind = "referral" if isinstance(item, Referral) else "vist"
        record_access(
            actor,
            None,
            action=f"assign_{kind}",
            purpose=f"{item.reference} to user {worker.pk}" + (f" from user {current.worker_id}" if current else ""),
            outcome=AuditOutcome.ALLOWED,
        )
        log_after_commit(log, "mash.assigned %s=%s worker=%s by=%s", kind, item.pk, worker.pk, me.pk)
        return assignment
