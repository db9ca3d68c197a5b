"""The phonetic key behind name search: names that sound alike share a key, names that do not, do not."""

from __future__ import annotations

import pytest

from frontdoor.people.phonetic import phonetic_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Smith", "Smyth"),
        ("Catherine", "Katherine"),
        ("Philippa", "Filippa"),
        ("Mohammed", "Muhammad"),
        ("Stephen", "Steven"),
        ("O'Brien", "OBRIEN"),
        ("Zoë", "Zoe"),
        ("Knight", "Night"),
        ("Ashcraft", "Ashcroft"),
    ],
)
def test_names_that_sound_alike_share_a_key(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(("a", "b"), [("Smith", "Jones"), ("Ruby", "Rachel"), ("Lee", "Leach")])
def test_names_that_do_not_sound_alike_differ(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


def test_the_key_is_soundex_shaped() -> None:
    assert phonetic_key("Robert") == "R163"
    assert phonetic_key("Tymczak") == "T522"
    assert phonetic_key("Pfister") == "P236"
    assert phonetic_key("Lee") == "L000"
    assert phonetic_key("") == "" and phonetic_key("-'") == ""
