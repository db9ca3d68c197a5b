"""Intake use cases: receive a referral, a VIST or a domestic-abuse incident; record the MASH decision.

Each runs in one transaction with its audit row, its outbox rows (acknowledgement, notifications) and its clock,
so what is acknowledged is stored, and what is stored is acknowledged and timed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import ApiClient, AuditOutcome, User
from frontdoor.access.selectors import active_users_with_role
from frontdoor.core import outbox
from frontdoor.core.clocks import meet_clock, start_clock
from frontdoor.core.models import Clock, ClockState, OutboxChannel
from frontdoor.intake import matching
from frontdoor.intake.models import (
    ArrivalKind,
    DomesticAbuseIncident,
    IdempotencyKey,
    IncidentPerson,
    Referral,
    ReferralAdult,
    ReferralChild,
    ReferralStatus,
    RiskGrade,
    Vist,
    VistPerson,
)

log = logging.getLogger(__name__)

# Crockford's base32 without I, L, O, U: easy to read out over the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_ATTEMPTS = 3
ESCALATING_GREENS = 3
ESCALATION_WINDOW = timedelta(days=91)
GRADE_RULES = {RiskGrade.RED: "mash.red", RiskGrade.AMBER: "mash.amber", RiskGrade.GREEN: "mash.green"}


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


# --- Referrals ----------------------------------------------------------------------------------------------------


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
                return _create_referral(data, actor=actor, channel=channel, received_at=received_at or timezone.now())
        except IntegrityError:
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise  # not a reference drawn twice: a real fault
    raise AssertionError("unreachable")


def _create_referral(data: ReferralData, *, actor: Actor, channel: str, received_at: datetime) -> Referral:
    agency = actor.agency
    if agency is None:
        raise ValueError("a referral needs the referrer's agency")
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
        subject_type="intake.referral", subject_id=referral.pk, rule="referral.decision", started_at=received_at
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
    log.info("intake.referral_received referral=%s channel=%s", referral.pk, channel)
    return referral


def _save_with_reference(obj: Any, prefix: str) -> None:
    for _ in range(5):
        obj.reference = new_reference(prefix)
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            if type(obj).objects.filter(reference=obj.reference).exists():
                continue  # a one-in-a-trillion collision: draw again
            raise
    raise RuntimeError("could not draw a unique reference")


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


class IdempotencyConflict(Exception):
    """The key was used before with a different request body."""


@dataclass(frozen=True)
class Receipt:
    status_code: int
    body: dict
    replayed: bool


def request_hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def submit_referral_once(data: ReferralData, *, actor: Actor, key: str, payload_hash: str, respond: Any) -> Receipt:
    """Submit through the API under an Idempotency-Key: the key is claimed in the same transaction as the referral.

    A replay with the same body returns the stored response; the same key with another body raises
    IdempotencyConflict. Two concurrent requests with one key make one referral: the loser's insert of the key
    fails at commit time, its transaction (and its referral) rolls back, and it returns the winner's response.
    """
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    stored = _stored_response(client, "referrals", key, payload_hash)
    if stored:
        return stored
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                referral = _create_referral(data, actor=actor, channel="api", received_at=timezone.now())
                body = respond(referral)
                IdempotencyKey.objects.create(
                    api_client=client,
                    key=key,
                    route="referrals",
                    request_hash=payload_hash,
                    status_code=201,
                    response_body=body,
                )
            return Receipt(201, body, replayed=False)
        except IntegrityError:
            stored = _stored_response(client, "referrals", key, payload_hash)
            if stored:
                return stored  # a concurrent request with this key won: answer as it did
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _stored_response(client: ApiClient, route: str, key: str, payload_hash: str) -> Receipt | None:
    claim = IdempotencyKey.objects.filter(api_client=client, route=route, key=key).first()
    if claim is None:
        return None
    if claim.request_hash != payload_hash:
        raise IdempotencyConflict(key)
    return Receipt(claim.status_code, claim.response_body, replayed=True)


def record_decision(referral: Referral, *, actor: Actor, outcome: str, summary: str) -> Referral:
    """The MASH decision on a referral: the referrer is told the outcome, and the decision clock is met."""
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        referral.outcome = outcome
        referral.decision_summary = summary
        referral.decided_at = timezone.now()
        referral.decided_by = actor.user
        referral.status = ReferralStatus.DECIDED
        referral.save(update_fields=["outcome", "decision_summary", "decided_at", "decided_by", "status"])
        for clock in Clock.objects.filter(
            subject_type="intake.referral",
            subject_id=str(referral.pk),
            rule="referral.decision",
            state__in=[ClockState.RUNNING, ClockState.BREACHED],
        ):
            meet_clock(clock, referral.decided_at)
        record_access(actor, None, action="record_decision", purpose=referral.reference, outcome=AuditOutcome.ALLOWED)
        if referral.submitted_by_id:
            outbox.enqueue(
                kind="referral.decided",
                dedupe_key=f"referral:{referral.pk}:decided:{referral.decided_at.isoformat()}",
                recipient=referral.submitted_by,
                subject=f"Decision made on referral {referral.reference}",
                body=f"Outcome: {referral.get_outcome_display()}.",
                link_path=f"/referrals/{referral.reference}/",
            )
        log.info("intake.referral_decided referral=%s outcome=%s", referral.pk, outcome)
        return referral


def start_screening(referral: Referral, *, actor: Actor) -> Referral:
    """A MASH worker has picked the referral up: the referrer sees it is being screened."""
    with transaction.atomic():
        updated = Referral.objects.filter(pk=referral.pk, status=ReferralStatus.RECEIVED).update(
            status=ReferralStatus.SCREENING
        )
        if updated:
            record_access(
                actor, None, action="start_screening", purpose=referral.reference, outcome=AuditOutcome.ALLOWED
            )
        referral.refresh_from_db()
        return referral


# --- VISTs and incidents -------------------------------------------------------------------------------------------


@dataclass
class PersonData:
    role: str
    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    sex: str = "U"
    address: str = ""
    postcode: str = ""
    is_child: bool = False
    present: bool | None = None
    school: str = ""


def _who(person: PersonData) -> dict[str, Any]:
    """The fields every record of a person named by the police shares."""
    return {
        "role": person.role,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": person.date_of_birth,
        "sex": person.sex,
        "is_child": person.is_child,
    }


@dataclass
class VistData:
    client_id: Any
    officer_name: str
    incident_reference: str
    incident_at: datetime
    children_present: bool
    risk_grade: str
    circumstances: str
    persons: list[PersonData]
    officer_collar: str = ""
    child_said: str = ""
    domestic_abuse: bool = False


def receive_vist(data: VistData, *, actor: Actor) -> tuple[Vist, bool]:
    """Store a VIST once (the device's id makes retries safe) and put it in the MASH queue with its clock.

    Returns the VIST and whether it was new. A third green VIST about a child within three months is raised to
    amber: repeated low-level concern is itself a concern.
    """
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    existing = Vist.objects.filter(api_client=client, client_id=data.client_id).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            now = timezone.now()
            vist = Vist(
                client_id=data.client_id,
                api_client=client,
                received_at=now,
                officer_name=data.officer_name,
                officer_collar=data.officer_collar,
                incident_reference=data.incident_reference,
                incident_at=data.incident_at,
                children_present=data.children_present,
                risk_grade=data.risk_grade,
                effective_grade=data.risk_grade,
                circumstances=data.circumstances,
                child_said=data.child_said,
                domestic_abuse=data.domestic_abuse,
            )
            _save_with_reference(vist, "VIST")
            persons = VistPerson.objects.bulk_create(
                [VistPerson(vist=vist, address=p.address, postcode=p.postcode, **_who(p)) for p in data.persons]
            )
            matching.queue_checks((ArrivalKind.VIST_PERSON, persons))
            if vist.risk_grade == RiskGrade.GREEN and _greens_about_its_children(vist) >= ESCALATING_GREENS:
                vist.effective_grade = RiskGrade.AMBER
                vist.save(update_fields=["effective_grade"])
            start_clock(
                subject_type="intake.vist",
                subject_id=vist.pk,
                rule=GRADE_RULES[RiskGrade(vist.effective_grade)],
                started_at=now,
            )
            record_access(actor, None, action="receive_vist", purpose=vist.reference, outcome=AuditOutcome.ALLOWED)
            for user in active_users_with_role("mash_police"):
                outbox.enqueue(
                    kind="vist.received",
                    dedupe_key=f"vist:{vist.pk}:received:{user.pk}",
                    recipient=user,
                    subject=f"New {vist.get_effective_grade_display().lower()} VIST {vist.reference}",
                    link_path=f"/mash/vists/{vist.reference}/",
                )
    except IntegrityError:
        existing = Vist.objects.filter(api_client=client, client_id=data.client_id).first()
        if existing:
            return existing, False  # a concurrent retry of the same VIST won
        raise
    log.info("intake.vist_received vist=%s grade=%s", vist.pk, vist.effective_grade)
    return vist, True


def triage_vist(vist: Vist, *, actor: Actor, outcome: str, rationale: str) -> Vist:
    """The MASH has triaged a VIST: what happens next and why. Its clock is met (late if it was missed)."""
    with transaction.atomic():
        vist = Vist.objects.select_for_update().get(pk=vist.pk)
        if vist.triaged_at is not None:
            return vist  # triaged once; a second submission (double click, two workers) changes nothing
        vist.triaged_at = timezone.now()
        vist.triaged_by = actor.user
        vist.triage_outcome = outcome
        vist.triage_rationale = rationale
        vist.save(update_fields=["triaged_at", "triaged_by", "triage_outcome", "triage_rationale"])
        for clock in Clock.objects.filter(
            subject_type="intake.vist",
            subject_id=str(vist.pk),
            state__in=[ClockState.RUNNING, ClockState.BREACHED],
        ):
            meet_clock(clock, vist.triaged_at)
        record_access(actor, None, action="triage_vist", purpose=vist.reference, outcome=AuditOutcome.ALLOWED)
        log.info("intake.vist_triaged vist=%s outcome=%s", vist.pk, outcome)
        return vist


def _child_key(first_name: str, last_name: str, dob: date | None) -> tuple[str, str, date | None]:
    return (first_name.strip().lower(), last_name.strip().lower(), dob)


def _greens_about_its_children(vist: Vist) -> int:
    """The most green VISTs (this one included) about any one of its children within the window."""
    since = vist.incident_at - ESCALATION_WINDOW
    best = 0
    for child in vist.persons.filter(is_child=True):
        key = _child_key(child.first_name, child.last_name, child.date_of_birth)
        count = (
            VistPerson.objects.filter(
                is_child=True,
                first_name__iexact=key[0],
                last_name__iexact=key[1],
                date_of_birth=key[2],
                vist__risk_grade=RiskGrade.GREEN,
                vist__incident_at__gte=since,
                vist__incident_at__lte=vist.incident_at,
            )
            .values("vist")
            .distinct()
            .count()
        )
        best = max(best, count)
    return best


@dataclass
class IncidentData:
    incident_reference: str
    occurred_at: datetime
    persons: list[PersonData]
    location: str = ""
    postcode: str = ""
    circumstances: str = ""


def receive_incident(data: IncidentData, *, actor: Actor) -> tuple[DomesticAbuseIncident, bool]:
    """Store a domestic-abuse incident once per police reference, with the adults and the children linked."""
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    existing = DomesticAbuseIncident.objects.filter(
        api_client=client, incident_reference=data.incident_reference
    ).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            incident = DomesticAbuseIncident.objects.create(
                api_client=client,
                incident_reference=data.incident_reference,
                received_at=timezone.now(),
                occurred_at=data.occurred_at,
                location=data.location,
                postcode=data.postcode,
                circumstances=data.circumstances,
            )
            persons = IncidentPerson.objects.bulk_create(
                [IncidentPerson(incident=incident, present=p.present, school=p.school, **_who(p)) for p in data.persons]
            )
            matching.queue_checks((ArrivalKind.INCIDENT_PERSON, persons))
            record_access(
                actor,
                None,
                action="receive_incident",
                purpose=incident.incident_reference,
                outcome=AuditOutcome.ALLOWED,
            )
    except IntegrityError:
        existing = DomesticAbuseIncident.objects.filter(
            api_client=client, incident_reference=data.incident_reference
        ).first()
        if existing:
            return existing, False
        raise
    return incident, True


def referrer_actor(user: User, role: str | None, request_id: str = "") -> Actor:
    return Actor(user=user, role=role, agency=user.agency, request_id=request_id)
