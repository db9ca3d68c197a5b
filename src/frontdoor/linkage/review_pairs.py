"""The pairs a run leaves for people, each pair of people once, with why it was kept apart. Pure: no Django.

A run leaves two kinds of pair: strong matches the clustering kept apart (clustering.py says which rule refused
each), and uncertain matches (in the review band). Many are one question asked several times (two people with five
records between them make up to six pairs), so each pair of people is left once, by its strongest pair of records.
A pair is *settled*, not waiting for anyone, when identifiers or people's decisions say the two are different people
(two NHS numbers, two records of a system that holds each person once, dates of birth no typo explains, a
cannot-link decision), or when the records are already one person through stronger matches with their other records;
it is kept, to be looked at, but a team's queue holds only what a person has to decide.

A person the run made of two registrations under two NHS numbers (guards.registered_twice, ADR 0010) is left too,
settled, by the pair of those two records: someone should ask health to merge the registrations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.linkage import guards
from frontdoor.linkage.alike import NO_COUNTS
from frontdoor.linkage.clustering import name_counts_in
from frontdoor.linkage.guards import Group, Refusal, Rule

# Rules that settle a pair: the records' identifiers, or people, say the two are different people.
SETTLING = frozenset({Rule.NHS_NUMBERS, Rule.ONE_RECORD_SYSTEM, Rule.BIRTH_DATES, Rule.DECISION})


@dataclass(frozen=True)
class LeftPair:
    left: str
    right: str
    weight: float
    refusal: Refusal | None  # why the two people were kept apart; None for a pair nothing keeps apart
    settled: bool  # identifiers, a decision or the clustering settled it: no one has to decide it
    same_person: bool  # the clustering made them one person through their other records


def left_pairs(
    table: pa.Table,
    clusters: Mapping[str, str],
    refusals: Mapping[tuple[str, str], Refusal],
    strong: Iterable[tuple[str, str, float]],
    uncertain: Iterable[tuple[str, str, float]],
    *,
    unique_systems: frozenset[str],
    cannot_link: Iterable[tuple[str, str]] = (),
    name_support: int = 1,
    joined: Iterable[tuple[str, str, float]] = (),
) -> list[LeftPair]:
    """Each pair of people the run left (strong pairs kept apart, and uncertain pairs), strongest first, and each
    person made of two registrations under two NHS numbers.

    `strong` are the pairs at or above the threshold that the clustering left in two clusters, `uncertain` the
    pairs in the review band (in one cluster or two); `refusals` is clustering's answer to why each strong pair was
    refused; `joined` are the pairs at or above the threshold (any of them: those of one person are looked at)."""
    best: dict[tuple[str, str], tuple[str, str, float]] = {}
    for left, right, weight in [*strong, *uncertain]:
        a, b = clusters[left], clusters[right]
        key = (a, b) if a <= b else (b, a)
        # Two people: their strongest pair of records asks the question. One person: the weakest pair is the one
        # to look at, if anyone doubts the link.
        kept = best.get(key)
        if kept is None or (weight > kept[2] if a != b else weight < kept[2]):
            best[key] = (left, right, weight)
    decided = {_pair(clusters[a], clusters[b]) for a, b in cannot_link if a in clusters and b in clusters}
    groups = _groups(table, clusters, {label for key in best for label in key})
    name_counts = name_counts_in(table) if best else NO_COUNTS
    pairs = []
    for (a, b), (left, right, weight) in best.items():
        if a == b:
            pairs.append(LeftPair(left, right, weight, None, settled=True, same_person=True))
            continue
        why = refusals.get((left, right)) or refusals.get((right, left))
        if (a, b) in decided:
            why = Refusal(Rule.DECISION, (left, right))
        final = guards.refusal(groups[a], groups[b], unique_systems, name_support, name_counts)
        if final is not None and final.rule in SETTLING and (why is None or why.rule not in SETTLING):
            why = final  # what the people's identifiers now say outranks a name rule met on the way
        why = why or final
        settled = why is not None and why.rule in SETTLING
        pairs.append(LeftPair(left, right, weight, why, settled=settled, same_person=False))
    twice = registered_twice(table, clusters, joined)
    pairs = [p for p in pairs if not (p.same_person and clusters[p.left] in twice)] + list(twice.values())
    return sorted(pairs, key=lambda p: (-p.weight, p.left, p.right))


def registered_twice(
    table: pa.Table, clusters: Mapping[str, str], joined: Iterable[tuple[str, str, float]]
) -> dict[str, LeftPair]:
    """Each person holding two NHS numbers through two registrations that agree on everything else (ADR 0010), by
    cluster: the strongest joined pair of such records, settled, with the note (the two numbers) as its reason."""
    numbers: dict[str, set[str]] = defaultdict(set)
    ids, nhs = table.column("unique_id").to_pylist(), table.column("nhs_number").to_pylist()
    for uid, number in zip(ids, nhs, strict=True):
        if number:
            numbers[clusters[uid]].add(number)
    held = {label for label, found in numbers.items() if len(found) > 1}
    if not held:
        return {}
    records = _records(table, clusters, held)
    name_counts = name_counts_in(table)
    best: dict[str, LeftPair] = {}
    for left, right, weight in joined:
        label = clusters[left]
        if label not in held or clusters[right] != label or (label in best and best[label].weight >= weight):
            continue
        note = guards.registered_twice(records[left], records[right], name_counts)
        if note is not None:
            best[label] = LeftPair(left, right, weight, note, settled=True, same_person=True)
    return best


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


_COLUMNS = (
    "unique_id", "source", "first_name", "middle_names", "dob", "nhs_number", "upn", "name_parts", "birth_year_low",
    "birth_year_high", "last_name", "sex", "postcode",
)  # fmt: skip


def _rows(table: pa.Table, clusters: Mapping[str, str], labels: set[str]) -> list[tuple]:
    """The records of the people (clusters) named, as guards.single takes them."""
    wanted = [uid for uid, label in clusters.items() if label in labels]
    rows = table.select(_COLUMNS).filter(pc.is_in(table.column("unique_id"), value_set=pa.array(wanted, pa.string())))
    return list(zip(*(rows.column(name).to_pylist() for name in _COLUMNS), strict=True))


def _records(table: pa.Table, clusters: Mapping[str, str], labels: set[str]) -> dict[str, Group]:
    """Each record of the people (clusters) named, as the twin guard sees it, by its id."""
    return {row[0]: guards.single(*row) for row in _rows(table, clusters, labels)}


def _groups(table: pa.Table, clusters: Mapping[str, str], labels: set[str]) -> dict[str, Group]:
    """The people (clusters) named, as the twin guard sees them."""
    members: dict[str, list[tuple]] = defaultdict(list)
    for row in _rows(table, clusters, labels):
        members[clusters[row[0]]].append(row)
    groups = {}
    for label, rows in members.items():
        group = guards.single(*rows[0])
        for row in rows[1:]:
            group.absorb(guards.single(*row))
        groups[label] = group
    return groups
