"""Batch linkage on Splink's Spark backend: the same model as the DuckDB engine, for data beyond one machine.

Pure: no Django. pyspark (and Java 17) are needed only here; nothing else in frontdoor imports this module.

``link_on_spark(records, spark=...)`` prepares records as the engine does, trains the model on Spark (or takes a
model trained on DuckDB, ``engine.link(...).model_json``), scores the candidate pairs on Spark and clusters them with
the engine's constrained clustering (the twin guard) on the driver. With the same trained model and the same
records, its match weights and clusters equal the DuckDB engine's (tests/integration/test_linkage_spark.py).

Local mode (``session()``) is for tests and one large machine; docs/national-scale-linkage.md covers a cluster.
"""

from __future__ import annotations

import logging
import tempfile
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import SparkSession
from splink import Linker, SparkAPI
from splink.internals.spark.jar_location import similarity_jar_location

from frontdoor.linkage import engine, scoring, short_forms, splink_settings


def session(
    master: str = "local[2]",
    *,
    checkpoint_dir: str | None = None,
    partitions: int = 4,
    config: Mapping[str, str] | None = None,
) -> SparkSession:
    """A Spark session with Splink's similarity functions (jaro_winkler, damerau_levenshtein) on its class path.

    Splink writes each stage's result to the checkpoint directory (parquet) to cut Spark's lineage; a new temporary
    directory unless given. Few shuffle partitions suit local mode and small data; on a cluster, set
    spark.sql.shuffle.partitions to a few times the executor cores (docs/national-scale-linkage.md)."""
    scratch = checkpoint_dir or tempfile.mkdtemp(prefix="frontdoor-spark-")
    builder = (
        SparkSession.builder.master(master)
        .appName("frontdoor-linkage")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.default.parallelism", str(partitions))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.warehouse.dir", str(Path(scratch) / "warehouse"))  # not ./spark-warehouse
    )
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    # py4j narrates every connection to the JVM at INFO, even from __del__ at interpreter exit.
    logging.getLogger("py4j").setLevel(logging.WARNING)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    spark.sparkContext.setCheckpointDir(scratch)
    return spark


def spark_model(trained_model: Mapping[str, Any]) -> dict[str, Any]:
    """A trained model (Splink JSON, as the DuckDB engine saves it) as settings for Spark: the model's comparisons in
    Spark SQL with the trained match rate, m and u. Refuses a model whose comparisons are not this model's."""
    settings = splink_settings.settings("spark")
    trained = {comparison["output_column_name"]: comparison for comparison in trained_model["comparisons"]}
    for comparison in settings["comparisons"]:
        name = comparison["output_column_name"]
        levels = trained.get(name, {}).get("comparison_levels", [])
        if [level.get("label_for_charts") for level in levels] != [
            level.get("label_for_charts") for level in comparison["comparison_levels"]
        ]:
            raise ValueError(f"the trained model's {name} comparison is not this model's; train afresh")
        for level, fitted in zip(comparison["comparison_levels"], levels, strict=True):
            for key in ("m_probability", "u_probability"):
                if key in fitted:
                    level[key] = fitted[key]
    if len(trained) != len(settings["comparisons"]):
        raise ValueError("the trained model has other comparisons than this model; train afresh")
    settings["probability_two_random_records_match"] = trained_model["probability_two_random_records_match"]
    return settings


def _linker(spark: SparkSession, table: pa.Table, settings: dict[str, Any], break_lineage: str) -> Linker:
    db_api = SparkAPI(spark_session=spark, break_lineage_method=break_lineage)
    # A name of its own: a session's temporary views outlive one run.
    frame = db_api.register(spark.createDataFrame(table), table_name=f"records_{uuid.uuid4().hex}")
    return Linker(frame, settings, log_level=None)


def match_weights(
    records: Iterable[Mapping[str, Any]] | pa.Table,
    trained_model: Mapping[str, Any],
    *,
    spark: SparkSession,
    threshold: float | None = None,
    break_lineage: str = "parquet",
) -> list[tuple[str, str, float]]:
    """Every candidate pair's match weight on Spark (at or above a match probability, if given)."""
    table = engine.in_given_order(records if isinstance(records, pa.Table) else engine.prepare(records))
    linker = _linker(spark, table, spark_model(trained_model), break_lineage)
    return _predict(linker, threshold)


def _predict(linker: Linker, threshold: float | None) -> list[tuple[str, str, float]]:
    predictions = linker.inference.predict(threshold_match_probability=threshold)
    rows = predictions.as_spark_dataframe().select("unique_id_l", "unique_id_r", "match_weight").collect()
    return [(row.unique_id_l, row.unique_id_r, row.match_weight) for row in rows]


def link_on_spark(
    records: Iterable[Mapping[str, Any]] | pa.Table,
    *,
    spark: SparkSession,
    trained_model: Mapping[str, Any] | None = None,
    threshold: float = splink_settings.MATCH_THRESHOLD_PROBABILITY,
    unique_systems: Iterable[str] = (),
    seed: int = 1,
    name_support: int = 1,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    break_lineage: str = "parquet",
) -> engine.LinkageResult:
    """Link records into people on Spark: train there (unless given a trained model), score, cluster on the driver.

    must_link and cannot_link are people's decisions, as engine.cluster takes them. break_lineage is how Splink
    cuts Spark's lineage between stages: "parquet" (written to the checkpoint directory; for data that does not fit
    in memory) or "persist" (cached; quicker for small data)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    table = engine.in_given_order(records if isinstance(records, pa.Table) else engine.prepare(records))
    seconds["prepare"] = time.perf_counter() - started

    started = time.perf_counter()
    settings = spark_model(trained_model) if trained_model else splink_settings.settings("spark")
    linker = _linker(spark, table, settings, break_lineage)
    sessions: dict[str, Any] = {"em_sessions": []}
    if trained_model is None:
        sessions = scoring.train(linker, seed=seed)
    model_json = linker.misc.save_model_to_json()
    seconds["train"] = time.perf_counter() - started

    started = time.perf_counter()
    # A short form of the name on one surname, sex and birth date weighs as the name itself, as engine.link weighs it.
    lift = short_forms.lift_of(short_forms.first_name_weights(model_json))
    join = engine.weight_of(threshold)
    edges = _predict(linker, engine.probability_of(join - lift))
    if lift > 0:
        near = pa.array(sorted({uid for a, b, weight in edges if weight < join for uid in (a, b)}), pa.string())
        columns = table.select(["unique_id", *short_forms.READS])
        held = {row["unique_id"]: row for row in columns.filter(pc.is_in(columns["unique_id"], near)).to_pylist()}
        edges = [
            (a, b, short_forms.raised_weight(held[a], held[b], weight, join, lift) if weight < join else weight)
            for a, b, weight in edges
        ]
        edges = [edge for edge in edges if edge[2] >= join]
    seconds["predict"] = time.perf_counter() - started

    started = time.perf_counter()
    clusters, refusals = engine.cluster(
        table,
        edges,
        unique_systems=frozenset(unique_systems),
        name_support=name_support,
        must_link=must_link,
        cannot_link=cannot_link,
        duplicate_weight=engine.weight_of(splink_settings.DUPLICATE_MATCH_PROBABILITY),
    )
    seconds["cluster"] = time.perf_counter() - started
    return engine.LinkageResult(
        clusters=clusters,
        model_json=model_json,
        training_report={**scoring.report(model_json), **sessions},
        seconds=seconds,
        pairs_scored=len(edges),
        edges_refused=len(refusals),
    )
