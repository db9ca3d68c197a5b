"""One way to look people up in the candidate index: matching an arrival (linkage.candidates.find_candidates) and
finding a person (singleview.search) both ask candidate_query, so a date with day and month swapped or a mistyped
surname finds the same child either way."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.linkage.candidates import find_candidates
from frontdoor.people.models import SourceRecord
from frontdoor.singleview.search import Criteria, search_people

pytestmark = pytest.mark.django_db


def a_child_with_a_swappable_birth_date(surname_letters: int = 0) -> SourceRecord:
    """A linked child whose birth date is another real date with day and month swapped (the 3rd of July, say), and
    whose surname has at least so many letters (one word: a search's name is read as first and last words)."""
    for record in (
        SourceRecord.objects.filter(system="health", kind="child", person__isnull=False)
        .exclude(postcode="")
        .exclude(last_name="")
        .order_by("id")
    ):
        born = record.date_of_birth
        if surname_letters and " " in record.last_name:
            continue
        if born and born.day <= 12 and born.day != born.month and len(record.last_name) >= surname_letters:
            return record
    raise AssertionError("the county has no child born on a day that could be a month")


def swapped(born: date) -> date:
    return born.replace(month=born.day, day=born.month)


def mistyped(surname: str) -> str:
    return surname[:-1] + ("e" if surname[-1] != "e" else "a")


def test_an_arrival_with_day_and_month_swapped_finds_the_child(linked_county) -> None:
    record = a_child_with_a_swappable_birth_date()
    details = {"first_name": record.first_name, "last_name": record.last_name, "dob": swapped(record.date_of_birth)}
    found = find_candidates(details)
    assert found and found[0].person_id == record.person_id
    assert {e.comparison: e.level for e in found[0].score.evidence}["dob"] == "Day and month transposed"


def test_a_search_by_birth_date_alone_finds_the_child_either_way_round(linked_county) -> None:
    record = a_child_with_a_swappable_birth_date()
    for born in (record.date_of_birth, swapped(record.date_of_birth)):
        people = [result.person.pk for result in search_people(Criteria(date_of_birth=born))]
        assert record.person_id in people


def test_a_search_by_a_mistyped_surname_at_the_childs_postcode_finds_the_child(linked_county) -> None:
    # A long surname: its last letter mistyped is a typo of it, where in "Khan" ("Khae") it would be another name.
    record = a_child_with_a_swappable_birth_date(surname_letters=6)
    found = search_people(Criteria(name=mistyped(record.last_name), postcode=record.postcode.lower()))
    assert record.person_id in [result.person.pk for result in found]
    elsewhere = search_people(Criteria(name=mistyped(record.last_name), postcode="ZZ9 9ZZ"))
    assert record.person_id not in [result.person.pk for result in elsewhere]
