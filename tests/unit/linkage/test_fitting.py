"""Training on what a file has (fitting.py) and the packaged model (default_model.py): which comparisons, blocking
rules and training steps a file's columns allow, and what is said about it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from frontdoor.linkage import default_model, fitting, splink_settings
from frontdoor.linkage.engine import prepare

EVERY = ("first_name", "middle_names", "last_name", "dob", "sex", "postcode", "nhs_number", "upn")
FIRST = ["Isla", "Ivy", "Noah", "Leo", "Amara", "Zofia", "Musa", "Oliver", "Grace", "Lan"]
MIDDLE = ["Rose", "James", "Grace", "Ali", "Mae", "Thi", "Jude"]
LAST = ["Pemberton", "Okonkwo", "Khan", "Nguyen", "Wojcik", "Smith", "Hill", "Shah"]


def records(n: int, columns: tuple[str, ...] = EVERY) -> list[dict]:
    """n records of n // 2 people, each person twice (the second record from another system)."""
    out = []
    for i in range(n):
        person = i // 2
        values = {
            "first_name": FIRST[person % len(FIRST)],
            "middle_names": MIDDLE[person % len(MIDDLE)],
            "last_name": LAST[person % len(LAST)] + ("" if person < 80 else "son"),
            "dob": date(2010 + person % 12, 1 + person % 12, 1 + person % 28),
            "sex": "F" if person % 2 else "M",
            "postcode": f"ES{person % 9 + 1} {person % 7 + 1}AB",
            "nhs_number": f"{9000000000 + person}",
            "upn": f"A{person:012d}",
        }
        record = {"unique_id": f"r{i}", "source": "health" if i % 2 else "police"}
        out.append(record | {name: values[name] if name in columns else None for name in EVERY})
    return out


def test_every_column_held_gives_the_models_own_comparisons_sessions_and_rules() -> None:
    plan = fitting.plan(prepare(records(400)))
    assert plan.trainable
    assert plan.columns == tuple(c for c in splink_settings.COMPARED if c != "birth_year")  # no ages given
    assert plan.sessions == splink_settings.SESSIONS
    assert plan.deterministic == tuple(sql for _needs, sql in splink_settings.DETERMINISTIC)
    assert plan.untrained == ()


@pytest.mark.parametrize("removed", EVERY)
def test_a_column_the_file_lacks_is_not_compared_blocked_on_or_trained_on(removed: str) -> None:
    plan = fitting.plan(prepare(records(400, tuple(c for c in EVERY if c != removed))))
    assert plan.trainable
    assert removed not in plan.columns
    assert all(removed not in session for session in plan.sessions)
    assert all(removed not in re.findall(r"[lr]\.(\w+)", sql) for sql in plan.deterministic)
    assert plan.deterministic  # a stand-in takes the place of a rule the file cannot feed
    assert plan.untrained == ()  # a stand-in session estimates what the model's own cannot
    built = splink_settings.settings(columns=plan.columns)
    assert [c["output_column_name"] for c in built["comparisons"]] == list(plan.columns)
    sql = " ".join(r if isinstance(r, str) else r.get_blocking_rule("duckdb").blocking_rule_sql
                   for r in built["blocking_rules_to_generate_predictions"])  # fmt: skip
    assert built["blocking_rules_to_generate_predictions"]
    # A rule may ask for the column to be blank (no date of birth: names alone), never join on it.
    assert not re.search(rf'l\."?{removed}"?\s*=|substr\(l\."?{removed}', sql, re.IGNORECASE)


def test_names_dates_of_birth_and_sex_alone_train_a_session_that_estimates_the_date_of_birth() -> None:
    plan = fitting.plan(prepare(records(400, ("first_name", "last_name", "dob", "sex"))))
    assert plan.columns == ("first_name", "last_name", "dob", "sex")
    assert ("first_name", "last_name") in plan.sessions
    assert plan.untrained == ()


def test_no_two_records_sharing_an_nhs_number_leaves_out_its_session_not_the_file() -> None:
    rows = records(400)
    for i, row in enumerate(rows):
        row["nhs_number"] = f"{9100000000 + i}"  # every one different
    plan = fitting.plan(prepare(rows))
    assert plan.trainable and "nhs_number" in plan.columns
    assert ("nhs_number",) not in plan.sessions


def test_a_file_too_small_to_train_on_is_linked_with_the_packaged_model_and_says_so() -> None:
    plan = fitting.plan(prepare(records(20)))
    assert not plan.trainable
    said = " ".join(fitting.notes(plan))
    assert "too small or too sparse to train" in said and "packaged model" in said and "20 records" in said


def test_the_notes_name_what_the_file_lacks_in_plain_words() -> None:
    plan = fitting.plan(prepare(records(400, ("first_name", "last_name", "dob", "sex"))))
    said = fitting.notes(plan)
    assert said[0] == (
        "Compared first name, last name, date of birth and sex; the file has no middle name, NHS number, unique pupil "
        "number or postcode."
    )
    assert not any(re.search(r"\b[a-z]+_[a-z_]+\b", note) for note in said)  # no column names


def test_a_file_of_nothing_comparable_is_each_record_on_its_own() -> None:
    plan = fitting.plan(prepare(records(400, ("sex",))))
    assert plan.columns == ("sex",)
    assert splink_settings.blocking_rules(columns=plan.columns) == []
    assert (
        fitting.notes(plan)[-1]
        == "Sex alone cannot show two records are one person: each record is a person of its own."
    )
    plan = fitting.plan(prepare(records(400, ())))
    assert fitting.notes(plan) == ["The file has nothing to compare records on: each record is a person of its own."]


def test_the_packaged_model_is_the_current_model_trained() -> None:
    """Change a comparison and this fails until the packaged model is regenerated (python -m ...default_model)."""
    packaged = default_model.packaged()["model"]
    current = splink_settings.settings()
    assert [[lv["sql_condition"] for lv in c["comparison_levels"]] for c in packaged["comparisons"]] == [
        [lv["sql_condition"] for lv in c["comparison_levels"]] for c in current["comparisons"]
    ]
    for comparison in packaged["comparisons"]:
        for level in comparison["comparison_levels"]:
            if not level.get("is_null_level"):
                assert "m_probability" in level and "u_probability" in level, (comparison, level)


def test_the_packaged_model_restricted_to_a_files_columns_with_its_rate_scaled() -> None:
    model = default_model.restricted(("first_name", "last_name", "dob"), 1_000)
    assert [c["output_column_name"] for c in model["comparisons"]] == ["first_name", "last_name", "dob"]
    assert all("m_probability" in lv for c in model["comparisons"] for lv in c["comparison_levels"]
               if not lv.get("is_null_level"))  # fmt: skip
    assert default_model.scaled_rate(1_000) > default_model.scaled_rate(100_000)
    assert default_model.scaled_rate(2) <= default_model.HIGHEST_RATE
