"""Household context as evidence in a batch run (ADR 0013): two records each recorded with the same third person
are more likely one person than their fields alone say. Pure: no Django, no DuckDB.

A police nominal recorded aged 7 with her mother at an incident, at the address the family left since, and the
child's GP record at the new address with no mother's name on it: the fields say "Charlotte Paige Jones, the age
fits, another postcode" and fall short of a link. But the mother's own police record is linked to her GP record,
and the GP holds the child at the mother's address. Each of the two records is recorded with someone who is one
person: the mother. That is what a MASH worker reads from the two systems, and the batch run now reads it too.

"Recorded with" is what the records hold (`keys`, given by the caller for each record): the same address (first line
and postcode) in one system, or the same event (a police incident). A key held by more than LARGEST people (a
hostel, a children's home, an incident at a school) says nothing about a household and is left out. People, not
records: each agency holds each member, so a family of six known to four agencies is twenty-four records.

The evidence adds HOUSEHOLD_WEIGHT to the pair's match weight (as the already-known check does for an adult on a
referral: ADR 0012), so it lifts a pair just short of the join threshold and no other: two records with nothing but
a household in common (a brother and sister) stay far below; and it never chooses between two first names (twins
share their household). The twin guard still decides whether the pair may join.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.people.places import address_key

# Bayes factor 16: as much as a surname spelt alike in the county's model, less than a first name the same (ADR 0012).
HOUSEHOLD_WEIGHT = 4.0
# More people than this under one address or event are not one household. Counted as people (the records' components
# or persons), not records: each system holds each member, so a limit on records shut out the largest families, the
# ones with the most records (ADR 0013 amendments). Ten: a couple and eight children, or three generations.
LARGEST = 10


def together_keys(system: str, address: str, postcode: str, events: Iterable[str]) -> list[str]:
    """What a record is recorded with, as keys two records share when they are: its address (first line and
    postcode, in any system) and each event of its system it takes part in."""
    keys = [f"event:{system}:{event}" for event in events]
    place = address_key(address, postcode) if address else None
    if place is not None:
        keys.append(f"address:{place[0]}:{place[1]}")
    return keys


def one_first_name(
    first: str | None, nicknames: Iterable[int] | None, other: str | None, other_nicknames: Iterable[int] | None
) -> bool:
    """The same first name, or a nickname of it (names.name_keys): household context never chooses between two
    names, as twins share their household."""
    return first is not None and (first == other or bool(set(nicknames or ()) & set(other_nicknames or ())))


def companions(
    ids: Sequence[str],
    keys: Mapping[str, Collection[str]],
    only: Collection[int] | None = None,
    people: Sequence[object] | None = None,
) -> dict[int, set[int]]:
    """For each record (by row), the other records (rows) recorded with it; with `only`, for those rows alone (the
    records a run asks about: at a million records, every record's companions took seconds). `people` names each
    row's person (a component, a person id; None when the record has none yet) so that a key counts the people it
    holds; without it, each record is a person."""
    row_of = {uid: i for i, uid in enumerate(ids)}
    wanted = None if only is None else {key for row in only for key in keys.get(ids[row], ())}
    members: dict[str, list[int]] = defaultdict(list)
    for uid, held in keys.items():
        row = row_of.get(uid)
        if row is not None:
            for key in set(held):
                if wanted is None or key in wanted:
                    members[key].append(row)
    out: dict[int, set[int]] = defaultdict(set)
    for rows in members.values():
        if len(rows) >= 2 and _people_in(rows, people) <= LARGEST:
            for row in rows:
                if only is None or row in only:
                    out[row].update(rows)
    for row, others in out.items():
        others.discard(row)
    return out


def _people_in(rows: Sequence[int], people: Sequence[object] | None) -> int:
    """How many people these records are: each record without a person is one of its own."""
    if people is None:
        return len(rows)
    named = {people[row] for row in rows}
    return len(named - {None}) + sum(1 for row in rows if people[row] is None)


def raised(
    table: pa.Table, label: np.ndarray, scored: pa.Table, threshold_weight: float, keys: Mapping[str, Collection[str]]
) -> pa.Table:
    """The scored pairs (unique_id_l, unique_id_r as rows, match_weight) below the threshold that household context
    lifts to it or above, with their raised weight: the two records in two components (label: each row's component
    of the edges at the threshold), with one first name (the same, or a nickname of it: household context never
    chooses between two names, as twins share their household), and each recorded with a record of a third
    component the other is recorded with too."""
    near = scored.filter(
        pc.and_(
            pc.greater_equal(scored.column("match_weight"), threshold_weight - HOUSEHOLD_WEIGHT),
            pc.less(scored.column("match_weight"), threshold_weight),
        )
    )
    empty = scored.schema.empty_table()
    if near.num_rows == 0 or not keys:
        return empty
    left = near.column("unique_id_l").to_numpy().astype(np.int64)
    right = near.column("unique_id_r").to_numpy().astype(np.int64)
    # The cheap questions first (two components, one first name), of the few records they ask about; then who is
    # recorded with whom, for the records of the pairs left.
    apart = np.flatnonzero(label[left] != label[right])
    rows = np.unique(np.concatenate([left[apart], right[apart]]))
    taken = pa.array(rows, pa.int64())
    first = dict(zip(rows.tolist(), table.column("first_name").take(taken).to_pylist(), strict=True))
    nicknames = dict(zip(rows.tolist(), table.column("first_name_keys").take(taken).to_pylist(), strict=True))
    named = []
    for n, a, b in zip(apart.tolist(), left[apart].tolist(), right[apart].tolist(), strict=True):
        if one_first_name(first[a], nicknames[a], first[b], nicknames[b]):
            named.append((n, a, b))
    ids = table.column("unique_id").to_pylist()
    around = companions(ids, keys, only={x for _n, a, b in named for x in (a, b)}, people=label.tolist())
    kept = np.zeros(near.num_rows, dtype=bool)
    for n, a, b in named:
        if a not in around or b not in around:
            continue
        shared = {int(label[x]) for x in around[a]} & {int(label[x]) for x in around[b]}
        kept[n] = bool(shared - {int(label[a]), int(label[b])})
    chosen = near.filter(pa.array(kept))
    return chosen.set_column(
        chosen.schema.get_field_index("match_weight"),
        "match_weight",
        pc.add(chosen.column("match_weight"), HOUSEHOLD_WEIGHT),
    )
