"""Candidates by sound (`linkage.candidates.candidate_query`): a first name that lost its last letter, with the
surname spelt another way, is still found by the first name's first letters beside the surname's phonetic key,
within a year of a date of birth given, else at the address given (each narrowed by an index first: as one term it
read every record of a common surname's sound)."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.linkage.candidates import candidate_query
from frontdoor.people.models import SourceRecord
from frontdoor.people.phonetic import phonetic_key
from support.factories import SourceRecordFactory

pytestmark = pytest.mark.django_db

BORN = date(2016, 3, 9)


def grace() -> SourceRecord:
    return SourceRecordFactory(
        first_name="Grace",
        last_name="Smyth",
        date_of_birth=BORN,
        postcode="ES4 1AA",
        first_name_key=phonetic_key("Grace"),
        last_name_key=phonetic_key("Smyth"),
    )


def found(**details) -> bool:
    record = grace()
    return SourceRecord.objects.filter(candidate_query(details), pk=record.pk).exists()


def test_a_first_name_short_of_its_last_letter_is_found_by_its_first_letters_and_the_surnames_sound() -> None:
    assert phonetic_key("Grac") != phonetic_key("Grace")
    assert found(first_name="Grac", last_name="Smith")
    assert found(first_name="Grac", last_name="Smith", postcode="ES4 1AA")  # at the address


def test_with_a_date_of_birth_it_is_found_within_a_year_of_it_and_not_beyond() -> None:
    assert found(first_name="Grac", last_name="Smith", dob=BORN)
    assert found(first_name="Grac", last_name="Smith", dob=BORN.replace(year=2017, day=10))
    assert not found(first_name="Grac", last_name="Smith", dob=BORN.replace(year=2019))
