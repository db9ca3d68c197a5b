"""The same model on Splink's Spark backend, in local mode: a model trained by the DuckDB engine scores every pair
on Spark with the same match weight, and the records cluster into the same people.

Needs Java (17+) for Spark. Without it the module is skipped with the reason shown, except under CI=true, where a
missing Java fails the run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest
from splink import DuckDBAPI, Linker

from frontdoor.linkage.county import read_records
from frontdoor.linkage.engine import link, prepare

UNIQUE_SYSTEMS = ("health", "education")
# py4j (pyspark's bridge to the JVM) leaves its sockets to the garbage collector.
pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning"),
    pytest.mark.filterwarnings("ignore:Exception ignored in. <socket.socket:pytest.PytestUnraisableExceptionWarning"),
]

if os.environ.get("FRONTDOOR_TEST_DATABASE_URL", "").startswith("postgres"):
    pytest.skip("uses no database: it runs once, in the SQLite pass of make test", allow_module_level=True)
if not shutil.which("java") and not os.environ.get("JAVA_HOME") and os.environ.get("CI") != "true":
    pytest.skip("Spark needs Java 17 or later, and no java is on PATH (nor JAVA_HOME set)", allow_module_level=True)

from frontdoor.linkage import spark as on_spark  # noqa: E402  (imports pyspark, which is of no use without Java)
from frontdoor.synth import SynthOptions, generate  # noqa: E402


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    session = on_spark.session(checkpoint_dir=str(tmp_path_factory.mktemp("checkpoints")), partitions=2)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """A few hundred records of a small synthetic county, prepared, and the DuckDB engine's linkage of them."""
    county: Path = tmp_path_factory.mktemp("county")
    generate(SynthOptions(children=120, seed=7), county)
    table = prepare(read_records(county))
    return table, link(table, unique_systems=UNIQUE_SYSTEMS)


def duckdb_weights(table, model_json) -> dict[tuple[str, str], float]:
    connection = duckdb.connect()
    frame = DuckDBAPI(connection).register(table, table_name="records")
    predictions = Linker(frame, model_json, log_level=None).inference.predict()
    rows = connection.execute(
        f"SELECT unique_id_l, unique_id_r, match_weight FROM {predictions.physical_name}"  # noqa: S608
    ).fetchall()
    connection.close()
    return {(left, right): weight for left, right, weight in rows}


def test_spark_scores_every_pair_with_duckdbs_match_weight(spark, sample) -> None:
    table, duckdb_linked = sample
    expected = duckdb_weights(table, duckdb_linked.model_json)
    scored = on_spark.match_weights(table, duckdb_linked.model_json, spark=spark, break_lineage="persist")
    weights = {(left, right): weight for left, right, weight in scored}
    assert set(weights) == set(expected)  # the same blocking rules find the same candidate pairs
    assert len(weights) > 300
    assert sum(weight > 10 for weight in weights.values()) > 50  # strong matches among them, not only non-matches
    assert max(abs(weights[pair] - expected[pair]) for pair in expected) < 1e-9


def test_spark_clusters_records_into_the_same_people(spark, sample) -> None:
    table, duckdb_linked = sample
    result = on_spark.link_on_spark(
        table,
        spark=spark,
        trained_model=duckdb_linked.model_json,
        unique_systems=UNIQUE_SYSTEMS,
        break_lineage="persist",
    )
    assert result.clusters == duckdb_linked.clusters
    assert len(set(result.clusters.values())) < 0.7 * len(result.clusters)  # people were found across systems
    assert result.training_report["em_sessions"] == []  # scored with the given model, not retrained


def test_a_model_from_elsewhere_is_refused(sample) -> None:
    _table, duckdb_linked = sample
    model_json = {**duckdb_linked.model_json, "comparisons": duckdb_linked.model_json["comparisons"][:-1]}
    with pytest.raises(ValueError, match="train afresh"):
        on_spark.spark_model(model_json)
