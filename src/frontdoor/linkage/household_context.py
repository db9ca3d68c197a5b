"""Household context for the worker's linking of a new record (incremental.py), as a full run weighs it (together.py,
ADR 0013): who else each of a few records is recorded with, read from the application's tables for those records
alone, and the scores that raises (raised_by_household). A full run reads every record's address and events once
(services._together); the worker asks about the record it links and the people it nearly matches, and keys and
counts them the same way (together_keys, companions).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from django.db.models import Q

from frontdoor.linkage.together import HOUSEHOLD_WEIGHT, companions, one_first_name, together_keys
from frontdoor.people.models import SourceParticipation, SourceRecord


def people_with(record_ids: Collection[int]) -> dict[int, set[int]]:
    """For each record, the people of the other records recorded with it: at the same address (first line and
    postcode, in any system) or in an event of its system it takes part in; an address or event that too many
    people share says nothing about a household (together.LARGEST)."""
    asked = list(SourceRecord.objects.filter(pk__in=record_ids).values("id", "system", "source_id", "postcode"))
    if not asked:
        return {}
    # The events the records take part in, and everyone taking part in them.
    theirs = Q()
    for row in asked:
        theirs |= Q(system=row["system"], record_source_id=row["source_id"])
    fields = ("system", "event_source_id")
    events = set(SourceParticipation.objects.filter(theirs).values_list(*fields))
    events_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    taking_part = Q()
    if events:
        same_event = Q()
        for system, event in events:
            same_event |= Q(system=system, event_source_id=event)
        for system, event, source_id in SourceParticipation.objects.filter(same_event).values_list(
            *fields, "record_source_id"
        ):
            events_of[(system, source_id)].append(event)
            taking_part |= Q(system=system, source_id=source_id)
    # Every record that may share a key with one asked about: at one of their postcodes, or in one of their events.
    nearby = Q(postcode__in={row["postcode"] for row in asked if row["postcode"]}) | taking_part | Q(pk__in=record_ids)
    columns = ("id", "system", "source_id", "address", "postcode", "person_id")
    found = SourceRecord.objects.filter(nearby).values_list(*columns)
    ids, people, keys = [], [], {}
    for pk, system, source_id, address, postcode, person in found:
        ids.append(str(pk))
        people.append(person)
        keys[str(pk)] = together_keys(system, address, postcode, events_of.get((system, source_id), ()))
    row_of = {uid: n for n, uid in enumerate(ids)}
    around = companions(ids, keys, only={row_of[str(row["id"])] for row in asked}, people=people)
    return {
        row["id"]: {people[n] for n in around.get(row_of[str(row["id"])], ()) if people[n] is not None} for row in asked
    }


Row = dict[str, Any]


def raised_by_household(
    row: Row,
    scores: dict[int, tuple[float, int]],
    members: dict[int, list[Row]],
    prepared: dict[int, dict[str, Any]],
    threshold: float,
) -> dict[int, tuple[float, int]]:
    """The worker's scores (person -> best weight, their record it was with) with household context, as a full run
    weighs it (ADR 0013): a person the record matches just short of the threshold,
    under one first name (the same, or a nickname of it), is raised by HOUSEHOLD_WEIGHT when the record and one of
    theirs are each recorded with a third person (an address, an event)."""
    mine = prepared[row["id"]]
    named = [
        person
        for person, (weight, best) in scores.items()
        if person != row["person_id"]
        and threshold - HOUSEHOLD_WEIGHT <= weight < threshold
        and one_first_name(
            mine["first_name"], mine["first_name_keys"], prepared[best]["first_name"], prepared[best]["first_name_keys"]
        )
    ]
    if not named:
        return scores
    around = people_with([row["id"], *(r["id"] for person in named for r in members[person])])
    raised = dict(scores)
    for person in named:
        with_them: set[int] = set().union(*(around.get(r["id"], set()) for r in members[person]))
        if (around.get(row["id"], set()) & with_them) - {person, row["person_id"]}:
            weight, best = scores[person]
            raised[person] = (weight + HOUSEHOLD_WEIGHT, best)
    return raised
