"""Which educational establishment a child's notice goes to, from the education records linked to them.

An education record (`SourceRecord`, system education) names its establishment by URN (`attributes["urn"]`) and may
say, as the school census does, how the child is enrolled (`attributes["enrol_status"]`: C current single
registration, M main of a dual registration, S subsidiary, G guest), when they left (`attributes["leaving_date"]`,
ISO) and whether the council's register has them electively home educated
(`attributes["elective_home_education"]`). A pupil's second registration (dual registration's subsidiary, or a guest)
is a `school_registration` event on their census record (`SourceEvent`, attributes `urn`, `enrol_status`). The
rule, from the guidance:

1. the establishment where the child is a registered pupil (single or main registration; a census row with no
   status is a registration), the latest entry first;
2. otherwise the only establishment they attend (a subsidiary or guest registration);
3. otherwise (none, or electively home educated) the council's education safeguarding officer.

Every phase counts alike: nursery, primary, secondary, independent, alternative provision, further education and
16-19 academies are all `School` rows of an educational agency. An establishment not in the partnership's list
goes to the council too, so that the officer can pass it on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from frontdoor.encompass.models import RouteReason
from frontdoor.people.models import School, SourceEvent, SourceParticipation, SourceRecord, SourceSystem

REGISTERED = {"", "C", "M"}
ATTENDING = {"S", "G"}


@dataclass(frozen=True)
class Destination:
    school: School | None
    routed: str  # a RouteReason


def _left(attributes: dict, today: date) -> bool:
    leaving = str(attributes.get("leaving_date") or "")
    try:
        return bool(leaving) and date.fromisoformat(leaving) <= today
    except ValueError:
        return False


def _truthy(value: object) -> bool:
    return value is True or str(value).strip().lower() in {"y", "yes", "true", "1"}


def map_destinations(child_ids: Iterable[int], today: date) -> dict[int, Destination]:
    """Each child's destination, in four queries whatever the number of children."""
    ids = list(child_ids)
    records = SourceRecord.objects.filter(person_id__in=ids, system=SourceSystem.EDUCATION).values_list(
        "person_id", "source_id", "attributes", "extracted_at"
    )
    by_child: dict[int, list[tuple[dict, object]]] = defaultdict(list)
    pupils: dict[str, int] = {}
    for pid, source_id, attributes, extracted_at in records:
        by_child[pid].append((attributes or {}, extracted_at))
        pupils[source_id] = pid
    for pid, registration, extracted in _second_registrations(pupils):
        by_child[pid].append((registration, extracted))
    urns = {str(a.get("urn")) for rows in by_child.values() for a, _ in rows if a.get("urn")}
    schools = {s.urn: s for s in School.objects.filter(urn__in=urns).select_related("agency", "calendar")}
    return {pid: _destination(by_child.get(pid, []), schools, today) for pid in ids}


def _second_registrations(pupils: dict[str, int]) -> list[tuple[int, dict, object]]:
    """(child, attributes, extracted) of each subsidiary or guest registration recorded on these pupils' records."""
    if not pupils:
        return []
    taking_part = SourceParticipation.objects.filter(
        system=SourceSystem.EDUCATION, role="pupil", record_source_id__in=list(pupils)
    ).values_list("event_source_id", "record_source_id")
    event_pupil = dict(taking_part)
    if not event_pupil:
        return []
    events = SourceEvent.objects.filter(
        system=SourceSystem.EDUCATION, kind="school_registration", source_id__in=list(event_pupil)
    ).values_list("source_id", "attributes", "extracted_at")
    return [(pupils[event_pupil[sid]], attributes or {}, extracted_at) for sid, attributes, extracted_at in events]


def _destination(rows: list[tuple[dict, object]], schools: dict[str, School], today: date) -> Destination:
    current = [(a, at) for a, at in rows if a.get("urn") and not _left(a, today)]
    registered = [(a, at) for a, at in current if str(a.get("enrol_status", "")).upper() in REGISTERED]
    if registered:
        chosen = max(registered, key=lambda row: (str(row[0].get("entry_date") or ""), str(row[1])))[0]
        return _at(str(chosen["urn"]), schools)
    attending = {str(a["urn"]) for a, _ in current if str(a.get("enrol_status", "")).upper() in ATTENDING}
    if len(attending) == 1:
        return _at(attending.pop(), schools)
    if any(_truthy(a.get("elective_home_education")) for a, _ in rows):
        return Destination(None, RouteReason.HOME_EDUCATED)
    if attending:  # several, none registered: the council decides which one is told
        return Destination(None, RouteReason.NO_ESTABLISHMENT)
    return Destination(None, RouteReason.NO_ESTABLISHMENT)


def _at(urn: str, schools: dict[str, School]) -> Destination:
    school = schools.get(urn)
    if school is None or not school.agency.active:
        return Destination(None, RouteReason.OUTSIDE)
    return Destination(school, RouteReason.ESTABLISHMENT)
