"""A linkage's pairwise precision and recall within each group of people (name origin, age band), and the gap
between the best and the worst group: for any population whose records are labelled with their true person.

A group's recall is the share of its true pairs (two records of one of its people) that were put together; its
precision is the share of the predicted pairs touching its records (at least one record of the group) that are
true. Pure Python, no Django: the benchmark scores the county and this population with it alike.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def by_group(
    clusters: Mapping[str, str],
    person_of: Mapping[str, str],
    group_of: Mapping[str, str],
    order: Sequence[str] = (),
) -> dict[str, dict[str, Any]]:
    """Each group's precision, recall and pair counts. clusters: record -> predicted cluster; person_of: record ->
    true person; group_of: person -> group (people with no group are left out of every group's figures). Groups
    come in `order`, then any others alphabetically."""
    members: dict[str, list[str]] = defaultdict(list)
    for uid, label in clusters.items():
        members[label].append(uid)
    actual: Counter[str] = Counter()
    for uid in clusters:
        actual[person_of[uid]] += 1
    true_pairs: Counter[str] = Counter()
    for person, n in actual.items():
        if person in group_of:
            true_pairs[group_of[person]] += _pairs(n)
    found: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    for uids in members.values():
        people = Counter(person_of[uid] for uid in uids)
        sizes: Counter[str] = Counter()
        for person, n in people.items():
            group = group_of.get(person)
            if group is not None:
                sizes[group] += n
                found[group] += _pairs(n)
        for group, n in sizes.items():
            predicted[group] += _pairs(len(uids)) - _pairs(len(uids) - n)  # pairs with at least one of the group
    present = set(group_of.values())
    groups = [g for g in order if g in present] + sorted(present - set(order))
    return {
        group: {
            "precision": found[group] / predicted[group] if predicted[group] else 1.0,
            "recall": found[group] / true_pairs[group] if true_pairs[group] else 1.0,
            "true_pairs": true_pairs[group],
            "people": sum(1 for p in actual if group_of.get(p) == group),
        }
        for group in groups
    }


def recall_gap_pp(measures: Mapping[str, Mapping[str, Any]], *, min_true_pairs: int = 1) -> float | None:
    """Best group's recall minus the worst's, in percentage points, over groups with at least min_true_pairs true
    pairs (a group with no pairs to find has no recall to compare); None with fewer than two such groups."""
    recalls = [m["recall"] for m in measures.values() if m["true_pairs"] >= min_true_pairs]
    if len(recalls) < 2:
        return None
    return (max(recalls) - min(recalls)) * 100
