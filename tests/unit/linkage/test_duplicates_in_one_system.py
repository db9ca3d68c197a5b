"""Duplicates inside a system that holds each person once: weighed by the edge, not forbidden; the twin and sibling
guards keep their force."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.linkage import alike, guards
from frontdoor.linkage.clustering import cluster
from frontdoor.linkage.guards import Rule
from frontdoor.linkage.preparation import prepare
from frontdoor.linkage.scoring import weight_of
from frontdoor.linkage.splink_settings import DUPLICATE_MATCH_PROBABILITY

UNIQUE_SYSTEMS = frozenset({"health", "education"})
STRONG = weight_of(DUPLICATE_MATCH_PROBABILITY) + 1.0
WEAK = weight_of(DUPLICATE_MATCH_PROBABILITY) - 1.0  # above the match threshold, below the duplicate one


def record(uid: str, first: str, source: str = "health", nhs: str = "") -> dict:
    return {"unique_id": uid, "source": source, "first_name": first, "last_name": "Hill", "dob": date(2020, 8, 3),
            "sex": "M", "postcode": "ES9 4ZT", "nhs_number": nhs, "upn": ""}  # fmt: skip


def test_a_child_registered_twice_with_health_is_one_person_on_a_strong_edge() -> None:
    table = prepare([record("a", "Oliver", nhs="9990000018"), record("b", "Oliver")])
    clusters, refused = cluster(table, [("a", "b", STRONG)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=STRONG - 1)
    assert clusters["a"] == clusters["b"]
    assert refused == {}


def test_two_records_of_one_system_on_a_weaker_edge_stay_apart() -> None:
    table = prepare([record("a", "Oliver", nhs="9990000018"), record("b", "Oliver")])
    clusters, refused = cluster(table, [("a", "b", WEAK)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=WEAK + 2)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] == [Rule.ONE_RECORD_SYSTEM]


def test_twins_in_one_system_stay_apart_however_strong_the_edge() -> None:
    # Different first names on one date of birth in one system: two people, whatever the score.
    table = prepare([record("a", "Oliver"), record("b", "Harvey")])
    clusters, refused = cluster(table, [("a", "b", 50.0)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=10.0)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] != []
    assert all(why.rule is not Rule.ONE_RECORD_SYSTEM for why in refused.values())


def test_two_nhs_numbers_stay_apart_however_strong_the_edge() -> None:
    # Another postcode: a namesake born the same day, as far as anything says (ADR 0010 joins only exact agreement).
    table = prepare([record("a", "Oliver", nhs="9990000018"), {**record("b", "Oliver", nhs="9990000026"),
                                                                "postcode": "ES1 1AA"}])  # fmt: skip
    clusters, refused = cluster(table, [("a", "b", 50.0)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=10.0)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] == [Rule.NHS_NUMBERS]


# One child registered twice with health under two valid NHS numbers, nothing marking either temporary (ADR 0010).
def test_a_child_registered_twice_under_two_nhs_numbers_is_one_person_when_all_else_agrees() -> None:
    table = prepare([record("a", "Oliver", nhs="9990000018"), record("b", "Oliver", nhs="9990000026")])
    # Whatever the edge's weight, at the threshold or above: the rule decides, as a shared NHS number does.
    clusters, refused = cluster(table, [("a", "b", 5.0)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=30.0)
    assert clusters["a"] == clusters["b"]
    assert refused == {}


def test_a_pupils_record_fitting_both_registrations_joins_them_rather_than_being_left_alone() -> None:
    pupil = {**record("p", "Oliver", source="education"), "upn": "A123456789012"}
    table = prepare([record("a", "Oliver", nhs="9990000018"), record("b", "Oliver", nhs="9990000026"), pupil])
    edges = [("a", "p", 30.0), ("b", "p", 30.0), ("a", "b", 25.0)]
    clusters, refused = cluster(table, edges, unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] == clusters["b"] == clusters["p"]
    assert refused == {}


def test_twins_with_two_nhs_numbers_stay_apart() -> None:
    table = prepare([record("a", "Oliver", nhs="9990000018"), record("b", "Harvey", nhs="9990000026")])
    clusters, refused = cluster(table, [("a", "b", 50.0)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=10.0)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] == [Rule.NHS_NUMBERS]


def test_a_twins_pupil_record_still_fits_only_its_own_twin() -> None:
    # A record between two twins with two NHS numbers is no reason to join the twins.
    pupil = {**record("p", "Oliver", source="education"), "upn": "A123456789012"}
    table = prepare([record("a", "Oliver", nhs="9990000018"), record("b", "Harvey", nhs="9990000026"), pupil])
    clusters, _refused = cluster(table, [("a", "p", 30.0), ("b", "p", 29.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] != clusters["b"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("postcode", "ES1 1AA"), ("dob", date(2020, 8, 4)), ("last_name", "Hull"), ("sex", "F"), ("first_name", "Olly")],
)
def test_two_nhs_numbers_stay_apart_if_anything_else_differs(field: str, value: object) -> None:
    table = prepare([record("a", "Oliver", nhs="9990000018"), {**record("b", "Oliver", nhs="9990000026"),
                                                                field: value}])  # fmt: skip
    clusters, refused = cluster(table, [("a", "b", 50.0)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=10.0)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] == [Rule.NHS_NUMBERS]


@pytest.mark.parametrize("surname", ["Hill-Brown", "Brown-Hill", "Singh"])
def test_two_registrations_one_under_part_of_a_surname_or_singh_are_one_child(surname: str) -> None:
    # A double-barrelled surname kept whole by one registration and in part by the other, or a Sikh's Singh where
    # the family name would be: first name, date of birth, sex and postcode all agree (ADR 0010, amended).
    table = prepare([record("a", "Oliver", nhs="9990000018"), {**record("b", "Oliver", nhs="9990000026"),
                                                                "last_name": surname}])  # fmt: skip
    clusters, refused = cluster(table, [("a", "b", 12.0)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=30.0)
    assert clusters["a"] == clusters["b"]
    assert refused == {}


def test_two_registrations_under_a_surname_and_a_rare_typo_of_it_are_one_child(monkeypatch) -> None:
    monkeypatch.setattr(alike, "TYPOS_NEED_PEOPLE", 5)
    # Hill is held by ten families; Hiill by one, one edit from it: a typo, not another family.
    others = [{**record(f"o{n}", f"Child{n}", source="csc"), "dob": date(2010, 1, n + 1)} for n in range(10)]
    twice = [record("a", "Oliver", nhs="9990000018"), {**record("b", "Oliver", nhs="9990000026"), "last_name": "Hiill"}]
    clusters, _refused = cluster(prepare([*twice, *others]), [("a", "b", 12.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] == clusters["b"]
    # In a file too small for rarity to mean a typo, the two registrations stay apart.
    clusters, _refused = cluster(prepare(twice), [("a", "b", 12.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] != clusters["b"]


def test_two_registrations_of_one_name_in_another_order_or_with_a_part_left_out_are_one_child() -> None:
    # Thi Scarlett Hoang and Scarlett Hoang on one date of birth, sex and postcode: the shared Thi left off (ADR 0010,
    # amended), as one system's two records of one child may be.
    table = prepare([{**record("a", "Thi Scarlett", nhs="9990000018"), "last_name": "Hoang"},
                     {**record("b", "Scarlett", nhs="9990000026"), "last_name": "Hoang"}])  # fmt: skip
    clusters, refused = cluster(table, [("a", "b", 12.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] == clusters["b"]
    assert refused == {}
    # Twins whose given names differ in a part stay two children: Thi Lan and Thi Mai Nguyen.
    twins = prepare([{**record("a", "Thi Lan", nhs="9990000018"), "last_name": "Nguyen"},
                     {**record("b", "Thi Mai", nhs="9990000026"), "last_name": "Nguyen"}])  # fmt: skip
    clusters, refused = cluster(twins, [("a", "b", 12.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] == [Rule.NHS_NUMBERS]


def test_a_record_at_one_registrations_address_is_not_left_alone_by_a_namesake_elsewhere() -> None:
    # Two children of one name and birth date under two NHS numbers at two addresses, never recorded together
    # (namesakes, or one child registered again after a move): the school's record at one of the addresses is that
    # one's, not ambiguous between them as a twin's nickname is.
    pupil = {**record("p", "Oliver", source="education"), "upn": "A123456789012"}
    csc = record("c", "Oliver", source="csc")
    elsewhere = {**record("b", "Oliver", nhs="9990000026"), "postcode": "ES1 1AA"}
    table = prepare([record("a", "Oliver", nhs="9990000018"), elsewhere, pupil, csc])
    edges = [("a", "p", 24.0), ("b", "p", 6.0), ("p", "c", 40.0), ("a", "c", 24.0)]
    clusters, _refused = cluster(table, edges, unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] == clusters["p"] == clusters["c"] != clusters["b"]


@pytest.mark.parametrize("field", ["first_name", "last_name", "dob", "sex", "postcode"])
def test_two_nhs_numbers_stay_apart_if_one_side_lacks_a_field(field: str) -> None:
    # Missing on one side is not agreement: the sex as unknown ("U") is missing too.
    blank = {"dob": None, "sex": "U"}.get(field, "")
    table = prepare([record("a", "Oliver", nhs="9990000018"), {**record("b", "Oliver", nhs="9990000026"),
                                                                field: blank}])  # fmt: skip
    clusters, refused = cluster(table, [("a", "b", 50.0)], unique_systems=UNIQUE_SYSTEMS, duplicate_weight=10.0)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] == [Rule.NHS_NUMBERS]


def test_by_default_one_system_never_holds_a_person_twice() -> None:
    table = prepare([record("a", "Oliver", nhs="9990000018"), record("b", "Oliver")])
    clusters, _refused = cluster(table, [("a", "b", 80.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] != clusters["b"]


def test_the_worker_and_the_run_weigh_a_systems_duplicate_alike() -> None:
    # guards.weighed is what clustering and the incremental linker both ask of an edge.
    a = guards.single("a", "health", "oliver", None, "2020-08-03", "9990000018", None)
    b = guards.single("b", "health", "oliver", None, "2020-08-03", None, None)
    twin = guards.single("t", "health", "harvey", None, "2020-08-03", None, None)
    assert guards.weighed(a, b, UNIQUE_SYSTEMS, STRONG, STRONG - 1) is None
    weak = guards.weighed(a, b, UNIQUE_SYSTEMS, WEAK, STRONG - 1)
    assert weak is not None and weak.rule is Rule.ONE_RECORD_SYSTEM
    strong_twin = guards.weighed(a, twin, UNIQUE_SYSTEMS, 50.0, STRONG - 1)
    assert strong_twin is not None and strong_twin.rule is not Rule.ONE_RECORD_SYSTEM


@pytest.mark.parametrize(
    ("first", "surname", "other_surname"),
    [
        ("Mateusz", "Kowalski", "Kowalska"),  # a family name's forms for a man and a woman
        ("Matas", "Jankauskas", "Jankauskiene"),  # a boy under his mother's form of the family name
        ("Khadija", "Chaudhry", "Chowdhury"),  # one surname spelt two ways
    ],
)
def test_two_registrations_under_two_forms_or_spellings_of_one_surname_are_one_child(
    first: str, surname: str, other_surname: str
) -> None:
    table = prepare([{**record("a", first, nhs="9990000018"), "last_name": surname},
                     {**record("b", first, nhs="9990000026"), "last_name": other_surname}])  # fmt: skip
    clusters, refused = cluster(table, [("a", "b", 12.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] == clusters["b"]
    assert refused == {}


@pytest.mark.parametrize(
    ("first", "other_first", "surname", "other_surname"),
    [
        ("Ugne", "Greta", "Jankauskaite", "Jankauskiene"),  # sisters: the married form on one registration
        ("Aisha", "Ayesha", "Akhtar", "Akhtar"),  # one name spelt two ways: a first name is not a surname
    ],
)
def test_twins_under_forms_or_spellings_of_one_name_stay_apart(
    first: str, other_first: str, surname: str, other_surname: str
) -> None:
    twins = prepare(
        [{**record("a", first, nhs="9990000018"), "last_name": surname, "sex": "F"},
         {**record("b", other_first, nhs="9990000026"), "last_name": other_surname, "sex": "F"}]
    )  # fmt: skip
    clusters, refused = cluster(twins, [("a", "b", 12.0)], unique_systems=UNIQUE_SYSTEMS)
    assert clusters["a"] != clusters["b"]
    assert [why.rule for why in refused.values()] == [Rule.NHS_NUMBERS]
