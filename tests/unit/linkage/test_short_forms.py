"""A short form of a name on one surname, sex and birth date weighs as the name itself (linkage.short_forms, ADR
0014), and a different surname between two women's records is a level of its own in the model (splink_settings)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pyarrow as pa
import pytest

from frontdoor.linkage import default_model, engine, short_forms
from frontdoor.linkage.conditions import CONDITIONS
from frontdoor.linkage.engine import link, prepare, weight_of
from frontdoor.linkage.short_forms import first_name_weights, lift_of, one_name_one_birth, raised_forms
from frontdoor.linkage.splink_settings import (
    ADULT_WOMEN,
    ADULT_WOMEN_LABEL,
    MATCH_THRESHOLD_PROBABILITY,
    WOMEN,
    WOMEN_LABEL,
    settings,
)
from frontdoor.linkage.words import level_words

THRESHOLD = weight_of(MATCH_THRESHOLD_PROBABILITY)


def _prepared(*people: dict[str, Any]) -> list[dict[str, Any]]:
    return prepare(
        [{"unique_id": f"r{n}", "source": "health", **person} for n, person in enumerate(people)]
    ).to_pylist()


SAMUEL = {"first_name": "Samuel", "last_name": "Evans", "dob": date(2018, 4, 14), "sex": "M"}


@pytest.mark.parametrize(
    ("other", "one"),
    [
        ({"first_name": "Sam"}, True),  # a short form
        ({"first_name": "Sammy"}, True),
        ({"first_name": "Samuel"}, False),  # the same name: the model weighs it so already
        ({"first_name": "Ben"}, False),  # another name: a twin
        ({"first_name": "Samual"}, False),  # a typo: the model's, and the twin guard's, to weigh
        ({"first_name": "Sam", "dob": date(2018, 4, 15)}, False),  # another birth date
        ({"first_name": "Sam", "last_name": "Evens"}, False),  # a surname spelt otherwise: the model's to weigh
        ({"first_name": "Sam", "sex": None}, False),  # sex not recorded on one of them
        ({"first_name": "Sam", "dob": None}, False),
    ],
)
def test_a_short_form_counts_as_the_name_only_on_one_surname_sex_and_birth_date(other: dict, one: bool) -> None:
    left, right = _prepared(SAMUEL, {**SAMUEL, **other})
    assert one_name_one_birth(left, right) is one


def test_one_name_spelt_two_ways_is_not_a_short_form_twins_are_given_such_names() -> None:
    aisha = {"first_name": "Aisha", "last_name": "Akhtar", "dob": date(2016, 2, 9), "sex": "F"}
    left, right = _prepared(aisha, {**aisha, "first_name": "Ayesha"})
    assert set(left["first_name_keys"]) & set(right["first_name_keys"])  # one name group in the name table
    assert not one_name_one_birth(left, right)


def test_a_boy_and_a_girl_of_one_name_s_forms_are_two_twins() -> None:
    charlie = {"first_name": "Charlie", "last_name": "Shaw", "dob": date(2015, 9, 3)}
    left, right = _prepared({**charlie, "sex": "M"}, {**charlie, "first_name": "Charlotte", "sex": "F"})
    assert not one_name_one_birth(left, right)


def test_the_lift_is_the_model_s_same_name_weight_over_its_short_form_weight() -> None:
    assert lift_of({"Exact": 6.9, "Nickname or anglicised form": 4.2}) == pytest.approx(2.7)
    assert lift_of({"Exact": 6.9}) == 0.0  # a model without the level lifts nothing
    assert lift_of({"Exact": 3.0, "Nickname or anglicised form": 4.0}) == 0.0
    weights = first_name_weights(default_model.packaged()["model"])
    assert lift_of(weights) == pytest.approx(weights["Exact"] - weights["Nickname or anglicised form"])
    assert lift_of(weights) > 0


def _scored(*pairs: tuple[int, int, float]) -> pa.Table:
    left, right, weight = zip(*pairs, strict=True)
    return pa.table(
        [pa.array(left, pa.int64()), pa.array(right, pa.int64()), pa.array(weight, pa.float64())],
        names=["unique_id_l", "unique_id_r", "match_weight"],
    )


def test_only_pairs_the_lift_brings_to_the_threshold_are_raised() -> None:
    table = prepare(
        [
            {"unique_id": "a", "source": "health", **SAMUEL, "postcode": "ES1 1AA"},
            {"unique_id": "b", "source": "education", **SAMUEL, "first_name": "Sam", "postcode": "ES9 9ZZ"},
            {"unique_id": "c", "source": "education", **SAMUEL, "first_name": "Ben", "postcode": "ES9 9ZZ"},
            {"unique_id": "d", "source": "police", **SAMUEL, "first_name": "Sammy", "postcode": None},
        ]
    )
    lift = 2.5
    raised = raised_forms(
        table, _scored((0, 1, THRESHOLD - 1.0), (0, 2, THRESHOLD - 1.0), (0, 3, THRESHOLD - 3.0)), THRESHOLD, lift
    )
    assert raised.to_pylist() == [{"unique_id_l": 0, "unique_id_r": 1, "match_weight": pytest.approx(THRESHOLD + 1.5)}]
    assert raised_forms(table, _scored((0, 1, THRESHOLD + 1.0)), THRESHOLD, lift).num_rows == 0  # joined already
    assert raised_forms(table, _scored((0, 1, THRESHOLD - 1.0)), THRESHOLD, 0.0).num_rows == 0


def _county() -> list[dict[str, Any]]:
    """Four hundred others, for the packaged model to score among."""
    first = ["Amelia", "Noah", "Isla", "Leo", "Ava", "George", "Mia", "Arthur", "Freya", "Oscar", "Ivy", "Harry"]
    last = ["Hill", "Patel", "Nowak", "Okafor", "Begum", "Wright", "Lloyd", "Khan", "Price", "Chen", "Reid"]
    return [
        {"unique_id": f"health:o{n}", "source": "health", "first_name": first[n % len(first)],
         "last_name": last[n % len(last)] + ("" if n < 132 else "s"), "sex": "F" if n % 2 else "M",
         "dob": date(1980 + n % 40, 1 + n % 12, 1 + n % 28), "postcode": f"ES{n % 30 + 1} {n % 9 + 1}AB"}
        for n in range(400)
    ]  # fmt: skip


def _model() -> dict[str, Any]:
    """The packaged model at the match rate of a county sixty-four times this file's size, where the model alone
    leaves the moved child's two records short of the threshold (the test below shows it)."""
    model = dict(default_model.packaged()["model"])
    model["probability_two_random_records_match"] /= 64
    return model


def test_a_child_at_school_under_a_short_form_is_the_gp_s_child_after_a_move() -> None:
    records = [
        {"unique_id": "health:samuel", "source": "health", **SAMUEL, "postcode": "ES1 1AA"},
        {"unique_id": "education:sam", "source": "education", **SAMUEL, "first_name": "Sam", "postcode": "ES9 9ZZ"},
        # His twin brother at the same school and GP: another name, never joined to him.
        {"unique_id": "health:benjamin", "source": "health", **SAMUEL, "first_name": "Benjamin", "postcode": "ES1 1AA"},
        {"unique_id": "education:ben", "source": "education", **SAMUEL, "first_name": "Ben", "postcode": "ES9 9ZZ"},
        *_county(),
    ]  # fmt: skip
    result = link(records, trained_model=_model())
    assert result.clusters["health:samuel"] == result.clusters["education:sam"]
    assert result.clusters["health:benjamin"] == result.clusters["education:ben"]
    assert result.clusters["health:samuel"] != result.clusters["health:benjamin"]


def test_without_the_lift_the_model_leaves_the_moved_child_apart(monkeypatch) -> None:
    """The pair the test above joins is short of the threshold on the model's weights alone: what joins it is the
    lift (were it joined anyway, the test above would show nothing)."""
    monkeypatch.setattr(engine, "lift_of", lambda _weights: 0.0)
    records = [
        {"unique_id": "health:samuel", "source": "health", **SAMUEL, "postcode": "ES1 1AA"},
        {"unique_id": "education:sam", "source": "education", **SAMUEL, "first_name": "Sam", "postcode": "ES9 9ZZ"},
        *_county(),
    ]
    result = link(records, trained_model=_model())
    assert result.clusters["health:samuel"] != result.clusters["education:sam"]


def test_a_different_surname_between_two_women_is_a_level_of_its_own_where_the_file_records_sex() -> None:
    def surname_levels(columns: tuple[str, ...]) -> list[str]:
        model = settings(columns=columns)
        comparison = next(c for c in model["comparisons"] if c["output_column_name"] == "last_name")
        return [level["label_for_charts"] for level in comparison["comparison_levels"]]

    assert surname_levels(("first_name", "last_name", "dob", "sex"))[-3:] == [
        ADULT_WOMEN_LABEL,
        WOMEN_LABEL,
        "All other",
    ]
    assert surname_levels(("first_name", "last_name", "birth_year", "sex"))[-3] == ADULT_WOMEN_LABEL  # ages only
    # No date of birth or age to tell a woman from a girl: one level for two women.
    assert surname_levels(("first_name", "last_name", "sex"))[-2:] == [WOMEN_LABEL, "All other"]
    assert WOMEN_LABEL not in surname_levels(("first_name", "last_name", "dob"))
    assert ADULT_WOMEN_LABEL not in surname_levels(("first_name", "last_name", "dob"))
    women, man = (
        _prepared({"first_name": "Victoria", "sex": "F"}, {"first_name": "Victoria", "sex": "F"}),
        _prepared({"first_name": "Mark", "sex": "M"}, {"first_name": "Victoria", "sex": "F"}),
    )
    assert CONDITIONS[WOMEN](*women) and not CONDITIONS[WOMEN](*man)
    assert (
        level_words("last_name", WOMEN_LABEL)
        == "different (both are female: a woman's surname may change with a marriage, a girl's with her family's)"
    )
    assert level_words("last_name", ADULT_WOMEN_LABEL) == (
        "different (both are women, neither known to be a child, whose surname may change with a marriage)"
    )


@pytest.mark.parametrize(
    ("left", "right", "adults"),
    [
        ({"dob": date(1990, 2, 1)}, {}, True),  # one known to be a woman, the other of no known age
        ({}, {}, True),  # neither known to be a child
        ({"dob": date(1990, 2, 1)}, {"age_years": 35, "age_to": date.today()}, True),  # an age at an incident
        ({"dob": date(1990, 2, 1)}, {"dob": date.today().replace(year=date.today().year - 12)}, False),  # a girl
        ({}, {"age_years": 9, "age_to": date.today()}, False),
    ],
)
def test_the_level_for_two_women_neither_known_to_be_a_child(
    left: dict[str, Any], right: dict[str, Any], adults: bool
) -> None:
    pair = _prepared(
        {"first_name": "Victoria", "last_name": "Robinson", "sex": "F", **left},
        {"first_name": "Victoria", "last_name": "Bennett", "sex": "F", **right},
    )
    assert CONDITIONS[ADULT_WOMEN](*pair) is adults
    assert CONDITIONS[WOMEN](*pair)  # the level after it takes the rest


def test_the_packaged_model_weighs_a_woman_s_other_surname_as_weaker_evidence_than_a_man_s() -> None:
    comparison = next(
        c for c in default_model.packaged()["model"]["comparisons"] if c["output_column_name"] == "last_name"
    )
    levels = {level["label_for_charts"]: level for level in comparison["comparison_levels"]}

    def weight(label: str) -> float:
        return levels[label]["m_probability"] / levels[label]["u_probability"]

    assert weight(ADULT_WOMEN_LABEL) > weight(WOMEN_LABEL) > weight("All other")
    assert short_forms.SAME_LABEL == "Exact"
