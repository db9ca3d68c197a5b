"""What in two people's records says they may be two: the clustering's own rules, in words (no database)."""

from __future__ import annotations

from datetime import date

from frontdoor.linkage.merge_rules import reasons_they_may_be_two
from frontdoor.people.models import Person, PersonKind, SourceRecord


def child(born: date | None = date(2015, 3, 7)) -> Person:
    return Person(kind=PersonKind.CHILD, date_of_birth=born)


def record(nhs: str = "", born: date | None = None) -> SourceRecord:
    return SourceRecord(nhs_number=nhs, date_of_birth=born)


def test_records_that_could_be_one_persons_raise_nothing() -> None:
    assert reasons_they_may_be_two(child(), [record("9434765919")], child(), [record("9434765919")]) == []
    # Day and month swapped, or a few months out, is how one child's date is mistyped.
    assert reasons_they_may_be_two(child(), [], child(date(2015, 7, 3)), []) == []
    assert reasons_they_may_be_two(child(), [], child(date(2015, 11, 30)), []) == []


def test_two_nhs_numbers_are_two_people() -> None:
    said = reasons_they_may_be_two(child(), [record("9434765919")], child(), [record("9434765870")])
    assert said == ["Their records hold different NHS numbers"]


def test_dates_of_birth_years_apart_are_two_people() -> None:
    said = reasons_they_may_be_two(child(), [], child(date(2012, 1, 2)), [])
    assert said == ["Their dates of birth are more than a year apart, and not day and month swapped"]


def test_an_adult_and_a_child_are_two_people() -> None:
    adult = Person(kind=PersonKind.ADULT)
    assert reasons_they_may_be_two(adult, [], Person(kind=PersonKind.CHILD), []) == [
        "One is an adult and the other a child"
    ]
