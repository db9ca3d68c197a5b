"""Routed again once identities settle: a child found after an incident was routed still gets their notice.

Routing waits for the already-known checks on an incident's people only so long
(`FRONTDOOR_ENCOMPASS_MATCHING_WAIT_SECONDS`); a check answered later (the worker's `match_arrivals` linking an
adult or a listed child to their person), or a linkage run finishing later (new relationships and households), may
reveal a child the first routing could not see. The worker's `reroute_domestic_abuse` job finds each incident or
VIST routed in the last `WINDOW` with such news since it was last routed, and routes it again in one short
transaction:

- a notice for each child found now who has none on this incident (one per child per establishment, as ever; a
  child already told of through one establishment is not told again through another), due before the school day
  after they became known, and saying so on its timeline (`Notice.found_at`);
- a listed child nobody matched before and matched now has their MASH education task closed with a note.

Idempotent: routing again with no news makes nothing, and two workers taking one incident make one set (the
arrival's row is locked, and the notices' unique constraints hold).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import DateTimeField, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from frontdoor.encompass import services
from frontdoor.encompass.establishments import map_destinations
from frontdoor.encompass.models import Arrival, ArrivalKind, Notice, UnmatchedChild
from frontdoor.encompass.routing import find_children, listed_people
from frontdoor.intake.models import ArrivalKind as IntakeArrival
from frontdoor.intake.models import DomesticAbuseIncident, IdentityCheck, IncidentPerson, Vist, VistPerson
from frontdoor.linkage.models import LinkageRun

log = logging.getLogger(__name__)

# How long after routing an incident is still looked at again: a child found a month on is still told of it, and
# the sweep stays small.
WINDOW = timedelta(days=30)

_PEOPLE: dict[str, tuple[Any, str, str, Any]] = {
    ArrivalKind.INCIDENT: (IncidentPerson, "incident_id", IntakeArrival.INCIDENT_PERSON, DomesticAbuseIncident),
    ArrivalKind.VIST: (VistPerson, "vist_id", IntakeArrival.VIST_PERSON, Vist),
}


def _last_answered(kind: str) -> Subquery:
    """When the latest identity check on one of the arrival's people was answered."""
    person_model, parent, check_kind, _ = _PEOPLE[kind]
    people = person_model.objects.filter(**{parent: OuterRef(OuterRef("arrival_id"))}).values("pk")
    checks = (
        IdentityCheck.objects.filter(kind=check_kind, subject_id__in=people, checked_at__isnull=False)
        .values("kind")
        .annotate(latest=Max("checked_at"))
        .values("latest")
    )
    return Subquery(checks, output_field=DateTimeField())


def _with_news(kind: str, now: datetime) -> QuerySet[Arrival, tuple[int, datetime, datetime | None]]:
    """This kind's arrivals routed within the window whose people were matched, or whose partnership's records
    were linked again, since they were last routed."""
    recent = Arrival.objects.filter(kind=kind, routed_at__gte=now - WINDOW).annotate(
        seen=Coalesce("rerouted_at", "routed_at"), answered=_last_answered(kind)
    )
    query = Q(answered__gt=F("seen"))
    linked = last_linkage(now)
    if linked is not None:
        query |= Q(seen__lt=linked)
    return recent.filter(query).order_by("routed_at", "id").values_list("pk", "seen", "answered")


def last_linkage(now: datetime) -> datetime | None:
    """When the latest linkage run finished (its relationships and households are the ones routing reads)."""
    runs = LinkageRun.objects.filter(finished_at__lte=now).order_by("-finished_at")
    return runs.values_list("finished_at", flat=True).first()


def reroute_domestic_abuse(now: datetime | None = None, batch: int = 50) -> int:
    """Route again every recent incident and VIST whose people's identities settled after it was routed; return
    how many children were found and told of (a notice made or a task closed)."""
    now = now or timezone.now()
    linked = last_linkage(now)
    found = 0
    for kind in (ArrivalKind.INCIDENT, ArrivalKind.VIST):
        for pk, seen, answered in list(_with_news(kind, now)[:batch]):
            known_at = answered if answered is not None and answered > seen else (linked or now)
            found += reroute_arrival(pk, known_at=known_at, now=now)
    return found


def reroute_arrival(arrival_pk: int, *, known_at: datetime, now: datetime | None = None) -> int:
    """Route one routed incident or VIST again: a notice for each child found since, due from `known_at` (when
    they became known), and the tasks of listed children now matched closed. Returns how many children that was."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        record = Arrival.objects.select_for_update().select_related("incident").filter(pk=arrival_pk).first()
        if record is None:
            return 0
        incident = record.incident
        _, _, _, model = _PEOPLE[record.kind]
        arrival = model.objects.filter(pk=record.arrival_id).first()
        record.rerouted_at = now
        record.save(update_fields=["rerouted_at"])
        if arrival is None:
            return 0
        listed = listed_people(record.kind, arrival)
        children, _, people = find_children(listed, today)
        told = set(Notice.objects.filter(incident=incident).values_list("child_id", flat=True))
        new = sorted(pid for pid in children if pid not in told)
        destinations = map_destinations(new, today)
        held = services.held_notices(incident)
        made = 0
        for pid in new:
            child = children[pid]
            notice = services.create_notice(
                incident, people[pid], destinations[pid], child.listed, child.how, now=now, held=held,
                found_at=min(known_at, now),
            )  # fmt: skip
            made += notice is not None
        closed = _close_matched_tasks(record.kind, listed, now)
    if made or closed:
        log.info("encompass.rerouted arrival=%s notices=%s tasks_closed=%s", arrival_pk, made, closed)
    return made + closed


def _close_matched_tasks(kind: str, listed: list, now: datetime) -> int:
    """A listed child MASH education was asked to find, matched since by identity resolution: the task is done."""
    matched = {p.pk: p.person_id for p in listed if p.is_child and p.person_id is not None}
    open_tasks = UnmatchedChild.objects.select_for_update().filter(
        kind=kind, listed_id__in=list(matched), resolved_at__isnull=True
    )
    closed = 0
    for task in open_tasks:
        task.resolved_at, task.matched_to_id = now, matched[task.listed_id]
        task.note = "Matched by the partnership's records after the incident was first passed to schools."
        task.save(update_fields=["resolved_at", "matched_to", "note"])
        closed += 1
    return closed
