"""Pseudonyms for the analyst exports: a keyed hash, the same for the same thing under the same key, different under
another key or for another kind of thing, and not the plain hash anyone could compute; dates of birth kept to their
month; ages in bands; contacts' sources in the CIN census's codes."""

from __future__ import annotations

import hashlib
from datetime import date

from frontdoor.reports import codes
from frontdoor.reports.pseudonyms import LENGTH, age_band, month_of, pseudonym

KEY = "a-project-key-of-some-length-0123456789"


def test_the_same_thing_has_the_same_pseudonym_under_the_same_key() -> None:
    assert pseudonym(KEY, "person", 42) == pseudonym(KEY, "person", 42)
    assert len(pseudonym(KEY, "person", 42)) == LENGTH


def test_another_key_another_kind_or_another_thing_gives_another_pseudonym() -> None:
    one = pseudonym(KEY, "person", 42)
    assert pseudonym(KEY + "x", "person", 42) != one
    assert pseudonym(KEY, "nhs_number", 42) != one
    assert pseudonym(KEY, "person", 43) != one


def test_it_is_not_a_hash_anyone_could_compute_without_the_key() -> None:
    made = pseudonym(KEY, "nhs_number", "9434765919")
    for plain in ("9434765919", "nhs_number:9434765919"):
        assert not hashlib.sha256(plain.encode()).hexdigest().startswith(made)
    assert "9434765919" not in made


def test_dates_of_birth_keep_their_month_and_ages_fall_in_bands() -> None:
    assert month_of(date(2015, 5, 17)) == "2015-05" and month_of(None) == ""
    on = date(2026, 3, 31)
    assert age_band(date(2025, 6, 1), on) == "Under 1"
    assert age_band(date(2022, 3, 31), on) == "1 to 4"  # 4 today
    assert age_band(date(2016, 4, 1), on) == "5 to 9"  # 9 until tomorrow
    assert age_band(date(2010, 3, 31), on) == "16 to 17"
    assert age_band(date(2008, 3, 31), on) == "18 and over"
    assert age_band(date(2026, 6, 1), on) == "Unborn" and age_band(None, on) == ""


def test_contacts_sources_are_the_cin_census_codes_of_the_agencys_kind() -> None:
    assert codes.source_code("school") == "2A" and codes.source_words("2A") == "Schools"
    assert codes.source_code("police") == "6" and codes.source_code("gp") == "3A"
    assert codes.source_code(None) == "10" and codes.source_code("no such kind") == "10"
