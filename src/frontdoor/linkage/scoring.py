"""Scoring with Splink on in-process DuckDB: train the model (EM) and score the pairs its blocking rules find.

Only this module (and spark.py, the Spark backend) talks to Splink's linker; the rest of linkage reads its output:
pairs of records by row number with their match weights, the trained model as JSON, and term frequencies.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI, Linker
from splink.internals.exceptions import SplinkException

from frontdoor.linkage import default_model, fitting, splink_settings


def new_linker(table: pa.Table, settings: dict[str, Any] | None = None) -> tuple[Linker, duckdb.DuckDBPyConnection]:
    """A Splink linker over these prepared records in a DuckDB of its own, with the model's settings (or a trained
    model's JSON); the caller closes the connection."""
    connection = duckdb.connect()
    db_api = DuckDBAPI(connection)
    frame = db_api.register(table, table_name="records")
    # log_level=None: Splink's messages go through the project's logging (and its personal-data filter), not a
    # handler of Splink's own on stderr.
    return Linker(frame, settings or splink_settings.settings(), log_level=None), connection


def numbered(table: pa.Table) -> pa.Table:
    """The records with their row number as unique_id: DuckDB joins and compares integers much faster than text."""
    at = table.schema.get_field_index("unique_id")
    return table.set_column(at, "unique_id", pa.array(np.arange(table.num_rows, dtype=np.int64)))


def predict(linker: Linker, connection: duckdb.DuckDBPyConnection, threshold: float) -> pa.Table:
    """Splink's scores (unique_id_l, unique_id_r, match_weight) of the pairs the model's blocking rules find.

    The pairs are found here, in one query: each rule joined on its own keys, each pair kept once, with the first
    rule that found it. These are the pairs Splink's own blocking finds, but Splink checks every earlier rule on
    each pair a later rule finds, which took more than half of predict's time on a million records."""
    rules = [
        rule["blocking_rule"] for rule in linker.misc.save_model_to_json()["blocking_rules_to_generate_predictions"]
    ]
    if not rules:  # a file with nothing to block on (sex alone): no pair is a candidate
        empty = [pa.array([], pa.int64()), pa.array([], pa.int64()), pa.array([], pa.float64())]
        return pa.table(empty, names=["unique_id_l", "unique_id_r", "match_weight"])
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


def train(linker: Linker, plan: fitting.Plan | None = None, *, seed: int = 1, u_pairs: float = 2e6) -> dict[str, Any]:
    """Unsupervised: the match rate from near-certain rules, u from random pairs, m by EM on blocked pairs; with a
    plan (fitting.py), only the steps the records can feed, and a step that fails on them is left out (what it
    would have estimated is then the packaged model's)."""
    if plan is None:
        training = linker.training
        training.estimate_probability_two_random_records_match(splink_settings.deterministic_rules(), recall=0.8)
        training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
        return {"em_sessions": [_em(linker, block) for block in splink_settings.training_blocks()]}
    training = linker.training
    failed = []
    if plan.deterministic:
        try:
            training.estimate_probability_two_random_records_match(list(plan.deterministic), recall=0.8)
        except (SplinkException, ArithmeticError, ValueError):
            failed.append("match rate")
    try:
        training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    except (SplinkException, ArithmeticError, ValueError):
        failed.append("u")
    sessions = []
    for block in splink_settings.training_blocks(plan.sessions):
        try:
            sessions.append(_em(linker, block))
        except (SplinkException, ArithmeticError, ValueError):
            failed.append(block.get_blocking_rule("duckdb").blocking_rule_sql)
    return {"em_sessions": sessions, "failed": failed}


def _em(linker: Linker, block: Any) -> dict[str, str]:
    linker.training.estimate_parameters_using_expectation_maximisation(block, estimate_without_term_frequencies=True)
    return {"blocking_rule": block.get_blocking_rule("duckdb").blocking_rule_sql}


def fitted(table: pa.Table, *, seed: int = 1) -> tuple[Linker, duckdb.DuckDBPyConnection, dict[str, Any]]:
    """A linker over these prepared records with a model fitted to what they hold (fitting.py): trained on them
    where they allow, the packaged model's weights for what they cannot teach, or the packaged model alone for
    records too few or too sparse to train on. The report says which, with notes in plain words."""
    fit = fitting.plan(table)
    rows = numbered(table)
    if not fit.trainable:
        linker, connection = new_linker(rows, default_model.restricted(fit.columns, fit.records))
        return linker, connection, {"em_sessions": [], "packaged_model": True, "notes": fitting.notes(fit)}
    linker, connection = new_linker(rows, splink_settings.settings(columns=fit.columns))
    sessions = train(linker, fit, seed=seed)
    trained = linker.misc.save_model_to_json()
    rate_estimated = bool(fit.deterministic) and "match rate" not in sessions["failed"]
    if not rate_estimated:
        trained["probability_two_random_records_match"] = default_model.scaled_rate(fit.records)
    model, borrowed = default_model.filled(trained)
    model, capped = default_model.names_at_most_exact(model)
    if borrowed or capped or not rate_estimated:
        connection.close()
        linker, connection = new_linker(rows, model)
    notes = fitting.notes(fit, borrowed=borrowed, rate_estimated=rate_estimated)
    return linker, connection, {**sessions, "packaged_model": False, "notes": notes}


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


def probability_of(weight: float) -> float:
    """The match probability of a match weight (weight_of's inverse)."""
    return 2.0**weight / (1.0 + 2.0**weight)
