"""Names made comparable for the MACE network: one place, person, vehicle or phone however a record wrote it, and
two different ones kept apart."""

from __future__ import annotations

import pytest

from frontdoor.mace.entities import key_for, split_names


def test_free_text_is_split_a_line_a_semicolon_or_a_comma_and_but_an_address_keeps_its_commas() -> None:
    text = "A flat above the takeaway on Mill Street, and the retail park car park.\nFlat 3, 12 Mill Lane; Mill Lane"
    assert split_names(text) == [
        "A flat above the takeaway on Mill Street",
        "the retail park car park",
        "Flat 3, 12 Mill Lane",
        "Mill Lane",
    ]
    assert split_names("") == [] and split_names(" ; \n.") == []


@pytest.mark.parametrize(
    ("kind", "one", "other"),
    [
        ("place", "Flat above the takeaway, Mill Street", "A flat above the takeaway on Mill Street"),
        ("adult", "Dex (about 20) and two other men she did not name", "'Dex', about 20, slim, in a grey tracksuit"),
        ("adult", "DEX", "Dex"),
        ("vehicle", "EX12 KLM, silver Vauxhall Corsa", "silver corsa ex12klm"),
        ("phone", "+44 7700 900461", "07700 900461"),
    ],
)
def test_the_same_thing_written_two_ways_has_one_key(kind: str, one: str, other: str) -> None:
    assert key_for(kind, one) == key_for(kind, other) != ""


@pytest.mark.parametrize(
    ("kind", "one", "other"),
    [
        ("place", "12 Mill Street", "14 Mill Street"),
        ("adult", "Dex", "Marcus Kane"),
        ("vehicle", "EX12 KLM", "EX12 KLN"),
        ("phone", "07700 900461", "07700 900462"),
    ],
)
def test_different_things_keep_different_keys(kind: str, one: str, other: str) -> None:
    assert key_for(kind, one) != key_for(kind, other)


def test_a_phone_with_no_number_has_no_key_so_it_is_no_node() -> None:
    assert key_for("phone", "A second phone, number unknown") == ""
