"""The MASH's use cases: pick a referral up for screening, decide on it, triage a police VIST.

Each runs in one transaction with its audit row and the clock it meets; the referrer is told through
`intake.services.tell_referrer` in the same transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.core.clocks import meet_clock
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake.clocks import REFERRAL_DECISION
from frontdoor.intake.models import REFERRAL_SUBJECT, VIST_SUBJECT, Referral, ReferralStatus, Vist
from frontdoor.intake.services import tell_referrer
from frontdoor.mash.models import Decision, Outcome, VistTriage

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
        log.info("mash.referral_decided referral=%s outcome=%s", referral.pk, outcome)
        return decision


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
        record_access(actor, None, action="triage_vist", purpose=vist.reference, outcome=AuditOutcome.ALLOWED)
        log.info("mash.vist_triaged vist=%s outcome=%s", vist.pk, outcome)
        return triage
