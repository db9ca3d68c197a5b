"""Household context as evidence for an adult on an arrival (ADR 0012): the adults the agencies already record with a
child on the same referral are candidates for the referral's adults, whether or not the indexed columns would find
them (no date of birth, a surname mistyped or a maiden name), and being recorded with the child counts for them.

"Recorded with the child" is what the data holds, read from the child's linked records:
- at the same address: a record giving an address (first line and postcode) one of the child's records gives;
- in the same event: a record taking part in an event (a police incident) one of the child's records takes part in;
- a recorded relationship: a person recorded as the child's parent, carer or household member.

The evidence raises the candidate's match weight by HOUSEHOLD_WEIGHT, and keeps a candidate whose first name is
alike and whose date of birth or age does not contradict as at least a possible match, so a person looks at it. It
never makes a match certain by itself: a raised match is certain only if the first name and the surname (or a
previous surname given for the adult) agree too, or it was certain before the raise.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db.models import Q
from django.utils import timezone

from frontdoor.linkage.candidates import Candidate
from frontdoor.linkage.realtime import Evidence, Score, grade
from frontdoor.linkage.together import HOUSEHOLD_WEIGHT
from frontdoor.people.models import (
    Relationship,
    RelationshipKind,
    SourceEvent,
    SourceParticipation,
    SourceRecord,
    SourceSystem,
)
from frontdoor.people.places import address_key
from frontdoor.people.vocabulary import words_for

# HOUSEHOLD_WEIGHT (together.py), the batch run's too. Modest on purpose: the tie says who the child lives or was seen
# with, not that this record is the adult named.
HOUSEHOLD_EVIDENCE = "household"  # the comparison name its evidence row carries (linkage.words puts it in words)
RELATED = (RelationshipKind.PARENT, RelationshipKind.CARER, RelationshipKind.HOUSEHOLD_MEMBER)
NOT_ADULTS = ("child", "unborn")
CONTRADICTING = ("dob", "birth_year")  # a date of birth or an age that does not fit: not the adult named


def household_ties(children: Sequence[tuple[str, int]]) -> dict[int, list[str]]:
    """For the known children of an arrival ((name as the arrival gives it, person id)), the records of adults
    recorded with them, each with how, in words: {source record id: reasons}."""
    names = {person_id: name for name, person_id in children}
    if not names:
        return {}
    own: list[dict[str, Any]] = [
        dict(row)
        for row in SourceRecord.objects.filter(person_id__in=list(names)).values(
            "person_id", "system", "source_id", "address", "postcode"
        )
    ]
    ties: dict[int, list[str]] = defaultdict(list)
    _same_address(own, names, ties)
    _same_event(own, names, ties)
    _related(names, ties)
    return dict(ties)


def _others(query: Q, children: Mapping[int, str]) -> Any:
    return SourceRecord.objects.filter(query).exclude(kind__in=NOT_ADULTS).exclude(person_id__in=list(children))


def _same_address(own: list[dict[str, Any]], children: Mapping[int, str], ties: dict[int, list[str]]) -> None:
    at: dict[tuple[str, str], int] = {}
    for record in own:
        key = address_key(record["address"], record["postcode"])
        if key and key[0]:  # a postcode alone is a street, not a household
            at.setdefault(key, record["person_id"])
    if not at:
        return
    for other in _others(Q(postcode__in=sorted({postcode for _line, postcode in at})), children).values(
        "id", "system", "address", "postcode"
    ):
        key = address_key(other["address"], other["postcode"])
        if key in at:
            line, postcode = key
            ties[other["id"]].append(
                f"{_by(other['system'])} at {line.title()}, {postcode}, where {children[at[key]]} is recorded too."
            )


def _same_event(own: list[dict[str, Any]], children: Mapping[int, str], ties: dict[int, list[str]]) -> None:
    by_system: dict[str, dict[str, int]] = defaultdict(dict)
    for record in own:
        by_system[record["system"]][record["source_id"]] = record["person_id"]
    with_child: dict[tuple[str, str], int] = {}
    for system, records in by_system.items():
        for event_id, record_id in SourceParticipation.objects.filter(
            system=system, record_source_id__in=sorted(records)
        ).values_list("event_source_id", "record_source_id"):
            with_child.setdefault((system, event_id), records[record_id])
    if not with_child:
        return
    events = {(e.system, e.source_id): e for e in _events(with_child)}
    taking_part: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for system in {system for system, _event in with_child}:
        event_ids = sorted(event for s, event in with_child if s == system)
        for event_id, record_id in SourceParticipation.objects.filter(
            system=system, event_source_id__in=event_ids
        ).values_list("event_source_id", "record_source_id"):
            taking_part[(system, record_id)].add((system, event_id))
    if not taking_part:
        return
    query = Q(pk__in=[])
    for system in {system for system, _record in taking_part}:
        query |= Q(system=system, source_id__in=sorted(r for s, r in taking_part if s == system))
    for other in _others(query, children).values("id", "system", "source_id"):
        for key in sorted(taking_part[(other["system"], other["source_id"])]):
            event = events.get(key)
            if event is not None:
                what = words_for(event.kind)
                article = "an" if what[:1].lower() in "aeiou" else "a"
                ties[other["id"]].append(
                    f"{_by(other['system'])} with {children[with_child[key]]} at {article} {what} "
                    f"on {event.occurred_at:%-d %B %Y}."
                )


def _events(keys: Mapping[tuple[str, str], int]) -> list[SourceEvent]:
    query = Q(pk__in=[])
    for system in {system for system, _event in keys}:
        query |= Q(system=system, source_id__in=sorted(event for s, event in keys if s == system))
    return list(SourceEvent.objects.filter(query))


def _related(children: Mapping[int, str], ties: dict[int, list[str]]) -> None:
    today = timezone.localdate()
    current = Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    related: dict[int, list[str]] = defaultdict(list)
    for relationship in Relationship.objects.filter(current, relative_id__in=list(children), kind__in=RELATED):
        kind = RelationshipKind(relationship.kind).label.lower()
        related[relationship.person_id].append(f"Recorded as {children[relationship.relative_id]}'s {kind}.")
    for relationship in Relationship.objects.filter(
        current, person_id__in=list(children), kind=RelationshipKind.HOUSEHOLD_MEMBER
    ):
        related[relationship.relative_id].append(
            f"Recorded as a member of {children[relationship.person_id]}'s household."
        )
    for record_id, person_id in _others(Q(person_id__in=list(related)), children).values_list("id", "person_id"):
        ties[record_id].extend(related[person_id])


def _by(system: str) -> str:
    """Who recorded the tie, as its sentence starts: "Recorded by the police", "Recorded by health"."""
    label = SourceSystem(system).label
    return f"Recorded by the {label.lower()}" if system == SourceSystem.POLICE else f"Recorded by {label.lower()}"


def with_household(candidate: Candidate, reasons: Sequence[str]) -> Candidate | None:
    """The candidate with the household evidence counted (see the module's docstring); None for a record tied to
    the child whose first name is not alike, or whose date of birth or age does not fit (another adult of theirs)."""
    evidence = {e.comparison: e for e in candidate.score.evidence}
    first = evidence.get("first_name")
    if first is None or not first.agreed or any(evidence[c].match_weight < 0 for c in CONTRADICTING if c in evidence):
        return None
    score = candidate.score
    total = score.match_weight + HOUSEHOLD_WEIGHT
    probability = 1.0 / (1.0 + 2.0 ** (-total)) if total >= 0 else 2.0**total / (1.0 + 2.0**total)
    graded = grade(probability) or "possible"
    surname = evidence.get("last_name")
    if graded == "certain" and score.grade != "certain" and not (surname is not None and surname.agreed):
        graded = "probable"  # household and a first name alone never link anyone
    row = Evidence(HOUSEHOLD_EVIDENCE, "recorded with a child on this referral", 1, 2.0**HOUSEHOLD_WEIGHT,
                   HOUSEHOLD_WEIGHT)  # fmt: skip
    raised = Score(total, probability, graded, (*score.evidence, row), score.prior_weight)
    return replace(candidate, score=raised, household=tuple(dict.fromkeys(reasons)))
