"""The real-time scorer against Splink itself: the same match weight and level, pair by pair, without Django."""

from __future__ import annotations

import math
import random
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from splink import DuckDBAPI, Linker

from frontdoor.linkage import splink_settings
from frontdoor.linkage.county import read_records
from frontdoor.linkage.preparation import prepare
from frontdoor.linkage.realtime import Scorer, grade, prepare_record, term_frequencies
from frontdoor.linkage.scoring import train
from frontdoor.linkage.similarity import jaro_winkler_similarity, within_one_edit
from frontdoor.synth import SynthOptions, generate

COMPARISONS = ("first_name", "middle_names", "last_name", "dob", "nhs_number", "upn", "postcode", "sex", "birth_year")
COMPARED_BY_FREQUENCY = ("first_name", "middle_names", "last_name")


def _linker(table: pa.Table, settings: dict[str, Any]) -> tuple[Linker, duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    frame = DuckDBAPI(connection).register(table, table_name="records")
    return Linker(frame, settings, log_level=None), connection


@pytest.fixture(scope="module")
def splink_scored(tmp_path_factory) -> tuple[dict[str, Any], pa.Table, list[dict[str, Any]]]:
    """A county trained as the engine trains it, then every blocked pair scored by Splink with its gammas kept."""
    out = tmp_path_factory.mktemp("county")
    generate(SynthOptions(children=400, seed=7), out)
    table = prepare(read_records(out))
    linker, connection = _linker(table, splink_settings.settings())
    train(linker)
    model_json = linker.misc.save_model_to_json()
    connection.close()

    # Beyond the model's own blocking, pairs that merely share a surname initial and birth year: mostly non-matches,
    # reaching the fuzzy levels (Jaro-Winkler bands, dates within a year) the candidate pairs rarely do.
    wider = "substr(l.last_name, 1, 1) = substr(r.last_name, 1, 1) AND substr(l.dob, 1, 4) = substr(r.dob, 1, 4)"
    # And every pair sharing a surname: police records with an age instead of a birth date meet records born in
    # years that age does or does not allow.
    surname = "l.last_name = r.last_name"
    settings = {
        **model_json,
        "retain_intermediate_calculation_columns": True,
        "blocking_rules_to_generate_predictions": [
            *model_json["blocking_rules_to_generate_predictions"],
            wider,
            surname,
        ],
    }
    scoring, connection = _linker(table, settings)
    predictions = scoring.inference.predict()  # no threshold: non-matches too
    cursor = connection.execute(f"SELECT * FROM {predictions.physical_name}")  # noqa: S608
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    connection.close()
    return model_json, table, rows


@pytest.fixture(scope="module")
def scorer(splink_scored) -> Scorer:
    model_json, table, _rows = splink_scored
    tf_tables = {column: term_frequencies(table.column(column).to_pylist()) for column in COMPARED_BY_FREQUENCY}
    return Scorer.from_model_json(model_json, tf_tables)


def test_the_model_uses_term_frequency_adjustments(scorer) -> None:
    assert scorer.tf_columns == set(COMPARED_BY_FREQUENCY)


def test_match_weights_equal_splinks_on_thousands_of_pairs(splink_scored, scorer) -> None:
    _model_json, table, rows = splink_scored
    records = {record["unique_id"]: record for record in table.to_pylist()}
    assert len(rows) >= 5000
    assert min(row["match_weight"] for row in rows) < 0 < max(row["match_weight"] for row in rows)
    worst = 0.0
    level_mismatches = []
    for row in rows:
        score = scorer.score(records[row["unique_id_l"]], records[row["unique_id_r"]])
        worst = max(worst, abs(score.match_weight - row["match_weight"]))
        assert math.isclose(score.probability, row["match_probability"], rel_tol=1e-9, abs_tol=1e-12)
        gammas = {evidence.comparison: evidence.gamma for evidence in score.evidence}
        level_mismatches += [(row["unique_id_l"], row["unique_id_r"], c) for c in COMPARISONS
                             if gammas[c] != row[f"gamma_{c}"]]  # fmt: skip
    assert level_mismatches == []
    assert worst <= 1e-9, worst


def test_each_fields_contribution_is_splinks(splink_scored, scorer) -> None:
    _model_json, table, rows = splink_scored
    records = {record["unique_id"]: record for record in table.to_pylist()}
    for row in random.Random(3).sample(rows, 500):
        score = scorer.score(records[row["unique_id_l"]], records[row["unique_id_r"]])
        for evidence in score.evidence:
            splink = row[f"mw_{evidence.comparison}"] + row.get(f"mw_tf_adj_{evidence.comparison}", 0.0)
            assert abs(evidence.match_weight - splink) <= 1e-9


def person(**overrides: Any) -> dict[str, Any]:
    record = {"unique_id": "x", "source": "csc", "first_name": "Oliver", "middle_names": "James",
              "last_name": "Hill", "dob": date(2015, 3, 14), "sex": "M", "postcode": "ES9 4ZT",
              "nhs_number": "9990000018", "upn": ""}  # fmt: skip
    return prepare_record(record | overrides)


def test_grades_and_evidence(scorer) -> None:
    same = scorer.score(person(), person(unique_id="y"))
    assert same.grade == "certain"
    fields = {evidence.comparison: evidence for evidence in same.evidence}
    assert list(fields) == list(COMPARISONS)
    assert fields["nhs_number"].level == "Exact" and fields["nhs_number"].agreed
    assert fields["upn"].level == "upn missing" and fields["upn"].match_weight == 0.0
    assert math.isclose(sum(e.match_weight for e in same.evidence) + same.prior_weight, same.match_weight)
    assert fields["first_name"].tf_adjustment != 0.0 or fields["first_name"].level != "Exact"

    nickname = scorer.score(person(nhs_number=""), person(unique_id="y", first_name="Ollie", nhs_number=""))
    assert {e.comparison: e.level for e in nickname.evidence}["first_name"] == "Nickname or anglicised form"

    stranger = scorer.score(
        person(),
        person(
            unique_id="y",
            first_name="Amira",
            last_name="Begum",
            dob=date(1990, 7, 1),
            sex="F",
            postcode="ZZ1 1AA",
            nhs_number="9990000026",
        ),
    )
    assert stranger.grade is None and stranger.probability < 0.5


def test_a_police_age_counts_for_a_birth_date_it_allows_and_against_one_it_does_not(scorer) -> None:
    # Aged 9 at incidents in 2024 and 2025: born 2014 to 2016.
    police = {"source": "police", "nhs_number": "", "dob": None, "age_years": 9, "age_from": date(2024, 5, 1),
              "age_to": date(2025, 2, 1)}  # fmt: skip
    fits = scorer.score(person(nhs_number=""), person(unique_id="p", **police))
    born_too_early = scorer.score(person(nhs_number="", dob=date(2009, 3, 14)), person(unique_id="p", **police))
    year = {e.comparison: e for e in fits.evidence}["birth_year"]
    assert year.level == "Birth years overlap" and year.agreed
    assert {e.comparison: e for e in born_too_early.evidence}["birth_year"].match_weight < 0
    assert fits.grade is not None and born_too_early.match_weight < fits.match_weight - 5
    both_dated = scorer.score(person(), person(unique_id="y"))
    assert {e.comparison: e for e in both_dated.evidence}["birth_year"].gamma == -1  # the dob comparison weighs it


def test_grade_thresholds() -> None:
    assert [grade(p) for p in (0.999, 0.99, 0.95, 0.9, 0.7, 0.5, 0.49)] == [
        "certain", "certain", "probable", "probable", "possible", "possible", None,
    ]  # fmt: skip


def test_string_functions_equal_duckdbs() -> None:
    rng = random.Random(1)
    alphabet = "abcdeéz-"
    pairs = [
        tuple("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 10))) for _ in range(2)) for _ in range(5000)
    ]
    pairs += [("martha", "marhta"), ("dwayne", "duane"), ("2015-03-14", "2015-14-03"), ("2015-03-14", "2015-03-41")]
    connection = duckdb.connect()
    connection.execute("CREATE TABLE t (a VARCHAR, b VARCHAR)")
    connection.executemany("INSERT INTO t VALUES (?, ?)", pairs)
    rows = connection.execute("SELECT a, b, jaro_winkler_similarity(a, b), damerau_levenshtein(a, b) FROM t").fetchall()
    assert [(a, b) for a, b, jw, _ in rows if jaro_winkler_similarity(a, b) != jw] == []
    assert [(a, b) for a, b, _, dl in rows if within_one_edit(a, b) != (dl <= 1)] == []
