"""Referrals: store one with its children and adults, acknowledge it at once, start its decision clock, and tell the
referrer what happens to it.

Each use case runs in one transaction with its audit row, its outbox rows and its clock, so what is acknowledged is
stored, and what is stored is acknowledged and timed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.access.selectors import active_users_with_role
from frontdoor.core import outbox
from frontdoor.core.clocks import start_clock
from frontdoor.core.logging import log_after_commit
from frontdoor.core.models import OutboxChannel
from frontdoor.intake import matching
from frontdoor.intake.clocks import REFERRAL_DECISION
from frontdoor.intake.models import (
    REFERRAL_SUBJECT,
    ArrivalKind,
    ConsentStatus,
    LevelOfNeed,
    Referral,
    ReferralAdult,
    ReferralChild,
    ReferralStatus,
    ReferralUpdate,
)
from frontdoor.intake.services import idempotency
from frontdoor.intake.services.references import new_reference

log = logging.getLogger(__name__)


REFERENCE_ATTEMPTS = 3

# Help at levels 2 and 3 is offered with the family's agreement; only where the child is suffering or likely to
# suffer significant harm (level 4) may a referral go ahead without it. The web form, the API and the service all
# ask `consent_problem`.
LEVELS_NEEDING_CONSENT = (LevelOfNeed.ADDITIONAL, LevelOfNeed.INTENSIVE)
CONSENT_NEEDED = (
    "At levels 2 and 3 the family must consent to the referral. Get their consent, or choose level 4 "
    "if the child is suffering or likely to suffer significant harm"
)


class ConsentNeeded(ValueError):
    """A referral at a level that needs the family's consent, sent without it."""


def consent_problem(level: int | None, consent: str | None) -> str | None:
    """Why a referral at this level cannot be made with this consent, or None if it can."""
    if consent and consent != ConsentStatus.GIVEN and level in LEVELS_NEEDING_CONSENT:
        return CONSENT_NEEDED
    return None


@dataclass
class ChildData:
    first_name: str = ""
    last_name: str = ""
    other_names: str = ""
    date_of_birth: date | None = None
    expected_date_of_delivery: date | None = None
    sex: str = "U"
    nhs_number: str = ""
    upn: str = ""
    address: str = ""
    postcode: str = ""
    school: str = ""
    gp: str = ""
    needs: str = ""
    first_language: str = ""
    interpreter_needed: bool = False
    wishes_and_feelings: str = ""
    wishes_not_obtained_reason: str = ""


@dataclass
class AdultData:
    name: str
    relationship: str
    date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""
    phone: str = ""
    parental_responsibility: bool = False
    lives_with_child: bool = True
    previous_names: str = ""  # earlier surnames (maiden, married), comma separated


@dataclass
class ReferralData:
    """A complete referral, already validated by the form or the API schema."""

    referrer_name: str
    referrer_role: str
    concern: str
    level_of_need: int
    consent: str
    children: list[ChildData]
    adults: list[AdultData] = field(default_factory=list)
    referrer_phone: str = ""
    referrer_email: str = ""
    referrer_relationship: str = ""
    referrer_confidential: bool = False
    first_hand: str = ""
    third_party: str = ""
    presenting_issues: list[str] = field(default_factory=list)
    risks: str = ""
    strengths: str = ""
    previous_support: str = ""
    consent_given_by: str = ""
    consent_covers: str = ""
    consent_rationale: str = ""
    parents_informed: bool | None = None
    parents_not_informed_reason: str = ""


def submit_referral(data: ReferralData, *, actor: Actor, channel: str, received_at: datetime | None = None) -> Referral:
    """Store a referral with its children and adults, acknowledge it and start its one-working-day clock."""
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                return create_referral(data, actor=actor, channel=channel, received_at=received_at or timezone.now())
        except IntegrityError:
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise  # not a reference drawn twice: a real fault
    raise AssertionError("unreachable")


def submit_referral_once(
    data: ReferralData, *, actor: Actor, key: str, payload_hash: str, respond: Callable[[Referral], dict]
) -> idempotency.Receipt:
    """Submit through the API under an Idempotency-Key, claimed in the same transaction as the referral: a replay
    gets the stored response, the same key with another body raises IdempotencyConflict (see `idempotency.once`)."""
    return idempotency.once(
        client=actor.api_client,  # type: ignore[arg-type]
        claims=idempotency.header_claim("referrals", key),
        payload_hash=payload_hash,
        create=lambda: create_referral(data, actor=actor, channel="api", received_at=timezone.now()),
        respond=respond,
    )


def create_referral(data: ReferralData, *, actor: Actor, channel: str, received_at: datetime) -> Referral:
    agency = actor.agency
    if agency is None:
        raise ValueError("a referral needs the referrer's agency")
    problem = consent_problem(data.level_of_need, data.consent)
    if problem:
        raise ConsentNeeded(problem)  # the form and the API schema refuse it first; this is the last word
    fields = {k: v for k, v in data.__dict__.items() if k not in {"children", "adults"}}
    referral = Referral(
        channel=channel,
        received_at=received_at,
        submitted_by=actor.user,
        api_client=actor.api_client,
        referrer_agency=agency,
        **fields,
    )
    # 40 random bits: a clash is vanishingly rare, and the caller retries the whole transaction if one happens.
    referral.reference = new_reference("FD")
    referral.save()
    children = ReferralChild.objects.bulk_create(
        [ReferralChild(referral=referral, **c.__dict__) for c in data.children]
    )
    adults = ReferralAdult.objects.bulk_create([ReferralAdult(referral=referral, **a.__dict__) for a in data.adults])
    matching.queue_checks((ArrivalKind.REFERRAL_CHILD, children), (ArrivalKind.REFERRAL_ADULT, adults))
    referral.decision_clock = start_clock(  # type: ignore[attr-defined]
        subject_type=REFERRAL_SUBJECT, subject_id=referral.pk, rule=REFERRAL_DECISION.code, started_at=received_at
    )
    outbox.enqueue_all(
        _acknowledgements(referral)
        + [
            outbox.Message(
                kind="referral.received",
                dedupe_key=f"referral:{referral.pk}:received:{user.pk}",
                recipient=user,
                subject=f"New referral {referral.reference}",
                link_path=f"/mash/referrals/{referral.reference}/",
            )
            for user in active_users_with_role("mash_manager")
        ]
    )
    # Last in the transaction: the audit row takes the audit chain's lock, held until commit (access.audit).
    record_access(actor, None, action="submit_referral", purpose=referral.reference, outcome=AuditOutcome.ALLOWED)
    log_after_commit(log, "intake.referral_received referral=%s channel=%s", referral.pk, channel)
    return referral


def _acknowledgements(referral: Referral) -> list[outbox.Message]:
    """The referrer's receipt: in the app, and by an e-mail that carries the reference and times only."""
    messages = []
    subject = f"Referral {referral.reference} received"
    received = timezone.localtime(referral.received_at)
    body = (
        f"Your referral {referral.reference} was received at {received:%H:%M on %d %B %Y}. "
        "A decision on next steps is due within one working day. You can follow it under My referrals."
    )
    if referral.submitted_by_id:
        messages.append(
            outbox.Message(
                kind="referral.acknowledged",
                dedupe_key=f"referral:{referral.pk}:ack:in_app",
                recipient=referral.submitted_by,
                subject=subject,
                body=body,
                link_path=f"/referrals/{referral.reference}/",
            )
        )
    if referral.referrer_email:
        messages.append(
            outbox.Message(
                kind="referral.acknowledged",
                dedupe_key=f"referral:{referral.pk}:ack:email",
                channel=OutboxChannel.EMAIL,
                recipient_email=referral.referrer_email,
                subject=subject,
                body=body,
                link_path=f"/referrals/{referral.reference}/",
            )
        )
    return messages


def tell_referrer(
    referral: Referral,
    *,
    status: str,
    at: datetime,
    outcome: str = "",
    outcome_label: str = "",
    summary: str = "",
) -> ReferralUpdate:
    """Tell the referrer where their referral has got to (call inside the transaction that got it there).

    A decision is also sent to them as a notification that names the reference and the outcome only."""
    update = ReferralUpdate.objects.create(
        referral=referral, at=at, status=status, outcome=outcome, outcome_label=outcome_label, summary=summary
    )
    Referral.objects.filter(pk=referral.pk).update(status=status)
    referral.status = status
    if status == ReferralStatus.DECIDED and referral.submitted_by_id:
        outbox.enqueue(
            kind="referral.decided",
            dedupe_key=f"referral:{referral.pk}:decided:{update.pk}",
            recipient=referral.submitted_by,
            subject=f"Decision made on referral {referral.reference}",
            body=f"Outcome: {outcome_label}.",
            link_path=f"/referrals/{referral.reference}/",
        )
    return update
