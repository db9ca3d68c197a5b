"""Could two people be one? What in their records says otherwise, in words: the clustering's own rules applied to a
reviewer's merge. A merge the rules would refuse needs a second reviewer (linkage.review)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from frontdoor.people.birthdates import transposed_date
from frontdoor.people.models import Person, PersonKind, SourceRecord

DAYS_APART = 366  # dates of birth further apart than this, and not day and month swapped, are two people's


def _nhs_numbers(records: Iterable[SourceRecord]) -> set[str]:
    return {r.nhs_number for r in records if r.nhs_number}


def _births(person: Person, records: Iterable[SourceRecord]) -> set[date]:
    found = {r.date_of_birth for r in records if r.date_of_birth}
    return found | ({person.date_of_birth} if person.date_of_birth else set())


def _explained(a: date, b: date) -> bool:
    return abs((a - b).days) <= DAYS_APART or transposed_date(a) == b


def reasons_they_may_be_two(
    person: Person, records: list[SourceRecord], other: Person, other_records: list[SourceRecord]
) -> list[str]:
    """Each thing in the two people's records that one person's records would not hold; empty if none."""
    reasons = []
    ours, theirs = _nhs_numbers(records), _nhs_numbers(other_records)
    if ours and theirs and not ours & theirs:
        reasons.append("Their records hold different NHS numbers")
    births, other_births = _births(person, records), _births(other, other_records)
    if births and other_births and not any(_explained(a, b) for a in births for b in other_births):
        reasons.append("Their dates of birth are more than a year apart, and not day and month swapped")
    kinds = {person.kind, other.kind}
    if PersonKind.ADULT in kinds and (PersonKind.CHILD in kinds or PersonKind.UNBORN in kinds):
        reasons.append("One is an adult and the other a child")
    return reasons
