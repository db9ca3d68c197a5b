"""Candidates by sound (`linkage.candidates.candidate_query`): a first name that lost its last letter, with the
surname spelt another way, is still found by the first name's first letters beside the surname's phonetic key,
within a year of a date of birth given, else at the address given (each narrowed by an index first: as one term it
read every record of a common surname's sound)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import Q

from frontdoor.linkage.candidates import _fetched, candidate_query, candidate_terms, slips
from frontdoor.people.models import SourceRecord
from frontdoor.people.phonetic import phonetic_key
from support.factories import SourceRecordFactory

pytestmark = pytest.mark.django_db

BORN = date(2016, 3, 9)


def grace(first_name: str = "Grace", last_name: str = "Smyth", **fields) -> SourceRecord:
    fields = {"date_of_birth": BORN, "postcode": "ES4 1AA"} | fields
    return SourceRecordFactory(
        first_name=first_name,
        last_name=last_name,
        first_name_key=phonetic_key(first_name),
        last_name_key=phonetic_key(last_name),
        **fields,
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


def test_the_first_letters_are_read_in_each_common_casing_as_the_source_system_stored_them() -> None:
    for stored in ("GRACE", "grace"):
        record = grace(stored)
        details = {"first_name": "Grac", "last_name": "Smith", "dob": BORN}
        assert SourceRecord.objects.filter(candidate_query(details), pk=record.pk).exists()


ARRIVALS = [
    {"first_name": "Grac", "last_name": "Smith", "dob": BORN},
    {"first_name": "Grac", "last_name": "Smith", "postcode": "es4 1aa"},
    {"first_name": "Grac", "last_name": "Smith"},
    {"first_name": "Smyth", "last_name": "Grace"},
    {"first_name": "Grace", "last_name": "Smith", "dob": BORN.replace(day=3, month=9), "nhs_number": "9990000018"},
    {"last_name": "Smyth", "dob": BORN},
    {"dob": BORN},
    {"postcode": "ES4 1AA"},
]


@pytest.mark.parametrize("details", ARRIVALS)
def test_find_candidates_reads_the_records_candidate_query_finds(details) -> None:
    # find_candidates writes candidate_query's terms as SQL of its own (the ORM's building of them cost more than
    # the query): the two must find the same records, on SQLite and on PostgreSQL.
    near = [grace(), grace("Gracie", "Smith", date_of_birth=None, postcode="")]
    grace("Zofia", "Nowak", date_of_birth=date(1990, 1, 1), postcode="ES9 9ZZ")
    wanted = set(SourceRecord.objects.filter(candidate_query(details)).values_list("id", flat=True))
    assert wanted & {record.pk for record in near}
    rows = _fetched(candidate_terms(details))
    assert {row["id"] for row in rows} == wanted
    assert all(row["date_of_birth"] is None or isinstance(row["date_of_birth"], date) for row in rows)


def test_a_crowded_name_is_read_near_the_date_only_on_the_dates_a_slip_would_give() -> None:
    # A name so common that a year either side of a date holds many records of it (find_candidates asks the run's
    # term frequencies): a digit mistyped or the year one out still finds the record, a date two slips away does not.
    record = grace()
    details = {"first_name": "Grac", "last_name": "Smith"}

    def found(dob: date) -> bool:
        query = Q(pk__in=[])
        for term in candidate_terms(details | {"dob": dob}, crowded=True):
            query |= Q(**term)
        return SourceRecord.objects.filter(query, pk=record.pk).exists()

    assert found(BORN.replace(day=8)) and found(BORN.replace(year=2017)) and found(BORN.replace(day=29))
    assert not found(BORN.replace(year=2017, day=10))
    uncrowded = candidate_query(details | {"dob": BORN.replace(year=2017, day=10)})
    assert SourceRecord.objects.filter(uncrowded, pk=record.pk).exists()


def test_the_slips_of_a_date_are_a_digit_another_a_swap_or_the_year_either_side() -> None:
    near = slips(date(2015, 8, 20))
    for slip in ("2015-08-21", "2015-08-02", "2015-03-20", "2016-08-20", "2014-08-20", "2015-08-20"):
        assert date.fromisoformat(slip) in near
    assert date(2016, 8, 21) not in near
    assert all(isinstance(day, date) for day in slips(date(2020, 2, 29)))  # 2019-02-29 is no date, and is left out
