"""Names in each other's boxes read the right way round by where the file holds them (boxes.py), and two ways twins'
names looked alike to the twin guard: a short form one letter from the twin's name (Bella and Ella), and a middle
name recorded in the first-name box (Van James beside Van with the middle name Oscar)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from frontdoor.linkage import alike, boxes, guards
from frontdoor.linkage.alike import corrections, known_apart, mistyped, parts_alike
from frontdoor.linkage.clustering import cluster
from frontdoor.linkage.names import name_keys, name_parts, normalise_name
from frontdoor.linkage.preparation import prepare
from frontdoor.linkage.untangled import plain_components

GIVEN = ["Jasmine", "Grace", "Mei", "Emily", "Amelia", "Oliver"]
FAMILY = ["Zhang", "Wang", "Liu", "Chen", "Brown", "Hughes"]


def _file(*extra: dict[str, Any]) -> list[dict[str, Any]]:
    """Thirty-six people written given name first, so that the file says which box each name belongs in."""
    people = [
        {"unique_id": f"p{n}", "source": "health", "first_name": given, "last_name": family,
         "dob": f"19{80 + n % 20}-0{1 + n % 9}-1{n % 10}", "sex": "f"}
        for n, (given, family) in enumerate((g, f) for g in GIVEN for f in FAMILY)
    ]  # fmt: skip
    return [*people, *extra]


def _row(table, uid: str) -> dict[str, Any]:
    return next(row for row in table.to_pylist() if row["unique_id"] == uid)


def test_a_family_name_in_the_first_name_box_is_read_the_right_way_round() -> None:
    table = prepare(_file({"unique_id": "x", "source": "police", "first_name": "Zhang", "last_name": "Mei"}))
    assert boxes.crossed(table).sum() == 1
    swapped = _row(boxes.in_given_order(table), "x")
    assert (swapped["first_name"], swapped["last_name"]) == ("mei", "zhang")
    assert swapped["first_name_keys"] == name_keys("mei")
    assert (swapped["first_name_spelling"], swapped["last_name_spelling"]) == (
        _row(table, "x")["last_name_spelling"],
        _row(table, "x")["first_name_spelling"],
    )
    assert _row(boxes.in_given_order(table), "p0") == _row(table, "p0")  # the others as they were


@pytest.mark.parametrize(
    ("first", "last"),
    [
        ("Mei", "Zhang"),  # already the right way round
        ("Zhang", "Zhao"),  # a surname the file does not hold as a given name
        ("Zhang", "Xiaoling"),  # a name the file holds too few times to say which box it belongs in
    ],
)
def test_a_record_is_swapped_only_where_the_file_says_both_names_are_in_the_other_box(first: str, last: str) -> None:
    table = prepare(_file({"unique_id": "x", "source": "police", "first_name": first, "last_name": last}))
    assert not boxes.crossed(table)[-1]


def test_a_name_held_in_both_boxes_says_nothing_of_which_way_round_a_record_is() -> None:
    # Taylor is a given name and a surname: held in each box, neither twice as often as in the other.
    records = _file(
        *(
            {"unique_id": f"t{n}", "source": "csc", "first_name": "Taylor", "last_name": f"Surname{n}"}
            for n in range(6)
        ),
        *({"unique_id": f"u{n}", "source": "csc", "first_name": "Ruth", "last_name": "Taylor"} for n in range(6)),
        {"unique_id": "x", "source": "police", "first_name": "Taylor", "last_name": "Grace"},
    )
    assert not boxes.crossed(prepare(records)).any()


def test_one_woman_under_two_surnames_one_written_family_name_first_is_one_woman_to_the_twin_guard() -> None:
    # Health writes Liu Mei family name first; the police hold her as Mei Zhou, her married name. Read the right way
    # round, they share their given name; read as written, Liu and Mei were two first names on one date of birth.
    woman = {"dob": "1985-01-19", "sex": "f", "postcode": "es1 2ab"}
    records = _file(
        {"unique_id": "h", "source": "health", "first_name": "Liu", "last_name": "Mei", "nhs_number": "9990000018",
         **woman},
        {"unique_id": "p", "source": "police", "first_name": "Mei", "last_name": "Zhou", **woman},
    )  # fmt: skip
    table = prepare(records)
    clusters, refused = cluster(table, [("h", "p", 12.0)])
    assert clusters["h"] != clusters["p"] and [w.rule for w in refused.values()] == [guards.Rule.FIRST_NAMES]
    clusters, refused = cluster(boxes.in_given_order(table), [("h", "p", 12.0)])
    assert clusters["h"] == clusters["p"] and not refused


def test_twins_written_family_name_first_are_told_apart_by_their_given_names() -> None:
    # Read as written, both twins' first name is Liu; read the right way round, Grace and Mei.
    child = {"dob": "2016-06-12", "sex": "f", "postcode": "es1 2ab"}
    records = _file(
        {"unique_id": "a", "source": "police", "first_name": "Liu", "last_name": "Grace", **child},
        {"unique_id": "b", "source": "csc", "first_name": "Liu", "last_name": "Mei", **child},
    )
    clusters, _refused = cluster(boxes.in_given_order(prepare(records)), [("a", "b", 12.0)])
    assert clusters["a"] != clusters["b"]


def test_a_short_form_of_another_name_is_no_typo() -> None:
    counts = {"ella": 461, "bella": 13, "isabella": 490, "freddie": 90, "freddiie": 3}
    assert known_apart("bella", "ella")  # Isabella's short form, one letter from Ella
    assert not known_apart("freddiie", "freddie")  # a name the table does not know
    assert not known_apart("freddy", "freddie")  # two forms of one name
    assert not mistyped("bella", "ella", counts)
    assert "ella" not in corrections("bella", counts)
    assert mistyped("freddiie", "freddie", counts)


def test_twins_named_bella_and_ella_registered_under_two_nhs_numbers_stay_apart(monkeypatch) -> None:
    # Ella is held by many, Bella by few: Bella was once taken for Ella mistyped, and the twins for one child
    # registered twice under two NHS numbers (ADR 0010).
    monkeypatch.setattr(alike, "TYPOS_NEED_PEOPLE", 5)
    twin = {"last_name": "O'Connor", "dob": "2017-10-18", "sex": "f", "postcode": "es1 2ab", "source": "health"}
    others = [{"unique_id": f"o{n}", "source": "health", "first_name": "Ella", "last_name": f"Other{n}",
               "dob": f"2016-01-{n % 28 + 1:02d}"} for n in range(25)]  # fmt: skip
    records = [
        {"unique_id": "bella", "first_name": "Bella", "nhs_number": "9990000018", **twin},
        {"unique_id": "ella", "first_name": "Ella", "nhs_number": "9990000026", **twin},
    ]
    table = prepare([*records, *others])
    clusters, _refused = cluster(table, [("bella", "ella", 20.0)], duplicate_weight=10.0)
    assert clusters["bella"] != clusters["ella"]


def _one(uid: str, source: str, first: str, middle: str | None, last: str = "Do") -> guards.Group:
    parts = name_parts(first, middle, last)
    return guards.single(uid, source, normalise_name(first), middle and normalise_name(middle), "2017-10-05", None,
                         None, parts, last=normalise_name(last))  # fmt: skip


def test_a_middle_name_in_the_first_name_box_tells_twins_apart() -> None:
    # Health holds the twins as Van with the middle names Oscar and James; the school as Van Oscar and Van James.
    why = guards.refusal(_one("h", "health", "Văn", "Oscar"), _one("e", "education", "Van James", None), frozenset())
    assert why is not None and why.rule is guards.Rule.MIDDLE_NAMES and why.values == ("james", "oscar")
    assert (
        guards.refusal(_one("h", "health", "Văn", "Oscar"), _one("e", "education", "Van Oscar", None), frozenset())
        is None
    )


@pytest.mark.parametrize(
    ("first", "middle", "other"),
    [
        ("Muhammad", "Abdul Ali", "Muhammad Ali"),  # a part of the middle names left out
        ("Thi", "Lan", "Thi Lan"),  # the given name in one box or two
        ("Mary", None, "Mary Jane"),  # no middle name to weigh
    ],
)
def test_a_first_name_of_two_words_is_one_name_with_the_same_names_in_two_boxes(first, middle, other) -> None:
    assert guards.refusal(_one("a", "health", first, middle), _one("b", "education", other, None), frozenset()) is None


def test_a_component_holding_a_first_name_and_the_same_with_a_word_more_beside_a_middle_name_is_not_plain() -> None:
    twins = {"last_name": "Do", "dob": "2017-10-05", "sex": "m", "postcode": "es1 2ab"}
    table = prepare(
        [{"unique_id": "h", "source": "health", "first_name": "Van", "middle_names": "Oscar", **twins},
         {"unique_id": "e", "source": "education", "first_name": "Van James", **twins}]
    )  # fmt: skip
    label = np.array([0, 0])
    assert not plain_components(table, label, frozenset({"health", "education"}), [])[0]
    clusters, refused = cluster(table, [("h", "e", 20.0)], unique_systems=frozenset({"health", "education"}))
    assert clusters["h"] != clusters["e"] and [w.rule for w in refused.values()] == [guards.Rule.MIDDLE_NAMES]


def test_a_name_with_its_first_part_left_out_is_one_name_part_by_part() -> None:
    # name_parts holds each multi-word name whole beside its words: abdulrahman, muhammadabdulrahman. Set aside,
    # every word of Abdul Rahman Hussain is one of Muhammad Abdul Rahman Hussain's.
    full = frozenset(name_parts("Muhammad Abdul Rahman", None, "Hussain"))
    known_by = frozenset(name_parts("Abdul Rahman", None, "Hussain"))
    assert parts_alike(full, known_by)
    assert not parts_alike(full, frozenset(name_parts("Abdul Karim", None, "Hussain")))  # his twin
