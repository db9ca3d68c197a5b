"""Names in each other's boxes: a record whose first-name box holds a family name and whose surname box a given
name (a name written family name first, as Chinese, Vietnamese and Hungarian names are, or a form filled in the
wrong way round: Zhang Jasmine for Jasmine Zhang), told by where the file's other records hold the two names. A run
(engine.link, and the Spark path) reads such a record's names the right way round before it trains, scores and
clusters, so that given names are compared with given names: a woman recorded as Brown Jasmine by one system and
Jasmine Zhang by another is one Jasmine under two surnames (as a married woman is), not two first names on one date
of birth; and twins written Wu Grace and Wu Jing are Grace and Jing, not two records of one first name, Wu. Pure: no
Django, no Splink.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.linkage.names import name_keys
from frontdoor.linkage.preparation import each_distinct

# A name belongs in one box when the file holds it there at least this many times as often as in the other. Not
# more: where names are written family name first, a third of a community's family names are in the first-name box
# (Zhang: 26 records there, 53 in the surname box), and their given names in the surname box as often.
BOX_RATIO = 2
# ... and holds it there at least this many times: a name held once or twice (a typo, a rare name) says nothing.
BOX_SUPPORT = 5


def crossed(table: pa.Table) -> np.ndarray:
    """Which records (a mask by row) hold a family name as their first name and a given name as their surname: their
    first name held in the surname box BOX_RATIO times as often as in the first-name box, and their surname held in
    the first-name box BOX_RATIO times as often as in the surname box, each at least BOX_SUPPORT times."""
    first, last = table.column("first_name"), table.column("last_name")
    as_first, as_last = _counts(first), _counts(last)
    first_as_first, first_as_last = _held(first, as_first), _held(first, as_last)
    last_as_first, last_as_last = _held(last, as_first), _held(last, as_last)
    return (
        (first_as_last >= np.maximum(BOX_SUPPORT, BOX_RATIO * first_as_first))
        & (last_as_first >= np.maximum(BOX_SUPPORT, BOX_RATIO * last_as_last))
    )  # fmt: skip


def in_given_order(table: pa.Table) -> pa.Table:
    """The prepared table (preparation.prepare) with each crossed record's names the right way round: its first name
    and surname swapped, with their spelling and phonetic keys, and its first name's nickname keys those of its new
    first name. The other records, and every other column, as they are."""
    swap = crossed(table)
    if not swap.any():
        return table
    mask = pa.array(swap)
    for first, last in PAIRED:
        given, family = table.column(first), table.column(last)
        table = _replaced(table, first, pc.if_else(mask, family, given))
        table = _replaced(table, last, pc.if_else(mask, given, family))
    keys = each_distinct(table.column("first_name"), name_keys, pa.list_(pa.int32()), [])
    return _replaced(table, "first_name_keys", pc.if_else(mask, keys, table.column("first_name_keys")))


# The columns preparation.prepare derives from the first name and from the surname, side by side.
PAIRED = (
    ("first_name", "last_name"),
    ("first_name_spelling", "last_name_spelling"),
    ("first_name_sounds", "last_name_sounds"),
)


def _replaced(table: pa.Table, name: str, values: pa.ChunkedArray | pa.Array) -> pa.Table:
    return table.set_column(table.schema.get_field_index(name), name, values)


def _counts(column: pa.ChunkedArray) -> pa.StructArray:
    return pc.value_counts(column.drop_null())


def _held(column: pa.ChunkedArray, counts: pa.StructArray) -> np.ndarray:
    """How many records hold each record's value in the counted box (0 where none does, or the value is null)."""
    at = pc.index_in(column, value_set=counts.field("values"))
    numbers = counts.field("counts").to_numpy(zero_copy_only=False)
    positions = (
        at.to_numpy(zero_copy_only=False)
        if isinstance(at, pa.Array)
        else at.combine_chunks().to_numpy(zero_copy_only=False)
    )
    found = ~np.isnan(positions.astype(np.float64))
    held = np.zeros(len(positions), dtype=np.int64)
    held[found] = numbers[positions[found].astype(np.int64)]
    return held
