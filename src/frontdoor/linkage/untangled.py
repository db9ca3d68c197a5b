"""Which connected components of the edges no constraint of the twin guard (guards.py) can split, found over whole
columns at once: constrained clustering would join such a component whole, so clustering.py takes it whole and sends
only the rest through the guard, edge by edge. At a million records most components are plain. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.linkage import guards
from frontdoor.linkage.alike import same_birth, similar, unordered


def _codes(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[Any]]:
    """A column as integer codes (-1 for null) and the distinct values they stand for."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, encoded.dictionary.to_pylist()


def _distinct(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (key, value) pairs, values not null (>= 0), as two arrays sorted by key."""
    present = values >= 0
    keys, values = keys[present], values[present]
    span = int(values.max()) + 1 if len(values) else 1
    pairs = np.unique(keys * span + values)
    return pairs // span, pairs % span


def plain_components(
    table: pa.Table, label: np.ndarray, unique_systems: frozenset[str], apart: list[tuple[int, int]]
) -> np.ndarray:
    """Which components no constraint can split (a mask by label): one NHS number at most, each unique system once,
    dates of birth a typo apart, first names on one date alike, one system's records on one date under one name, no
    middle name beside another on a record with an age nor a record with an age beside another name of its system,
    and no cannot-link pair inside. Constrained clustering would
    join such a component whole, so it is taken whole; the rest go through the constrained, edge by edge, path."""
    size = len(label)
    sizes = np.bincount(label, minlength=size)
    tangled = np.zeros(size, dtype=bool)
    source, sources = _codes(table.column("source"))
    nhs, _ = _codes(table.column("nhs_number"))
    dob, dobs = _codes(table.column("dob"))
    first, firsts = _codes(table.column("first_name"))
    keys, _values = _distinct(label, nhs)
    tangled |= np.bincount(keys, minlength=size) > 1
    for code, system in enumerate(sources):
        if system in unique_systems:
            tangled |= np.bincount(label[source == code], minlength=size) > 1
    named = np.where(dob >= 0, first, -1)
    # One system's records on one date of birth (day and month in either order) under two names: two people.
    either_way, _ = _codes(pa.array([unordered(d) for d in dobs], pa.string()))
    either_way = np.append(either_way, 0)  # so that no date of birth (-1) indexes something
    system_dob = np.where(dob >= 0, (label * len(sources) + source) * (len(either_way) + 1) + either_way[dob], -1)
    system_dob = np.where(named >= 0, system_dob, -1)
    keys, _values = _distinct(system_dob[system_dob >= 0], named[system_dob >= 0])
    repeated = np.unique(keys[1:][keys[1:] == keys[:-1]])
    tangled[repeated // len(sources) // (len(either_way) + 1)] = True
    # Dates of birth and first names that differ within a component: alike (a typo, a nickname) or not.
    keys, values = _distinct(label, dob)
    _check_alike(tangled, keys, values, lambda codes: _all_pairs(same_birth, [dobs[c] for c in codes]))
    by_date = np.where(named >= 0, label * (len(dobs) + 1) + dob, -1)
    keys, values = _distinct(by_date[by_date >= 0], named[by_date >= 0])
    _check_alike(
        tangled, keys // (len(dobs) + 1), values, lambda codes: _all_pairs(similar, [firsts[c] for c in codes])
    )
    middle, middles = _codes(table.column("middle_names"))
    # A first name that is another's first word and more (Van, Van James) where a middle name is held: the guard
    # weighs the rest of the name against the middle name (guards._middle_in_first).
    with_middle = np.zeros(size, dtype=bool)
    with_middle[label[middle >= 0]] = True
    if with_middle.any():
        words = frozenset(pc.unique(pc.list_flatten(table.column("name_parts"))).to_pylist())
        marked = tangled | ~with_middle
        _check_alike(
            marked, keys // (len(dobs) + 1), values, lambda codes: not _headed([firsts[c] for c in codes], words)
        )
        tangled |= marked & with_middle
    middled = np.where(dob >= 0, middle, -1)
    by_date = np.where(middled >= 0, label * (len(dobs) + 1) + dob, -1)
    keys, values = _distinct(by_date[by_date >= 0], middled[by_date >= 0])
    _check_alike(
        tangled, keys // (len(dobs) + 1), values, lambda codes: _all_pairs(similar, [middles[c] for c in codes])
    )
    _check_years(tangled, label, table, dob)
    low_known = table.column("birth_year_low").is_valid().to_numpy(zero_copy_only=False)
    # A middle name on a record with an age in place of a date of birth, beside another middle name (guards.py).
    aged_middle = (dob < 0) & (middle >= 0) & low_known
    if aged_middle.any():
        keys, _values = _distinct(label, middle)
        with_aged = np.zeros(size, dtype=bool)
        with_aged[label[aged_middle]] = True
        tangled |= with_aged & (np.bincount(keys, minlength=size) > 1)
    # A record with an age in place of a date of birth beside a record of its own system under another first name
    # (guards._aged_system_names: two people where the birth years meet, unless one name in parts).
    aged_first = (dob < 0) & low_known & (first >= 0)
    if aged_first.any():
        by_system = label * len(sources) + source
        with_aged = np.zeros(size * len(sources), dtype=bool)
        with_aged[by_system[aged_first]] = True
        keys, _values = _distinct(by_system, first)
        many = np.bincount(keys, minlength=size * len(sources)) > 1
        tangled[np.flatnonzero(with_aged & many) // len(sources)] = True
    # A record with no first name, date of birth or age (a baby not yet born) beside one with a date of birth.
    nameless = (first < 0) & (dob < 0) & ~low_known
    if nameless.any():
        tangled |= np.isin(np.arange(size), label[nameless]) & np.isin(np.arange(size), label[dob >= 0])
    for a, b in apart:
        if label[a] == label[b]:
            tangled[label[a]] = True
    return (sizes > 1) & ~tangled


def _check_years(tangled: np.ndarray, label: np.ndarray, table: pa.Table, dob: np.ndarray) -> None:
    """Mark as tangled each component holding a record with an age in place of a date of birth whose birth years
    another record's are not near (guards.AGE_SLACK_YEARS): the twin guard tells a parent from a child so."""
    size = len(label)
    low = table.column("birth_year_low").to_numpy(zero_copy_only=False)
    high = table.column("birth_year_high").to_numpy(zero_copy_only=False)
    known = ~np.isnan(low.astype(np.float64))
    aged = known & (dob < 0)
    if not aged.any():
        return
    lowest_high = np.full(size, np.inf)
    highest_low = np.full(size, -np.inf)
    np.minimum.at(lowest_high, label[known], high[known].astype(np.float64))
    np.maximum.at(highest_low, label[known], low[known].astype(np.float64))
    with_age = np.zeros(size, dtype=bool)
    with_age[label[aged]] = True
    tangled |= with_age & (highest_low - lowest_high > guards.AGE_SLACK_YEARS)


def _check_alike(tangled: np.ndarray, keys: np.ndarray, values: np.ndarray, alike: Callable[[list], bool]) -> None:
    """Mark as tangled each key holding several values that are not all alike."""
    if not len(keys):
        return
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    for start, end in zip(starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist(), strict=True):
        key = int(keys[start])
        if not tangled[key] and not alike(values[start:end].tolist()):
            tangled[key] = True


def _headed(names: list[str], words: frozenset[str]) -> bool:
    """Is one of these names another and a word more, a word some record's names hold (Van and Van James; not Chris
    and Christopher: no name holds topher)?"""
    return any(a != b and b.startswith(a) and b[len(a) :] in words for a in names for b in names)


def _all_pairs(alike: Callable[[str, str], bool], values: list[str]) -> bool:
    return all(alike(a, b) for i, a in enumerate(values) for b in values[i + 1 :])
