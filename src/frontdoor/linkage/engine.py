"""Batch record linkage with Splink on in-process DuckDB: prepare, train (EM), predict, cluster. Pure: no Django.

``link(records)`` takes records with unique_id, source, first_name, middle_names, last_name, dob (a date or None),
sex, postcode, nhs_number and upn, and returns which cluster (person) each record belongs to, with the trained
model as Splink JSON and a training report.

Clustering is connected components with constraints. Edges at or above the threshold are taken strongest first,
and an edge is refused when joining its two groups would put into one person two different NHS numbers, two records
of a system that holds each person once, dates of birth that no typo or transposition explains, or two clearly
different first (or middle) names on one date of birth; or when it joins two records of one system with different
first names. Then a record without an NHS number that fits two people who cannot be one (nearly as well) is left on
its own. These are the twin guard: twins share surname, date of birth and address, so only names and identifiers
tell them apart, and a wrong merge is worse than a missed one.

At a million records: candidate pairs are found in one query and scored by Splink's predict; components that no
constraint could split (most people) are taken whole after an integer union-find, and only the rest (twins,
families, namesakes) are clustered edge by edge in Python.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from difflib import SequenceMatcher
from functools import cache
from itertools import chain
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI, Linker

from frontdoor.linkage import model
from frontdoor.linkage.names import name_keys, normalise_name

COLUMNS = (
    "unique_id",
    "source",
    "first_name",
    "middle_names",
    "last_name",
    "dob",
    "sex",
    "postcode",
    "nhs_number",
    "upn",
)


@dataclass
class LinkageResult:
    clusters: dict[str, str]  # unique_id -> cluster id (the smallest unique_id in the cluster)
    model_json: dict[str, Any]
    training_report: dict[str, Any]
    seconds: dict[str, float] = field(default_factory=dict)
    pairs_scored: int = 0
    edges_refused: int = 0
    # For people to review: pairs in the review band, and pairs above the threshold left in different clusters.
    review: list[tuple[str, str, float]] = field(default_factory=list)
    # Each term-frequency column's value -> its share of the records linked, for real-time scoring (realtime.py).
    term_frequencies: dict[str, dict[str, float]] = field(default_factory=dict)


def _text(value: Any) -> str | None:
    cleaned = normalise_name(str(value)) if value else ""
    return cleaned or None


def _postcode(value: Any) -> str | None:
    cleaned = " ".join(str(value).lower().split()) if value else ""
    return cleaned or None


def _dob(value: Any) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


# How far back an extract's ages may reach when the record does not say when the age was given: police extracts
# give the age at an incident, and keep years of incidents.
AGE_GIVEN_WITHIN_YEARS = 10


def from_source_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A SourceRecord's values (id, system and the person columns) as the engine's input record."""
    age_to = row.get("extracted_at")
    age_to = age_to.date() if isinstance(age_to, datetime) else age_to
    age_from = age_to.replace(year=age_to.year - AGE_GIVEN_WITHIN_YEARS, day=1) if age_to else None
    return {
        "age_years": row.get("age_years"),
        "age_from": age_from if row.get("age_years") is not None else None,
        "age_to": age_to if row.get("age_years") is not None else None,
        "unique_id": str(row["id"]),
        "source": row["system"],
        "first_name": row["first_name"],
        "middle_names": row["middle_names"],
        "last_name": row["last_name"],
        "dob": row["date_of_birth"],
        "sex": row["sex"],
        "postcode": row["postcode"],
        "nhs_number": row["nhs_number"],
        "upn": row["upn"],
    }


RAW = (*COLUMNS, "age_years", "age_from", "age_to")


def prepare(records: Iterable[Mapping[str, Any]] | pa.Table) -> pa.Table:
    """Normalise records (mappings, or a table of their columns) into the columns the model compares (model.py).

    Column at a time in Arrow, not record by record: a million records take seconds, not tens of seconds. A few
    records (a real-time lookup's candidates) are done one by one in Python, which is faster at that size and gives
    the same values (tests/unit/linkage/test_linkage_engine.py checks both ways on a county)."""
    if not isinstance(records, pa.Table):
        records = list(records)
        if len(records) <= FEW:
            return _prepare_rows(records)
    raw = records if isinstance(records, pa.Table) else _raw_table(records)
    rows = raw.num_rows

    def column(name: str, kind: pa.DataType | None = None) -> pa.ChunkedArray:
        """The raw column (cast to kind if given; strings by default), or nulls where the records have none."""
        if name not in raw.column_names:
            return pa.chunked_array([pa.nulls(rows, kind or pa.string())])
        values = raw.column(name)
        if kind is None and (pa.types.is_temporal(values.type) or pa.types.is_string(values.type)):
            return values
        return values.cast(kind or pa.string())

    first = _names(column("first_name"))
    first = pc.if_else(pc.equal(first, "unborn"), pa.scalar(None, pa.string()), first)
    middle = pc.replace_substring_regex(column("middle_names"), r"^\s*(\S*)[\s\S]*$", r"\1")
    sex = pc.utf8_lower(column("sex"))
    postcode = pc.utf8_trim_whitespace(pc.replace_substring_regex(pc.utf8_lower(column("postcode")), r"\s+", " "))
    dob = _iso_dates(column("dob"))
    low, high = _birth_years(dob, raw, column)
    columns = {
        "unique_id": column("unique_id"),
        "source": pc.fill_null(column("source"), ""),
        "first_name": first,
        "middle_names": _names(middle),
        "last_name": _names(column("last_name")),
        "dob": dob,
        "sex": pc.if_else(pc.is_in(sex, pa.array(["m", "f"])), sex, pa.scalar(None, pa.string())),
        "postcode": _blank_as_null(postcode),
        "nhs_number": _blank_as_null(column("nhs_number")),
        "upn": _blank_as_null(column("upn")),
        "first_name_keys": _name_keys(first),
        "birth_year_low": low,
        "birth_year_high": high,
    }
    return pa.table(columns, schema=SCHEMA)


SCHEMA = pa.schema(
    [(name, pa.string()) for name in COLUMNS]
    + [("first_name_keys", pa.list_(pa.int32())), ("birth_year_low", pa.int32()), ("birth_year_high", pa.int32())]
)


FEW = 500


def _prepare_rows(records: list[Mapping[str, Any]]) -> pa.Table:
    columns: dict[str, list[Any]] = {name: [] for name in SCHEMA.names}
    for record in records:
        first = _text(record.get("first_name"))
        if first == "unborn":
            first = None
        sex = (record.get("sex") or "").lower()
        middle = (record.get("middle_names") or "").split()
        dob = _dob(record.get("dob"))
        low = high = int(dob[:4]) if dob else None
        age = record.get("age_years")
        since, until = _dob(record.get("age_from")), _dob(record.get("age_to"))
        since, until = since or until, until or since
        if low is None and age not in (None, "") and since and until:
            low, high = int(since[:4]) - int(age) - 1, int(until[:4]) - int(age)
        columns["unique_id"].append(str(record["unique_id"]))
        columns["source"].append(str(record.get("source") or ""))
        columns["first_name"].append(first)
        columns["first_name_keys"].append(name_keys(first) if first else [])
        columns["middle_names"].append(_text(middle[0]) if middle else None)
        columns["last_name"].append(_text(record.get("last_name")))
        columns["dob"].append(dob)
        columns["sex"].append(sex if sex in ("m", "f") else None)
        columns["postcode"].append(_postcode(record.get("postcode")))
        columns["nhs_number"].append(record.get("nhs_number") or None)
        columns["upn"].append(record.get("upn") or None)
        columns["birth_year_low"].append(low)
        columns["birth_year_high"].append(high)
    return pa.table(columns, schema=SCHEMA)


def _raw_table(records: Iterable[Mapping[str, Any]]) -> pa.Table:
    columns: dict[str, list[Any]] = {name: [] for name in RAW}
    for record in records:
        for name, values in columns.items():
            values.append(record.get(name))
    columns["unique_id"] = [str(uid) for uid in columns["unique_id"]]
    columns["dob"] = [_dob(value) for value in columns["dob"]]
    for name in ("age_from", "age_to"):
        columns[name] = [_dob(value) for value in columns[name]]
    for name in ("source", "first_name", "middle_names", "last_name", "sex", "postcode", "nhs_number", "upn"):
        columns[name] = [str(value) if value else None for value in columns[name]]
    columns["age_years"] = [int(value) if value not in (None, "") else None for value in columns["age_years"]]
    types = {"age_years": pa.int32()}
    return pa.table({name: pa.array(values, types.get(name, pa.string())) for name, values in columns.items()})


def _blank_as_null(values: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.if_else(pc.equal(values, ""), pa.scalar(None, pa.string()), values)


def _names(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """normalise_name, column at a time: lower case, letters only, empty as null."""
    return _blank_as_null(pc.replace_substring_regex(pc.utf8_lower(values), r"[^\p{L}]", ""))


def _iso_dates(values: pa.ChunkedArray) -> pa.ChunkedArray:
    if pa.types.is_string(values.type):
        return _blank_as_null(values)
    return pc.strftime(values.cast(pa.date32()).cast(pa.timestamp("s")), format="%Y-%m-%d")


def _name_keys(first: pa.ChunkedArray) -> pa.ChunkedArray:
    encoded = pc.dictionary_encode(first).combine_chunks()
    keys = pa.array([name_keys(name) for name in encoded.dictionary.to_pylist()], pa.list_(pa.int32()))
    indices = encoded.indices.fill_null(len(keys))
    return pa.chunked_array([pc.take(pa.concat_arrays([keys, pa.array([[]], pa.list_(pa.int32()))]), indices)])


def _birth_years(
    dob: pa.ChunkedArray, raw: pa.Table, column: Callable[..., pa.ChunkedArray]
) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
    """The years a person may have been born in: the year of their birth date, or, where a system gives an age
    instead (police: the age at an incident between age_from and age_to), the years that age allows."""
    year = pc.cast(pc.utf8_slice_codeunits(dob, 0, 4), pa.int32())
    age = column("age_years", pa.int32())
    since = pc.cast(pc.utf8_slice_codeunits(_iso_dates(column("age_from")), 0, 4), pa.int32())
    until = pc.cast(pc.utf8_slice_codeunits(_iso_dates(column("age_to")), 0, 4), pa.int32())
    since, until = pc.coalesce(since, until), pc.coalesce(until, since)
    low = pc.coalesce(year, pc.subtract(pc.subtract(since, age), 1))
    high = pc.coalesce(year, pc.subtract(until, age))
    return low, high


def _linker(table: pa.Table, settings: dict[str, Any] | None = None) -> tuple[Linker, duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    db_api = DuckDBAPI(connection)
    frame = db_api.register(table, table_name="records")
    # log_level=None: Splink's messages go through the project's logging (and its personal-data filter), not a
    # handler of Splink's own on stderr.
    return Linker(frame, settings or model.settings(), log_level=None), connection


def _numbered(table: pa.Table) -> pa.Table:
    """The records with their row number as unique_id: DuckDB joins and compares integers much faster than text."""
    at = table.schema.get_field_index("unique_id")
    return table.set_column(at, "unique_id", pa.array(np.arange(table.num_rows, dtype=np.int64)))


def _predict(linker: Linker, connection: duckdb.DuckDBPyConnection, threshold: float) -> pa.Table:
    """Splink's scores (unique_id_l, unique_id_r, match_weight) of the pairs the model's blocking rules find.

    The pairs are found here, in one query: each rule joined on its own keys, each pair kept once, with the first
    rule that found it. These are the pairs Splink's own blocking finds, but Splink checks every earlier rule on
    each pair a later rule finds, which took more than half of predict's time on a million records."""
    rules = [
        rule["blocking_rule"] for rule in linker.misc.save_model_to_json()["blocking_rules_to_generate_predictions"]
    ]
    # The SQL is the model's own, as Splink would run it.
    joins = " UNION ALL ".join(
        f"SELECT l.unique_id AS join_key_l, r.unique_id AS join_key_r, {number} AS rule FROM records AS l "  # noqa: S608
        f"JOIN records AS r ON ({rule}) AND l.unique_id < r.unique_id"
        for number, rule in enumerate(rules)
    )
    pairs = f"SELECT CAST(min(rule) AS VARCHAR) AS match_key, join_key_l, join_key_r FROM ({joins}) GROUP BY ALL"  # noqa: S608
    connection.execute(f"CREATE OR REPLACE TABLE blocked_pairs AS {pairs}")
    db_api = DuckDBAPI(connection)
    linker.table_management.register_blocked_pairs_for_predict(db_api.register("blocked_pairs"))
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    # As Arrow, not Python tuples: a million records make millions of pairs.
    return connection.sql(
        f"SELECT unique_id_l, unique_id_r, match_weight FROM {predictions.physical_name}"  # noqa: S608
    ).to_arrow_table()


def train(linker: Linker, *, seed: int = 1, u_pairs: float = 2e6) -> dict[str, Any]:
    """Unsupervised: the match rate from near-certain rules, u from random pairs, m by EM on blocked pairs."""
    training = linker.training
    training.estimate_probability_two_random_records_match(model.deterministic_rules(), recall=0.8)
    training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    sessions = []
    for rule in model.training_blocks():
        training.estimate_parameters_using_expectation_maximisation(rule, estimate_without_term_frequencies=True)
        sessions.append({"blocking_rule": rule.get_blocking_rule("duckdb").blocking_rule_sql})
    return {"em_sessions": sessions}


def report(model_json: dict[str, Any]) -> dict[str, Any]:
    """Each comparison level's m, u and match weight (log2 m/u), for people to read and check."""
    comparisons = []
    for comparison in model_json["comparisons"]:
        levels = []
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            weight = math.log2(m / u) if isinstance(m, float) and isinstance(u, float) and m > 0 and u > 0 else None
            levels.append({"label": level.get("label_for_charts"), "m": m, "u": u, "weight": weight})
        comparisons.append({"comparison": comparison["output_column_name"], "levels": levels})
    return {
        "probability_two_random_records_match": model_json["probability_two_random_records_match"],
        "comparisons": comparisons,
    }


@cache  # the same few thousand names meet again and again
def _similar(a: str, b: str) -> bool:
    """Could these first names be the same person's? Equal, nickname, prefix, or a typo apart."""
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    if set(name_keys(a)) & set(name_keys(b)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _unordered(dob: str) -> str:
    """A date of birth with day and month in a fixed order, so that a transposed date keys with the true one."""
    month, day = dob[5:7], dob[8:10]
    return f"{dob[:4]}-{min(month, day)}-{max(month, day)}"


@cache
def _same_birth(a: str, b: str) -> bool:
    """Could these dates of birth be one person's? Equal, day and month transposed, one keystroke apart, or one part
    of the date a digit out (the 9th for the 10th, 2019 for 2018: two characters, one slip)."""
    if a == b or (a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]):
        return True
    if len(a) != len(b):
        return False
    parts = [(x, y) for x, y in zip(a.split("-"), b.split("-"), strict=False) if x != y]
    if len(parts) == 1 and parts[0][0].isdigit() and parts[0][1].isdigit():
        return abs(int(parts[0][0]) - int(parts[0][1])) in (1, 10) or _one_slip(a, b)
    return _one_slip(a, b)


def _one_slip(a: str, b: str) -> bool:
    """One character changed, or two neighbours swapped."""
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) == 1:
        return True
    i, j = differ[0], differ[-1]
    return len(differ) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]


@dataclass
class _Group:
    members: list[str]
    nhs: set[str]
    systems: set[str]
    names_by_dob: dict[str, dict[str, int]]  # first names seen on each date of birth, with how many records
    middles_by_dob: dict[str, set[str]]
    dobs: set[str] = field(default_factory=set)
    # (system, birth date with day and month unordered) -> first names: one system holding two records on one
    # birth date under different first names has met two people (twins, most often); its duplicates repeat the name.
    system_names: dict[tuple[str, str], set[str]] = field(default_factory=dict)


def _conflict(a: _Group, b: _Group, unique_systems: frozenset[str], name_support: int) -> bool:
    if a.nhs and b.nhs:
        return a.nhs != b.nhs  # one NHS number each, and the same one: the same person whatever the names say
    if a.systems & b.systems & unique_systems:
        return True
    if a.system_names and b.system_names:
        for key, held in a.system_names.items():
            if key in b.system_names and b.system_names[key] != held:
                return True
    small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
    # Records without a date of birth must not chain people born years apart (parent and child, namesakes); each
    # date must be explained by one already there (a typo of it, or it transposed).
    if large.dobs and not all(any(_same_birth(x, y) for y in large.dobs) for x in small.dobs):
        return True
    for dob, names in small.names_by_dob.items():
        others = large.names_by_dob.get(dob)
        if not others:
            continue
        for name, count in names.items():
            if any(_similar(name, other) for other in others):
                continue
            # Known by a middle name: one system's first name is another's middle name.
            if name in large.middles_by_dob.get(dob, ()) or any(o in small.middles_by_dob.get(dob, ()) for o in others):
                continue
            if min(count, max(others.values())) >= name_support:
                return True
    # Two middle names on one date of birth that no typo or nickname explains: twins with alike first names
    # (Jayden and Jaden) are told apart by their middle names where the systems record them.
    for dob, middles in small.middles_by_dob.items():
        others_middle = large.middles_by_dob.get(dob)
        if others_middle and not any(_similar(m, o) for m in middles for o in others_middle):
            return True
    return False


def cluster(
    table: pa.Table,
    edges: list[tuple[str, str, float]],
    *,
    unique_systems: frozenset[str] = frozenset(),
    name_support: int = 1,
    margin: float = 6.0,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
) -> tuple[dict[str, str], int]:
    """Constrained connected components over edges (strongest first), then again without the edges of records that
    fit two people who cannot be one; returns (clusters, edges refused).

    People's decisions come first: must-link pairs are joined before any edge, whatever the twin guard says, and
    no edge may put a cannot-link pair into one cluster, directly or through a chain."""
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
    plain = _plain_components(table, label, unique_systems, apart_at)
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
    columns = [table.column(name).to_pylist() for name in ("source", "first_name", "middle_names", "dob", "nhs_number")]
    singles = {uid: tuple(values) for uid, *values in zip(ids, *columns, strict=True) if uid in involved}

    def conflict(a: _Group, b: _Group) -> bool:
        return _conflict(a, b, unique_systems, name_support)

    def kept_apart(a: _Group, b: _Group) -> bool:
        if apart:
            small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
            if any(uid in apart and not apart[uid].isdisjoint(large.members) for uid in small.members):
                return True
        return conflict(a, b)

    ordered = sorted(rest, key=lambda e: (-e[2], e[0], e[1]))
    owner, groups, refused = _components(singles, ordered, kept_apart, forced=forced)
    anchored = {uid for uid, values in singles.items() if values[4]} | {uid for pair in forced for uid in pair}
    ambiguous = _ambiguous(ordered, owner, groups, conflict, anchored, margin, singles)
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
        _owner, regrouped, refused_again = _components(again, kept, kept_apart, forced=forced_again)
        groups = {key: group for key, group in groups.items() if component[key] not in touched} | regrouped
        refused = [uid for uid in refused if component[uid] not in touched] + refused_again
    for group in groups.values():
        label_uid = min(group.members)
        for uid in group.members:
            clusters[uid] = label_uid
    return clusters, len(refused)


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


def _codes(column: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, list[Any]]:
    """A column as integer codes (-1 for null) and the distinct values they stand for."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, encoded.dictionary.to_pylist()


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


def _distinct(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct (key, value) pairs, values not null (>= 0), as two arrays sorted by key."""
    present = values >= 0
    keys, values = keys[present], values[present]
    span = int(values.max()) + 1 if len(values) else 1
    pairs = np.unique(keys * span + values)
    return pairs // span, pairs % span


def _plain_components(
    table: pa.Table, label: np.ndarray, unique_systems: frozenset[str], apart: list[tuple[int, int]]
) -> np.ndarray:
    """Which components no constraint can split (a mask by label): one NHS number at most, each unique system once,
    dates of birth a typo apart, first names on one date alike, one system's records on one date under one name, and
    no cannot-link pair inside. Constrained clustering would join such a component whole, so it is taken whole; the
    rest go through the constrained, edge by edge, path."""
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
    unordered, _ = _codes(pa.array([_unordered(d) for d in dobs], pa.string()))
    unordered = np.append(unordered, 0)  # so that no date of birth (-1) indexes something
    system_dob = np.where(dob >= 0, (label * len(sources) + source) * (len(unordered) + 1) + unordered[dob], -1)
    system_dob = np.where(named >= 0, system_dob, -1)
    keys, _values = _distinct(system_dob[system_dob >= 0], named[system_dob >= 0])
    repeated = np.unique(keys[1:][keys[1:] == keys[:-1]])
    tangled[repeated // len(sources) // (len(unordered) + 1)] = True
    # Dates of birth and first names that differ within a component: alike (a typo, a nickname) or not.
    keys, values = _distinct(label, dob)
    _check_alike(tangled, keys, values, lambda codes: _all_pairs(_same_birth, [dobs[c] for c in codes]))
    by_date = np.where(named >= 0, label * (len(dobs) + 1) + dob, -1)
    keys, values = _distinct(by_date[by_date >= 0], named[by_date >= 0])
    _check_alike(
        tangled, keys // (len(dobs) + 1), values, lambda codes: _all_pairs(_similar, [firsts[c] for c in codes])
    )
    middle, middles = _codes(table.column("middle_names"))
    middled = np.where(dob >= 0, middle, -1)
    by_date = np.where(middled >= 0, label * (len(dobs) + 1) + dob, -1)
    keys, values = _distinct(by_date[by_date >= 0], middled[by_date >= 0])
    _check_alike(
        tangled, keys // (len(dobs) + 1), values, lambda codes: _all_pairs(_similar, [middles[c] for c in codes])
    )
    for a, b in apart:
        if label[a] == label[b]:
            tangled[label[a]] = True
    return (sizes > 1) & ~tangled


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


def _all_pairs(alike: Callable[[str, str], bool], values: list[str]) -> bool:
    return all(alike(a, b) for i, a in enumerate(values) for b in values[i + 1 :])


def _single(uid: str, source: str, first: str | None, middle: str | None, dob: str | None, nhs: str | None) -> _Group:
    return _Group(
        members=[uid],
        nhs={nhs} if nhs else set(),
        systems={source},
        names_by_dob={dob: {first: 1}} if dob and first else {},
        middles_by_dob={dob: {middle}} if dob and middle else {},
        dobs={dob} if dob else set(),
        system_names={(source, _unordered(dob)): {first}} if dob and first else {},
    )


def _components(
    singles: dict[str, tuple],
    edges: list[tuple[str, str, float]],
    conflict: Callable[[_Group, _Group], bool],
    *,
    forced: Iterable[tuple[str, str]] = (),
) -> tuple[dict[str, str], dict[str, _Group], list[str]]:
    groups: dict[str, _Group] = {}  # made when a record first meets an edge; the rest stay on their own
    owner: dict[str, str] = {}
    refused: list[str] = []  # each refused edge, by its left record
    # Forced pairs (people's must-link decisions) come first and are joined without the conflict check.
    for left, right, weight in chain(((a, b, None) for a, b in forced), edges):
        for uid in (left, right):
            if uid not in owner:
                owner[uid] = uid
                groups[uid] = _single(uid, *singles[uid])
        a, b = owner[left], owner[right]
        if a == b:
            continue
        if weight is not None and conflict(groups[a], groups[b]):
            refused.append(left)
            continue
        if len(groups[a].members) < len(groups[b].members):
            a, b = b, a
        keep, gone = groups[a], groups.pop(b)
        keep.members.extend(gone.members)
        keep.nhs |= gone.nhs
        keep.systems |= gone.systems
        keep.dobs |= gone.dobs
        for key, held in gone.system_names.items():
            keep.system_names.setdefault(key, set()).update(held)
        for dob, names in gone.names_by_dob.items():
            seen = keep.names_by_dob.setdefault(dob, {})
            for name, count in names.items():
                seen[name] = seen.get(name, 0) + count
        for dob, middles in gone.middles_by_dob.items():
            keep.middles_by_dob.setdefault(dob, set()).update(middles)
        for uid in gone.members:
            owner[uid] = a
    return owner, groups, refused


def _ambiguous(
    edges: list[tuple[str, str, float]],
    owner: dict[str, str],
    groups: dict[str, _Group],
    conflict: Callable[[_Group, _Group], bool],
    anchored: set[str],
    margin: float,
    singles: dict[str, tuple],
) -> set[str]:
    """Records that fit two people who cannot be one (a twin recorded under the other twin's nickname): nearly as
    close to the other as to their own. Unless its own NHS number anchors it, such a record stays on its own."""
    best: dict[str, dict[str, float]] = {}
    for left, right, weight in edges:
        for uid, other in ((left, right), (right, left)):
            if uid not in anchored:
                scores = best.setdefault(uid, {})
                scores[owner[other]] = max(weight, scores.get(owner[other], -math.inf))
    ambiguous = set()
    for uid, scores in best.items():
        mine = owner[uid]
        if mine not in scores or len(groups[mine].members) == 1:
            continue
        # Near: nearly as close by weight, or by name: a first name alike to one the other person has on this
        # date of birth (Jaden for a twin Jayden) says little about which of the two it is, where the record could
        # belong to either (a second health record could not).
        alone = _single(uid, *singles[uid])
        near = [
            g
            for g, w in scores.items()
            if g != mine and (w >= scores[mine] - margin or _fits_by_name(alone, groups[g], conflict))
        ]
        if any(conflict(groups[mine], groups[g]) for g in near):
            ambiguous.add(uid)
    return ambiguous


def _fits_by_name(record: _Group, group: _Group, conflict: Callable[[_Group, _Group], bool]) -> bool:
    """Could this record (as a group of one) be the group's person by its first name on its date of birth?"""
    for dob, names in record.names_by_dob.items():
        others = group.names_by_dob.get(dob, {})
        if any(_similar(name, other) for name in names for other in others):
            return not conflict(record, group)
    return False


def link(
    records: Iterable[Mapping[str, Any]] | pa.Table,
    *,
    threshold: float = model.MATCH_THRESHOLD_PROBABILITY,
    unique_systems: Iterable[str] = (),
    trained_model: dict[str, Any] | None = None,
    seed: int = 1,
    name_support: int = 1,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    review_band: tuple[float, float] | None = None,
) -> LinkageResult:
    """Link records into people: train on them (unless given a trained model), score candidate pairs, cluster.

    must_link and cannot_link are people's decisions (pairs of unique_ids; see cluster). With review_band (low,
    high match probability), the result's `review` lists the pairs in that band and the pairs at or above the
    threshold that clustering left in different clusters."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    table = records if isinstance(records, pa.Table) else prepare(records)
    seconds["prepare"] = time.perf_counter() - started

    started = time.perf_counter()
    linker, connection = _linker(_numbered(table), trained_model)
    sessions: dict[str, Any] = {"em_sessions": []}
    if trained_model is None:
        sessions = train(linker, seed=seed)
    model_json = linker.misc.save_model_to_json()
    seconds["train"] = time.perf_counter() - started

    started = time.perf_counter()
    lowest = min(threshold, review_band[0]) if review_band else threshold
    scored = _predict(linker, connection, lowest)  # records by row number
    edges = scored
    if lowest < threshold:
        edges = scored.filter(pc.greater_equal(scored.column("match_weight"), weight_of(threshold)))
    seconds["predict"] = time.perf_counter() - started

    started = time.perf_counter()
    clusters, refused = cluster(
        table,
        edges,
        unique_systems=frozenset(unique_systems),
        name_support=name_support,
        must_link=must_link,
        cannot_link=cannot_link,
    )
    seconds["cluster"] = time.perf_counter() - started
    review: list[tuple[str, str, float]] = []
    if review_band:
        ids = table.column("unique_id").to_pylist()

        def by_id(pairs: pa.Table) -> list[tuple[str, str, float]]:
            left, right, weight = (pairs.column(i).to_pylist() for i in range(3))
            return [(ids[a], ids[b], w) for a, b, w in zip(left, right, weight, strict=True)]

        rows_in_band, rows = by_id(scored), by_id(edges)
        low, high = weight_of(review_band[0]), weight_of(review_band[1])
        refused_rows = [row for row in rows if clusters[row[0]] != clusters[row[1]]]
        in_band = [row for row in rows_in_band if low <= row[2] < high]
        review = list(dict.fromkeys(in_band + refused_rows))
    connection.close()
    return LinkageResult(
        clusters=clusters,
        model_json=model_json,
        training_report={**report(model_json), **sessions},
        seconds=seconds,
        pairs_scored=edges.num_rows,
        edges_refused=refused,
        review=review,
        term_frequencies=term_frequencies(table, model_json),
    )


def term_frequencies(table: pa.Table, model_json: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """For each column the model adjusts by term frequency, each value's share of the non-null values, as Splink
    computes them (realtime.term_frequencies): kept with the run, so real-time scoring needs no scan of every record."""
    columns = {
        level["tf_adjustment_column"]
        for comparison in model_json["comparisons"]
        for level in comparison["comparison_levels"]
        if level.get("tf_adjustment_column")
    }
    tables = {}
    for column in sorted(columns):
        counts = pc.value_counts(table.column(column).drop_null())
        values, numbers = counts.field("values").to_pylist(), counts.field("counts").to_pylist()
        total = float(sum(numbers))
        tables[column] = {value: float(number) / total for value, number in zip(values, numbers, strict=True)}
    return tables


def weight_of(probability: float) -> float:
    """The match weight of a match probability (log2 of the odds), as Splink relates them."""
    if probability >= 1.0:
        return math.inf
    return math.log2(probability / (1.0 - probability))
