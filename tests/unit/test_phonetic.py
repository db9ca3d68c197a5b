"""The phonetic key behind name search and the linkage's sounds-alike level (Double Metaphone): names that sound
alike share a key, names that do not, do not, whatever their origin."""

from __future__ import annotations

import pytest

from frontdoor.people.phonetic import fold, phonetic_key, phonetic_keys, sounds_alike


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Smith", "Smyth"),
        ("Catherine", "Katherine"),
        ("Philippa", "Filippa"),
        ("Mohammed", "Muhammad"),
        ("Mohamed", "Mohammad"),
        ("Stephen", "Steven"),
        ("O'Brien", "OBRIEN"),
        ("Zoë", "Zoe"),
        ("Knight", "Night"),
        ("Wójcik", "Wojcik"),
        ("Łukasz", "Lukasz"),
        ("Nguyễn", "Nguyen"),
        ("Zofia", "Sofia"),
        ("Alsayed", "El Sayed"),
        ("Kowalski", "Kowalska"),
    ],
)
def test_names_that_sound_alike_share_a_key(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)
    assert sounds_alike(a, b)


@pytest.mark.parametrize(("a", "b"), [("Smith", "Jones"), ("Ruby", "Rachel"), ("Lee", "Leach"), ("Khan", "Kaur")])
def test_names_that_do_not_sound_alike_differ(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)
    assert not sounds_alike(a, b)


def test_the_alternate_key_catches_a_second_reading() -> None:
    # Wojcik is read with a W as in English or a V as in Polish: both keys are kept.
    assert phonetic_keys("Wojcik") == ["AJSK", "FJSK"]
    assert sounds_alike("Smith", "Schmidt")  # SM0/XMT and XMT


def test_the_key_is_double_metaphone_shaped() -> None:
    assert phonetic_key("Robert") == "RPRT"
    assert phonetic_key("Schwarzenegger") == "XRSN"  # at most four letters, as stored
    assert phonetic_key("") == "" and phonetic_key("-'") == "" and phonetic_keys("李") == []


def test_fold_drops_diacritics_as_systems_do() -> None:
    assert fold("Wójcik") == "wojcik"
    assert fold("Łukasz Đặng Ayd\u0131n Øster Straße") == "lukasz dang aydin oster strasse"
