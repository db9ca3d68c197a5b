"""Clustering scored pairs into people: connected components with constraints (the twin guard, guards.py) and
people's decisions. Pure: no Django, no Splink.

Edges at or above the threshold are taken strongest first, and an edge is refused when guards.conflict says its two
groups cannot be one person, or when it joins records people have decided are different. Then a record without an
NHS number that fits two people who cannot be one (nearly as well) is left on its own.

At a million records: components that no constraint could split (most people) are taken whole after an integer
union-find, and only the rest (twins, families, namesakes) are clustered edge by edge in Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from itertools import chain

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.linkage import guards
from frontdoor.linkage.alike import NO_COUNTS, count_names
from frontdoor.linkage.ambiguity import fits_by_middle_name, fits_by_name, held_in_full, placed_by_address, told_apart
from frontdoor.linkage.guards import Group, Refusal, Rule, single
from frontdoor.linkage.untangled import plain_components

Pair = tuple[str, str]


# What the guard reads of each record involved (guards.single's arguments after the id), in its order.
SINGLE_COLUMNS = (
    "source", "first_name", "middle_names", "dob", "nhs_number", "upn", "name_parts", "birth_year_low",
    "birth_year_high", "last_name", "sex", "postcode",
)  # fmt: skip
POSTCODE = SINGLE_COLUMNS.index("postcode")


def cluster(
    table: pa.Table,
    edges: list[tuple[str, str, float]],
    *,
    unique_systems: frozenset[str] = frozenset(),
    name_support: int = 1,
    margin: float = 6.0,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    duplicate_weight: float = math.inf,
) -> tuple[dict[str, str], dict[Pair, Refusal]]:
    """Constrained connected components over edges (strongest first), then again without the edges of records that
    fit two people who cannot be one; returns (clusters, refusals): why each edge left between two clusters was
    refused, by its (left, right) records.

    People's decisions come first: must-link pairs are joined before any edge, whatever the twin guard says, and
    no edge may put a cannot-link pair into one cluster, directly or through a chain.

    A system that holds each person once (unique_systems) still holds some twice (registered again, a temporary
    NHS number then a permanent one): an edge at or above duplicate_weight may put two of its records in one person,
    if nothing else the twin guard checks refuses it."""
    ids = table.column("unique_id").to_pylist()
    position = {uid: i for i, uid in enumerate(ids)}
    left, right, weight = _edge_arrays(edges, table, position)
    forced = [(a, b) for a, b in must_link if a in position and b in position]
    apart: dict[str, set[str]] = {}
    for a, b in cannot_link:
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)
    apart_at = [(position[a], position[b]) for a, b in cannot_link if a in position and b in position]
    # Components first (integer union-find); those no constraint can split are clusters as they stand, and only
    # the rest (twins, families, namesakes) go through the constrained clustering, edge by edge.
    joined_l = np.concatenate([left, np.array([position[a] for a, _b in forced], dtype=np.int64)])
    joined_r = np.concatenate([right, np.array([position[b] for _a, b in forced], dtype=np.int64)])
    label = _connected(len(ids), joined_l, joined_r)
    plain = plain_components(table, label, unique_systems, apart_at)
    rank = np.empty(len(ids), dtype=np.int64)
    by_uid = pc.sort_indices(table.column("unique_id")).to_numpy().astype(np.int64)
    rank[by_uid] = np.arange(len(ids))
    lowest = np.full(len(ids), len(ids), dtype=np.int64)
    np.minimum.at(lowest, label, rank)
    whole = plain[label]
    target = np.where(whole, by_uid[np.minimum(lowest[label], len(ids) - 1)], np.arange(len(ids)))
    names = np.asarray(ids, dtype=object)
    clusters = dict(zip(ids, names[target].tolist(), strict=True))

    tangled = ~whole[left]
    rest = [
        (a, b, w)
        for a, b, w in zip(
            names[left[tangled]].tolist(), names[right[tangled]].tolist(), weight[tangled].tolist(), strict=True
        )
    ]
    forced = [(a, b) for a, b in forced if not whole[position[a]]]
    involved = {uid for a, b, _w in rest for uid in (a, b)} | {uid for pair in forced for uid in pair}
    # Only the involved records' values, taken by row: a million records' twelve columns as Python took seconds.
    rows = pa.array(sorted(position[uid] for uid in involved), pa.int64())
    columns = [table.column(name).take(rows).to_pylist() for name in SINGLE_COLUMNS]
    singles = {ids[row]: tuple(values) for row, *values in zip(rows.to_pylist(), *columns, strict=True)}

    name_counts = name_counts_in(table) if rest or forced else NO_COUNTS

    def conflict(a: Group, b: Group) -> Refusal | None:
        return guards.refusal(a, b, unique_systems, name_support, name_counts)

    def kept_apart(a: Group, b: Group) -> Refusal | None:
        if apart:
            small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
            for uid in small.members:
                if uid in apart and not apart[uid].isdisjoint(large.members):
                    partner = min(apart[uid].intersection(large.members), key=_as_number)
                    return Refusal(Rule.DECISION, tuple(sorted((uid, partner), key=_as_number)))
        return conflict(a, b)

    def weighed(a: Group, b: Group, weight: float) -> Refusal | None:
        why = kept_apart(a, b)
        if why is not None and why.rule is Rule.ONE_RECORD_SYSTEM:
            return guards.weighed(a, b, unique_systems, weight, duplicate_weight, name_support, name_counts)
        return why

    ordered = sorted(rest, key=lambda e: (-e[2], e[0], e[1]))
    owner, groups, refused = _components(singles, ordered, weighed, forced=forced)
    anchored = {uid for uid, values in singles.items() if values[4]} | {uid for pair in forced for uid in pair}
    ambiguous = _ambiguous(ordered, owner, groups, conflict, anchored, margin, singles, refused)
    if ambiguous:
        # Only the components holding an ambiguous record change: those are clustered again without its edges.
        component = {uid: int(label[position[uid]]) for uid in singles}
        touched = {component[uid] for uid in ambiguous}
        kept = [
            edge
            for edge in ordered
            if component[edge[0]] in touched and edge[0] not in ambiguous and edge[1] not in ambiguous
        ]
        again = {uid: values for uid, values in singles.items() if component[uid] in touched}
        forced_again = [(a, b) for a, b in forced if component[a] in touched]
        _owner, regrouped, refused_again = _components(again, kept, weighed, forced=forced_again)
        groups = {key: group for key, group in groups.items() if component[key] not in touched} | regrouped
        refused = {pair: why for pair, why in refused.items() if component[pair[0]] not in touched} | refused_again
        for left, right, _weight in ordered:
            record = left if left in ambiguous else right if right in ambiguous else None
            if record is not None:
                refused[(left, right)] = Refusal(Rule.AMBIGUOUS, (record,), because=ambiguous[record])
    for group in groups.values():
        label_uid = min(group.members)
        for uid in group.members:
            clusters[uid] = label_uid
    return clusters, refused


def name_counts_in(table: pa.Table) -> Mapping[str, int]:
    """The names of these prepared records only one person holds (alike.name_counts), read from each distinct
    first name, surname and date of birth."""
    distinct = table.select(HOLDER).group_by(list(HOLDER)).aggregate([])
    return count_names(zip(*(distinct.column(name).to_pylist() for name in HOLDER), strict=True))


HOLDER = ("first_name", "last_name", "dob")


def _as_number(uid: str) -> tuple[int, str]:
    """Record ids in numeric order where they are numbers (the application's), else as text."""
    return (int(uid), "") if uid.isdigit() else (0, uid)


def _edge_arrays(
    edges: list[tuple[str, str, float]] | pa.Table, table: pa.Table, position: dict[str, int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Edges as arrays of record positions and weights: from (uid, uid, weight) tuples, or from a table of
    unique_id_l, unique_id_r and match_weight (as predict returns them)."""
    if isinstance(edges, pa.Table) and pa.types.is_integer(edges.schema.field("unique_id_l").type):
        # Records by row number (as link() has Splink score them).
        return (
            edges.column("unique_id_l").to_numpy().astype(np.int64),
            edges.column("unique_id_r").to_numpy().astype(np.int64),
            edges.column("match_weight").to_numpy().astype(np.float64),
        )
    if isinstance(edges, pa.Table):
        ids = table.column("unique_id").combine_chunks()
        left = pc.index_in(edges.column("unique_id_l"), value_set=ids).to_numpy(zero_copy_only=False)
        right = pc.index_in(edges.column("unique_id_r"), value_set=ids).to_numpy(zero_copy_only=False)
        weight = edges.column("match_weight").to_numpy()
        return left.astype(np.int64), right.astype(np.int64), weight.astype(np.float64)
    left = np.array([position[a] for a, _b, _w in edges], dtype=np.int64)
    right = np.array([position[b] for _a, b, _w in edges], dtype=np.int64)
    return left, right, np.array([w for _a, _b, w in edges], dtype=np.float64)


def components(table: pa.Table, edges: pa.Table) -> np.ndarray:
    """Each record's (row's) connected component over these edges (records by row number, as link() scores them),
    no constraint applied: the smallest row in it."""
    left, right, _weight = _edge_arrays(edges, table, {})
    return _connected(table.num_rows, left, right)


def _connected(size: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Connected components over integer edges: each record's label is the smallest index in its component."""
    parent = np.arange(size, dtype=np.int64)
    while True:
        a, b = parent[left], parent[right]
        differ = a != b
        if not differ.any():
            return parent
        np.minimum.at(parent, np.maximum(a, b)[differ], np.minimum(a, b)[differ])
        while True:  # pointer jumping until every record points at its root
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                break
            parent = jumped


def _components(
    singles: dict[str, tuple],
    edges: list[tuple[str, str, float]],
    conflict: Callable[[Group, Group, float], Refusal | None],
    *,
    forced: Iterable[tuple[str, str]] = (),
) -> tuple[dict[str, str], dict[str, Group], dict[Pair, Refusal]]:
    groups: dict[str, Group] = {}  # made when a record first meets an edge; the rest stay on their own
    owner: dict[str, str] = {}
    refused: dict[Pair, Refusal] = {}  # each refused edge, with why
    # Forced pairs (people's must-link decisions) come first and are joined without the conflict check.
    for left, right, weight in chain(((a, b, None) for a, b in forced), edges):
        for uid in (left, right):
            if uid not in owner:
                owner[uid] = uid
                groups[uid] = single(uid, *singles[uid])
        a, b = owner[left], owner[right]
        if a == b:
            continue
        why = conflict(groups[a], groups[b], weight) if weight is not None else None
        if why is not None:
            refused[(left, right)] = why
            continue
        if len(groups[a].members) < len(groups[b].members):
            a, b = b, a
        keep, gone = groups[a], groups.pop(b)
        keep.absorb(gone)
        for uid in gone.members:
            owner[uid] = a
    return owner, groups, refused


def _ambiguous(
    edges: list[tuple[str, str, float]],
    owner: dict[str, str],
    groups: dict[str, Group],
    conflict: Callable[[Group, Group], Refusal | None],
    anchored: set[str],
    margin: float,
    singles: dict[str, tuple],
    refused: Mapping[tuple[str, str], Refusal],
) -> dict[str, Refusal]:
    """Records that fit two people who cannot be one (a twin recorded under the other twin's nickname): nearly as
    close to the other as to their own, or (giving an age) holding the middle name of a person their own was kept
    apart from, with why those two cannot be one. Unless its own NHS number anchors it, such a record stays on its
    own."""
    kept_from: dict[str, set[str]] = {}  # each group's people it was kept apart from (a twin)
    for left, right in refused:
        a, b = owner[left], owner[right]
        if a != b:
            kept_from.setdefault(a, set()).add(b)
            kept_from.setdefault(b, set()).add(a)
    best: dict[str, dict[str, float]] = {}
    for left, right, weight in edges:
        for uid, other in ((left, right), (right, left)):
            if uid not in anchored:
                scores = best.setdefault(uid, {})
                scores[owner[other]] = max(weight, scores.get(owner[other], -math.inf))
    ambiguous: dict[str, Refusal] = {}
    for uid, scores in best.items():
        mine = owner[uid]
        if mine not in scores or len(groups[mine].members) == 1:
            continue
        # Near: nearly as close by weight, or by name: a first name alike to one the other person has on this
        # date of birth (Jaden for a twin Jayden) says little about which of the two it is, where the record could
        # belong to either (a second health record could not).
        alone = single(uid, *singles[uid])

        def refuses(a: Group, b: Group) -> bool:
            return conflict(a, b) is not None

        # Near by neither weight nor name where the record's address tells the two apart (twins share theirs).
        postcode, own = singles[uid][POSTCODE], [singles[m][POSTCODE] for m in groups[mine].members if m != uid]
        near = [
            g
            for g, w in sorted(scores.items())
            if g != mine
            and not placed_by_address(postcode, own, [singles[m][POSTCODE] for m in groups[g].members])
            and (w >= scores[mine] - margin or fits_by_name(alone, groups[g], refuses))
            and not refuses(alone, groups[g])  # a record that cannot be theirs fits only its own person
        ]
        # By its middle name, its own person's twin (no edge need join them).
        near += [
            g
            for g in sorted(kept_from.get(mine, ()))
            if g not in near and fits_by_middle_name(alone, groups[mine], groups[g]) and not refuses(alone, groups[g])
        ]
        in_full = held_in_full(
            singles[uid][1:4], (singles[other][1:4] for other in groups[mine].members if other != uid)
        )
        twins = told_apart(
            alone, groups[mine], ((g, groups[g]) for g in near), conflict, in_full=in_full, first=singles[uid][1]
        )
        if twins:
            ambiguous[uid] = twins[0][1]
    return ambiguous
