"""Household context for the worker's linking of a new record (incremental.py), as a full run weighs it (together.py,
ADR 0013): who else each of a few records is recorded with, read from the application's tables for those records
alone. A full run reads every record's address and events once (services._together); the worker asks about the
record it links and the people it nearly matches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence

from django.db.models import Q

from frontdoor.linkage.together import LARGEST
from frontdoor.people.models import SourceParticipation, SourceRecord
from frontdoor.people.places import address_key


def people_with(record_ids: Collection[int]) -> dict[int, set[int]]:
    """For each record, the people of the other records recorded with it: at the same address (first line and
    postcode, in any system) or in an event of its system it takes part in. An address or event more than LARGEST
    records share (a hostel, an incident at a school) says nothing about a household and is left out."""
    asked = SourceRecord.objects.filter(pk__in=record_ids)
    rows = list(asked.values("id", "system", "source_id", "address", "postcode"))
    out: dict[int, set[int]] = {row["id"]: set() for row in rows}
    places = {row["id"]: address_key(row["address"], row["postcode"]) for row in rows if row["address"]}
    if any(places.values()):
        postcodes = {row["postcode"] for row in rows if places.get(row["id"])}
        held: dict[tuple[str, str], list[tuple[int, int | None]]] = defaultdict(list)
        near = SourceRecord.objects.filter(postcode__in=postcodes).exclude(address="")
        for pk, address, postcode, person in near.values_list("id", "address", "postcode", "person_id"):
            key = address_key(address, postcode)
            if key is not None:
                held[key].append((pk, person))
        for record, key in places.items():
            _add(out[record], record, held.get(key, []) if key else [])
    by_source = {(row["system"], row["source_id"]): row["id"] for row in rows}
    if not by_source:
        return out
    mine = Q()
    for system, source_id in by_source:
        mine |= Q(system=system, record_source_id=source_id)
    fields = ("system", "event_source_id", "record_source_id")
    taking_part = list(SourceParticipation.objects.filter(mine).values_list(*fields))
    events = {(system, event) for system, event, _ in taking_part}
    if not events:
        return out
    same_event = Q()
    for system, event in events:
        same_event |= Q(system=system, event_source_id=event)
    present: dict[tuple[str, str], set[str]] = defaultdict(set)
    for system, event, source_id in SourceParticipation.objects.filter(same_event).values_list(*fields):
        present[(system, event)].add(source_id)
    wanted = Q()
    for (system, _event), source_ids in present.items():
        wanted |= Q(system=system, source_id__in=source_ids)
    record_of = {
        (system, source_id): (pk, person)
        for pk, system, source_id, person in SourceRecord.objects.filter(wanted).values_list(
            "id", "system", "source_id", "person_id"
        )
    }
    for system, event, source_id in taking_part:
        others = [record_of[(system, s)] for s in sorted(present[(system, event)]) if (system, s) in record_of]
        _add(out[by_source[(system, source_id)]], by_source[(system, source_id)], others)
    return out


def _add(people: set[int], record: int, held: Sequence[tuple[int, int | None]]) -> None:
    if 2 <= len(held) <= LARGEST:
        people.update(person for pk, person in held if pk != record and person is not None)
