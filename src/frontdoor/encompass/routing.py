"""From the incident, not the VIST: every domestic-abuse incident (the police feed, the API, the bulk import) and
every VIST marked domestic abuse starts Operation Encompass within seconds.

Intake sits below this app and never calls it: the worker's `route_domestic_abuse` job (every two seconds) takes
each incident and VIST it has not routed, once the already-known checks on its people are answered (intake's
`match_arrivals`, every two seconds) or `FRONTDOOR_ENCOMPASS_MATCHING_WAIT_SECONDS` have passed, and routes it in
one short transaction. An `Arrival` row, unique per incident or VIST, makes two workers route it once.

The children are those related to either adult involved, not only those the officer listed: each adult's person
(identity resolution) and their recorded relationships and household (records at the same address), and every
listed child matched to a person. A listed child nobody could match is a task for MASH education.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.encompass import services
from frontdoor.encompass.establishments import map_destinations
from frontdoor.encompass.models import Arrival, ArrivalKind, EncompassIncident, UnmatchedChild
from frontdoor.intake.models import ArrivalKind as IntakeArrival
from frontdoor.intake.models import DomesticAbuseIncident, IdentityCheck, IncidentPerson, Vist, VistPerson
from frontdoor.people.households import map_households
from frontdoor.people.models import Person, PersonKind, Relationship

log = logging.getLogger(__name__)


@dataclass
class Listed:
    """A person as the police named them on the incident or VIST."""

    pk: int
    person_id: int | None
    is_child: bool
    first_name: str
    last_name: str
    date_of_birth: date | None
    present: bool | None
    school: str = ""


@dataclass
class Found:
    """A child found for an incident, and how."""

    person_id: int
    listed: Listed | None = None
    how: list[str] = field(default_factory=list)


def listed_people(kind: str, arrival: DomesticAbuseIncident | Vist) -> list[Listed]:
    if kind == ArrivalKind.INCIDENT:
        return [
            Listed(p.pk, p.person_id, p.is_child, p.first_name, p.last_name, p.date_of_birth, p.present, p.school)
            for p in IncidentPerson.objects.filter(incident_id=arrival.pk).order_by("id")
        ]
    present = arrival.children_present  # type: ignore[union-attr]
    return [
        Listed(p.pk, p.person_id, p.is_child, p.first_name, p.last_name, p.date_of_birth, present and p.is_child)
        for p in VistPerson.objects.filter(vist_id=arrival.pk).order_by("id")
    ]


def find_children(listed: list[Listed], today: date) -> tuple[dict[int, Found], list[Listed], dict[int, Person]]:
    """The children of an incident (person id -> how they were found), the listed children nobody matched, and the
    children's people."""
    found: dict[int, Found] = {}
    unmatched = [p for p in listed if p.is_child and p.person_id is None]
    for p in listed:
        if p.is_child and p.person_id is not None:
            found.setdefault(p.person_id, Found(p.person_id, p)).how.append("named by the officer")
    adults = [p.person_id for p in listed if not p.is_child and p.person_id is not None]
    relatives: set[int] = set()
    households: set[int] = set()
    if adults:
        current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
        related = Relationship.objects.filter(current).filter(Q(person_id__in=adults) | Q(relative_id__in=adults))
        relatives = {pid for pair in related.values_list("person_id", "relative_id") for pid in pair} - set(adults)
        households = {pid for members in map_households(adults).values() for pid in members} - set(adults)
    # One read of everyone found: a listed "child" whose person is an adult now (or unborn, or has died) is not one
    # the establishment is told of.
    people = Person.objects.in_bulk(list(set(found) | relatives | households))
    children = {pid: p for pid, p in people.items() if p.kind == PersonKind.CHILD and p.date_of_death is None}
    for pid in sorted((relatives | households) & set(children)):
        how = "a recorded relative of an adult involved" if pid in relatives else "in an adult involved's household"
        found.setdefault(pid, Found(pid)).how.append(how)
    return {pid: f for pid, f in found.items() if pid in children}, unmatched, children


def _ready(kind: str, ids: list[int], arrived_at: datetime, now: datetime) -> bool:
    """Whether the already-known checks on these people are answered, or we have waited long enough."""
    if arrived_at <= now - timedelta(seconds=settings.FRONTDOOR_ENCOMPASS_MATCHING_WAIT_SECONDS):
        return True
    intake_kind = IntakeArrival.INCIDENT_PERSON if kind == ArrivalKind.INCIDENT else IntakeArrival.VIST_PERSON
    return not IdentityCheck.objects.filter(kind=intake_kind, subject_id__in=ids, checked_at__isnull=True).exists()


def route_domestic_abuse(now: datetime | None = None, batch: int = 50) -> int:
    """Route every incident and domestic-abuse VIST not yet routed whose people are matched; return how many."""
    now = now or timezone.now()
    routed = 0
    for kind, model, query in (
        (ArrivalKind.INCIDENT, DomesticAbuseIncident, Q()),
        (ArrivalKind.VIST, Vist, Q(domestic_abuse=True)),
    ):
        done = Arrival.objects.filter(kind=kind).values("arrival_id")
        waiting = model.objects.filter(query).exclude(pk__in=done).order_by("received_at", "id")[:batch]
        for arrival in waiting:
            routed += route_arrival(kind, arrival, now=now, wait_for_matching=True)
    return routed


def route_arrival(
    kind: str, arrival: DomesticAbuseIncident | Vist, *, now: datetime | None = None, wait_for_matching: bool = False
) -> int:
    """Route one incident or VIST: its children found, a notice for each at their establishment, a task for each
    listed child nobody matched. Returns 1 if routed now, 0 if already routed or still waiting for matching."""
    now = now or timezone.now()
    started = time.perf_counter()
    listed = listed_people(kind, arrival)
    if wait_for_matching and not _ready(kind, [p.pk for p in listed], arrival.received_at, now):
        return 0
    today = timezone.localdate(now)
    try:
        with transaction.atomic():
            incident = _incident_for(kind, arrival, now)
            record = Arrival.objects.create(kind=kind, arrival_id=arrival.pk, incident=incident, routed_at=now)
            children, unmatched, people = find_children(listed, today)
            destinations = map_destinations(list(children), today)
            held = services.held_notices(incident)
            for pid, child in sorted(children.items()):
                services.create_notice(
                    incident, people[pid], destinations[pid], child.listed, child.how, now=now, held=held
                )
            for p in unmatched:
                UnmatchedChild.objects.get_or_create(
                    kind=kind,
                    listed_id=p.pk,
                    defaults={
                        "incident": incident,
                        "first_name": p.first_name,
                        "last_name": p.last_name,
                        "date_of_birth": p.date_of_birth,
                        "school_named": p.school,
                        "present": p.present,
                        "created_at": now,
                    },
                )
            record.route_ms = (time.perf_counter() - started) * 1000
            record.save(update_fields=["route_ms"])
    except IntegrityError:
        if Arrival.objects.filter(kind=kind, arrival_id=arrival.pk).exists():
            return 0  # another worker routed it first
        raise
    log.info("encompass.routed kind=%s arrival=%s children=%s", kind, arrival.pk, len(children))
    return 1


def _incident_for(kind: str, arrival: DomesticAbuseIncident | Vist, now: datetime) -> EncompassIncident:
    """The one Encompass incident of this police reference, made by whichever feed told of it first."""
    if kind == ArrivalKind.INCIDENT:
        fields = {
            "occurred_at": arrival.occurred_at,  # type: ignore[union-attr]
            "location": arrival.location,  # type: ignore[union-attr]
            "circumstances": arrival.circumstances,
        }
    else:
        fields = {
            "occurred_at": arrival.incident_at,  # type: ignore[union-attr]
            "circumstances": arrival.circumstances,
            "child_voice": arrival.child_said,  # type: ignore[union-attr]
            "vist_at": arrival.received_at,
        }
    incident, made = EncompassIncident.objects.select_for_update().get_or_create(
        police_reference=arrival.incident_reference, defaults={**fields, "started_at": now}
    )
    if not made:
        changed = [name for name, value in fields.items() if value and not getattr(incident, name)]
        for name in changed:
            setattr(incident, name, fields[name])
        if changed:
            incident.save(update_fields=changed)
            if "vist_at" in changed:
                incident.notices.filter(vist_at__isnull=True).update(vist_at=incident.vist_at)
    return incident
