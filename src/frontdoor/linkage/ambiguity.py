"""A record that fits two people who cannot be one (a twin recorded under the other twin's nickname): the questions
the batch run (clustering._ambiguous) and the worker (incremental._choose) both ask of it before it joins either, so
that they answer alike. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from frontdoor.linkage.alike import parts_alike, similar
from frontdoor.linkage.groups import Group, Refusal, Rule
from frontdoor.linkage.guards import aged_and_near

Key = TypeVar("Key", bound=Hashable)  # how the caller names the people a record is near


def held_in_full(record: tuple[str | None, str | None, str | None], others: Iterable[tuple]) -> bool:
    """Does another record of the record's own person bear its first name, middle name and date of birth, all three
    held (named_as's `in_full`)?"""
    return all(record) and any(tuple(other) == record for other in others)


def placed_by_address(postcode: str | None, own: Iterable[str | None], other: Iterable[str | None]) -> bool:
    """Does a record's postcode tell its own person from another: held by a record of its own, where the two people
    were never recorded at one address? Twins live together (though each system may hold them at another of their
    addresses), so a twin's nickname (Jaden for Jayden) leaves a record ambiguous; two children of one name and birth
    date at two addresses (namesakes, or one child registered again after a move) are told apart by where the record
    says the child lives. So are two women of one first name, the record's at the address where it was made and a
    namesake elsewhere under the record's surname (a police record of Lakshmi Solanki, aged 47, at the home of Lakshmi
    Joshi, born 1975, and a Lakshmi Solanki born 1976 across the county): a record so placed is near no other person,
    by weight or by name."""
    mine, theirs = {p for p in own if p}, {p for p in other if p}
    return bool(postcode) and postcode in mine and not (mine | {postcode}) & theirs


def fits_by_name(record: Group, group: Group, conflict: Callable[[Group, Group], bool]) -> bool:
    """Could this record (as a group of one) be the group's person by its first name on its date of birth? (Where
    its address places it with its own person, the callers ask nothing more: placed_by_address.)"""
    for dob, names in record.names_by_dob.items():
        others = group.names_by_dob.get(dob, {})
        if not any(similar(name, other) for name in names for other in others):
            continue
        # Read part by part, the names may still be two people's: Van Tuan Pham is not his twin Van Minh Pham,
        # though each first name box begins with Van.
        mine, theirs = record.parts_by_dob.get(dob, ()), group.parts_by_dob.get(dob, ())
        if mine and theirs and not any(parts_alike(a, b) for a in mine for b in theirs):
            continue
        return not conflict(record, group)
    return False


def fits_by_middle_name(record: Group, own: Group, twin: Group) -> bool:
    """Could this record, giving an age in place of a date of birth, be its own person's twin (born on a day its own
    person was) by its middle name: one the twin holds, on birth years that meet, under a first name alike to the
    record's? The police's Jaden Jacob Smith, aged 3, is his twin Jayden Jacob's by his middle name as much as
    Jaden's by his first name: twins share a household, and a system may record either under the other's name.
    Siblings a year or two apart share a family's middle name too; only a twin is asked."""
    if not record.middles_by_years or not own.dobs & twin.dobs:
        return False
    for low, high, middle in sorted(record.middles_by_years):
        for other_low, other_high, other in sorted(twin.middles_by_years):
            if middle == other and aged_and_near((low, high), (other_low, other_high)):
                return any(similar(a, b) for a in _first_names(record) for b in _first_names(twin))
    return False


def _first_names(group: Group) -> set[str]:
    return {held[2] for years in group.system_years.values() for held in years}


# Rules that tell two people apart by their names alone (not by an identifier, a system or a date of birth).
BY_NAME = frozenset({Rule.SYSTEM_NAMES, Rule.FIRST_NAMES, Rule.MIDDLE_NAMES})


def named_as(
    record: Group, own: Group, other: Group, why: Refusal, *, in_full: bool = False, first: str | None = None
) -> bool:
    """Is this record (as a group of one) its own group's by name rather than one that could be either person's?
    It is when, on its date of birth, it bears a first name another record of its own group has, and that name
    could not be the other person's (no name of theirs on that date is alike); or, where only names tell the two
    groups apart (`why`), when the other has no record under that name. A twin recorded under the other twin's
    nickname (Jaden for Jayden) stays ambiguous; the other records of a child split by a typo in one of theirs
    (Oliber for Oliver, Liv for Olivia in a second social care record) are not. `in_full`: another record of its
    own group bears both its first and its middle name on its date of birth, which settles it too.

    A record with neither a date of birth nor an age (`first`: its first name) is its own group's by name where
    another record of its own group bears that first name and no record of the other's bears one alike: the police's
    Wiktoria Kaminska, undated, at the home of Wiktoria Lewandowska and of her daughter Agnieszka Kaminska, is
    Wiktoria's, though her surname is her daughter's. Within a family the first name tells people apart."""
    undated = first and not record.dobs and not record.ages
    if undated and first in _first_names(own) and not any(similar(first, name) for name in _first_names(other)):
        return True
    for dob, names in record.names_by_dob.items():
        mine, theirs = own.names_by_dob.get(dob, {}), other.names_by_dob.get(dob, {})
        middles = record.middles_by_dob.get(dob)
        for name, count in names.items():
            if mine.get(name, 0) <= count or name in theirs:
                continue
            if why.rule in BY_NAME or not any(similar(name, other_name) for other_name in theirs):
                return True
            # Another of its own person's records bears its first and middle names both.
            if middles and in_full:
                return True
    return False


def told_apart(
    record: Group,
    own: Group,
    near: Iterable[tuple[Key, Group]],
    refusal: Callable[[Group, Group], Refusal | None],
    *,
    in_full: bool,
    first: str | None = None,
) -> list[tuple[Key, Refusal]]:
    """Of the people a record is near (by key), each its own person cannot be one with, with why, where the record is
    not its own person's by name (named_as; `first`, the record's first name, for a record without a date of birth or
    an age): the record fits both, and so stays on its own."""
    found = []
    for key, other in near:
        why = refusal(own, other)
        if why is not None and not named_as(record, own, other, why, in_full=in_full, first=first):
            found.append((key, why))
    return found
