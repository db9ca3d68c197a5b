"""Batch record linkage with Splink on in-process DuckDB: prepare, train (EM), predict, cluster. Pure: no Django.

``link(records)`` takes records with unique_id, source, first_name, middle_names, last_name, dob (a date or None),
sex, postcode, nhs_number and upn, and returns which cluster (person) each record belongs to, with the trained
model as Splink JSON and a training report.

Clustering is connected components with constraints. Edges at or above the threshold are taken strongest first,
and an edge is refused when joining its two groups would put into one person two different NHS numbers, two records
of a system that holds each person once, dates of birth that no typo or transposition explains, or two clearly
different first names on one date of birth; or when it joins two records of one system with different first names.
Then a record without an NHS number that fits two people who cannot be one (nearly as well) is left on its own.
These are the twin guard: twins share surname, date of birth and address, so only first names and identifiers
tell them apart, and a wrong merge is worse than a missed one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from itertools import chain
from typing import Any

import duckdb
import pyarrow as pa
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


def from_source_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A SourceRecord's values (id, system and the person columns) as the engine's input record."""
    return {
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


def prepare(records: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Normalise records into the columns the model compares (see model.py)."""
    columns: dict[str, list[Any]] = {name: [] for name in (*COLUMNS, "first_name_keys")}
    for record in records:
        first = _text(record.get("first_name"))
        if first == "unborn":
            first = None
        sex = (record.get("sex") or "").lower()
        columns["unique_id"].append(str(record["unique_id"]))
        columns["source"].append(str(record.get("source") or ""))
        columns["first_name"].append(first)
        columns["first_name_keys"].append(name_keys(first) if first else [])
        middle = (record.get("middle_names") or "").split()
        columns["middle_names"].append(_text(middle[0]) if middle else None)
        columns["last_name"].append(_text(record.get("last_name")))
        columns["dob"].append(_dob(record.get("dob")))
        columns["sex"].append(sex if sex in ("m", "f") else None)
        columns["postcode"].append(_postcode(record.get("postcode")))
        columns["nhs_number"].append(record.get("nhs_number") or None)
        columns["upn"].append(record.get("upn") or None)
    schema = pa.schema([(name, pa.string()) for name in COLUMNS] + [("first_name_keys", pa.list_(pa.int32()))])
    return pa.table(columns, schema=schema)


def _linker(table: pa.Table, settings: dict[str, Any] | None = None) -> tuple[Linker, duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    db_api = DuckDBAPI(connection)
    frame = db_api.register(table, table_name="records")
    # log_level=None: Splink's messages go through the project's logging (and its personal-data filter), not a
    # handler of Splink's own on stderr.
    return Linker(frame, settings or model.settings(), log_level=None), connection


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


def _same_birth(a: str, b: str) -> bool:
    """Could these dates of birth be one person's? Equal, day and month transposed, or one keystroke apart."""
    if a == b or (a[:4] == b[:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7]):
        return True
    if len(a) != len(b):
        return False
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
    columns = [table.column(name).to_pylist() for name in ("source", "first_name", "middle_names", "dob", "nhs_number")]
    singles = {uid: tuple(values) for uid, *values in zip(ids, *columns, strict=True)}

    def conflict(a: _Group, b: _Group) -> bool:
        return _conflict(a, b, unique_systems, name_support)

    forced = [(a, b) for a, b in must_link if a in singles and b in singles]
    apart: dict[str, set[str]] = {}
    for a, b in cannot_link:
        apart.setdefault(a, set()).add(b)
        apart.setdefault(b, set()).add(a)

    def kept_apart(a: _Group, b: _Group) -> bool:
        if apart:
            small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
            if any(uid in apart and not apart[uid].isdisjoint(large.members) for uid in small.members):
                return True
        return conflict(a, b)

    ordered = sorted(edges, key=lambda e: (-e[2], e[0], e[1]))
    owner, groups, refused = _components(singles, ordered, kept_apart, forced=forced)
    anchored = {uid for uid, nhs in zip(ids, columns[4], strict=True) if nhs} | {uid for pair in forced for uid in pair}
    ambiguous = _ambiguous(ordered, owner, groups, conflict, anchored, margin)
    if ambiguous:
        kept = [edge for edge in ordered if edge[0] not in ambiguous and edge[1] not in ambiguous]
        owner, groups, refused = _components(singles, kept, kept_apart, forced=forced)
    clusters = {uid: uid for uid in ids}
    for group in groups.values():
        label = min(group.members)
        for uid in group.members:
            clusters[uid] = label
    return clusters, refused


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
) -> tuple[dict[str, str], dict[str, _Group], int]:
    groups: dict[str, _Group] = {}  # made when a record first meets an edge; the rest stay on their own
    owner: dict[str, str] = {}
    refused = 0
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
            refused += 1
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
        near = [g for g, w in scores.items() if g != mine and w >= scores[mine] - margin]
        if any(conflict(groups[mine], groups[g]) for g in near):
            ambiguous.add(uid)
    return ambiguous


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
    linker, connection = _linker(table, trained_model)
    sessions: dict[str, Any] = {"em_sessions": []}
    if trained_model is None:
        sessions = train(linker, seed=seed)
    model_json = linker.misc.save_model_to_json()
    seconds["train"] = time.perf_counter() - started

    started = time.perf_counter()
    lowest = min(threshold, review_band[0]) if review_band else threshold
    predictions = linker.inference.predict(threshold_match_probability=lowest)
    rows = connection.execute(
        f"SELECT unique_id_l, unique_id_r, match_weight FROM {predictions.physical_name}"  # noqa: S608
    ).fetchall()
    rows_in_band = rows
    if lowest < threshold:
        linked = weight_of(threshold)
        rows = [row for row in rows_in_band if row[2] >= linked]
    seconds["predict"] = time.perf_counter() - started

    started = time.perf_counter()
    clusters, refused = cluster(
        table,
        rows,
        unique_systems=frozenset(unique_systems),
        name_support=name_support,
        must_link=must_link,
        cannot_link=cannot_link,
    )
    seconds["cluster"] = time.perf_counter() - started
    review: list[tuple[str, str, float]] = []
    if review_band:
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
        pairs_scored=len(rows),
        edges_refused=refused,
        review=review,
    )


def weight_of(probability: float) -> float:
    """The match weight of a match probability (log2 of the odds), as Splink relates them."""
    if probability >= 1.0:
        return math.inf
    return math.log2(probability / (1.0 - probability))
