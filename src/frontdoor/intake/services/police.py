"""What the police send: VISTs (vulnerability screening forms) and domestic-abuse incidents, each stored once
whatever the retries, with a pending already-known check for every person named."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import ApiClient, AuditOutcome
from frontdoor.access.selectors import active_users_with_role
from frontdoor.core import outbox
from frontdoor.core.clocks import meet_clock, start_clock
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake import incident_vists, matching
from frontdoor.intake.clocks import INCIDENT_VIST, VIST_GRADES
from frontdoor.intake.greens import ESCALATING_GREENS, greens_about
from frontdoor.intake.models import (
    INCIDENT_SUBJECT,
    VIST_SUBJECT,
    ArrivalKind,
    DomesticAbuseIncident,
    IncidentPerson,
    RiskGrade,
    Vist,
    VistPerson,
)
from frontdoor.intake.services import idempotency
from frontdoor.intake.services.references import save_with_reference

log = logging.getLogger(__name__)


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
    # When the officer submitted it, where the police system records that (the bulk import); None for a live send.
    submitted_at: datetime | None = None


def receive_vist(data: VistData, *, actor: Actor) -> tuple[Vist, bool]:
    """Store a VIST once (the device's id makes retries safe) and put it in the MASH queue with its clock.

    Returns the VIST and whether it was new; one already held under this id is returned as it is (the bulk
    import's reconciliation counts it). The API goes through `receive_vist_once`, which refuses a changed re-send.
    """
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    existing = Vist.objects.filter(api_client=client, client_id=data.client_id).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            vist = _create_vist(data, actor=actor, client=client)
    except IntegrityError:
        existing = Vist.objects.filter(api_client=client, client_id=data.client_id).first()
        if existing:
            return existing, False  # a concurrent retry of the same VIST won
        raise
    log.info("intake.vist_received vist=%s grade=%s", vist.pk, vist.effective_grade)
    return vist, True


def receive_vist_once(
    data: VistData, *, actor: Actor, key: str | None, payload_hash: str, respond: Callable[[Vist], dict]
) -> idempotency.Receipt:
    """Receive a VIST from the API under its Idempotency-Key and its own id (the key when no header is sent).

    A re-send with the same content gets the first receipt; the same key or id with different content (green then
    red, new circumstances) raises IdempotencyConflict instead of being dropped in silence.
    """
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    by_id = idempotency.Claim("vists.id", str(data.client_id), "body.id")

    def create() -> Vist:
        if Vist.objects.filter(api_client=client, client_id=data.client_id).exists():
            raise idempotency.AlreadyHeld(by_id)
        return _create_vist(data, actor=actor, client=client)

    receipt = idempotency.once(
        client=client,
        claims=[*idempotency.header_claim("vists", key), by_id],
        payload_hash=payload_hash,
        create=create,
        respond=respond,
    )
    if not receipt.replayed:
        log.info("intake.vist_received reference=%s", receipt.body.get("reference"))
    return receipt


def _create_vist(data: VistData, *, actor: Actor, client: ApiClient) -> Vist:
    """A VIST with its people, its pending already-known checks, its clock, its audit row and its notifications.

    A third green VIST about a child within three months is raised to amber: repeated low-level concern is itself
    a concern. Call inside a transaction."""
    now = timezone.now()
    vist = Vist(
        client_id=data.client_id,
        api_client=client,
        received_at=now,
        submitted_at=data.submitted_at,
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
    save_with_reference(vist, "VIST")
    persons = VistPerson.objects.bulk_create(
        [VistPerson(vist=vist, address=p.address, postcode=p.postcode, **_who(p)) for p in data.persons]
    )
    matching.queue_checks((ArrivalKind.VIST_PERSON, persons))
    if vist.risk_grade == RiskGrade.GREEN and len(greens_about(vist)[1]) >= ESCALATING_GREENS:
        vist.effective_grade = RiskGrade.AMBER
        vist.save(update_fields=["effective_grade"])
    start_clock(
        subject_type=VIST_SUBJECT,
        subject_id=vist.pk,
        rule=VIST_GRADES[RiskGrade(vist.effective_grade)].code,
        started_at=now,
    )
    _meet_incident_clocks(vist)
    record_access(actor, None, action="receive_vist", purpose=vist.reference, outcome=AuditOutcome.ALLOWED)
    for user in active_users_with_role("mash_police"):
        outbox.enqueue(
            kind="vist.received",
            dedupe_key=f"vist:{vist.pk}:received:{user.pk}",
            recipient=user,
            subject=f"New {vist.get_effective_grade_display().lower()} VIST {vist.reference}",
            link_path=f"/mash/vists/{vist.reference}/",
        )
    return vist


def _meet_incident_clocks(vist: Vist) -> None:
    """The VIST an incident with children was waiting for has come: its clock is met (late, if it breached)."""
    clocks = Clock.objects.filter(
        subject_type=INCIDENT_SUBJECT,
        subject_id__in=[str(pk) for pk in incident_vists.incidents_for_vist(vist)],
        rule=INCIDENT_VIST.code,
        state__in=[ClockState.RUNNING, ClockState.BREACHED],
    )
    for clock in clocks:
        meet_clock(clock, at=incident_vists.vist_time(vist))


@dataclass
class IncidentData:
    incident_reference: str
    occurred_at: datetime
    persons: list[PersonData]
    location: str = ""
    postcode: str = ""
    circumstances: str = ""
    officer_name: str = ""
    officer_collar: str = ""
    team: str = ""


def receive_incident(data: IncidentData, *, actor: Actor) -> tuple[DomesticAbuseIncident, bool]:
    """Store a domestic-abuse incident once per police reference, with the adults and the children linked.

    One already held under this reference is returned as it is (the bulk import counts it); the API goes through
    `receive_incident_once`, which refuses a changed re-send."""
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    existing = DomesticAbuseIncident.objects.filter(
        api_client=client, incident_reference=data.incident_reference
    ).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            incident = _create_incident(data, actor=actor, client=client)
    except IntegrityError:
        existing = DomesticAbuseIncident.objects.filter(
            api_client=client, incident_reference=data.incident_reference
        ).first()
        if existing:
            return existing, False
        raise
    return incident, True


def receive_incident_once(
    data: IncidentData,
    *,
    actor: Actor,
    key: str | None,
    payload_hash: str,
    respond: Callable[[DomesticAbuseIncident], dict],
) -> idempotency.Receipt:
    """Receive an incident from the API under its Idempotency-Key and its police reference (the key when no header
    is sent): a re-send gets the first receipt, a changed one raises IdempotencyConflict."""
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    by_reference = idempotency.Claim("incidents.reference", data.incident_reference, "body.incident_reference")

    def create() -> DomesticAbuseIncident:
        held = DomesticAbuseIncident.objects.filter(api_client=client, incident_reference=data.incident_reference)
        if held.exists():
            raise idempotency.AlreadyHeld(by_reference)
        return _create_incident(data, actor=actor, client=client)

    return idempotency.once(
        client=client,
        claims=[*idempotency.header_claim("incidents", key), by_reference],
        payload_hash=payload_hash,
        create=create,
        respond=respond,
    )


def _create_incident(data: IncidentData, *, actor: Actor, client: ApiClient) -> DomesticAbuseIncident:
    """An incident with its people, their pending already-known checks and its audit row. Call inside a
    transaction."""
    incident = DomesticAbuseIncident.objects.create(
        api_client=client,
        incident_reference=data.incident_reference,
        received_at=timezone.now(),
        occurred_at=data.occurred_at,
        location=data.location,
        postcode=data.postcode,
        circumstances=data.circumstances,
        officer_name=data.officer_name,
        officer_collar=data.officer_collar,
        team=data.team,
    )
    persons = IncidentPerson.objects.bulk_create(
        [IncidentPerson(incident=incident, present=p.present, school=p.school, **_who(p)) for p in data.persons]
    )
    matching.queue_checks((ArrivalKind.INCIDENT_PERSON, persons))
    _start_vist_clock(incident, has_children=any(p.is_child for p in data.persons))
    record_access(
        actor,
        None,
        action="receive_incident",
        purpose=incident.incident_reference,
        outcome=AuditOutcome.ALLOWED,
    )
    return incident


def _start_vist_clock(incident: DomesticAbuseIncident, *, has_children: bool) -> None:
    """An incident with children and no VIST yet starts the VIST's clock, from the incident's own time.

    One that arrives already past its due hours gets none: it is on the police supervisor's list at once, and a bulk
    import of last year's incidents does not send a missed-deadline message for each."""
    if not has_children or timezone.now() - incident.occurred_at >= incident_vists.due_after():
        return
    if incident_vists.match_vists([incident])[incident.pk] is not None:
        return
    start_clock(
        subject_type=INCIDENT_SUBJECT, subject_id=incident.pk, rule=INCIDENT_VIST.code, started_at=incident.occurred_at
    )
