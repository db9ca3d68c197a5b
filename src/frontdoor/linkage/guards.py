"""The twin guard: could two groups of records be one person? Pure: no Django.

Twins share surname, date of birth and address, so only names and identifiers tell them apart, and a wrong merge is
worse than a missed one. Two groups cannot be one person when joining them would put into one person two different
NHS numbers, two records of a system that holds each person once, dates of birth that no typo or transposition
explains, or two clearly different first (or middle) names on one date of birth; or when one system would hold two
records on one date of birth under different first names. Batch clustering (clustering.py) and the incremental
linker (incremental.py) both ask `conflict`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cache

from frontdoor.linkage.names import name_keys
from frontdoor.people.birthdates import transposed


@cache  # the same few thousand names meet again and again
def similar(a: str, b: str) -> bool:
    """Could these first names be the same person's? Equal, nickname, prefix, or a typo apart."""
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    if set(name_keys(a)) & set(name_keys(b)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def unordered(dob: str) -> str:
    """A date of birth with day and month in a fixed order, so that a transposed date keys with the true one."""
    return min(dob, transposed(dob))


@cache
def same_birth(a: str, b: str) -> bool:
    """Could these dates of birth be one person's? Equal, day and month transposed, one keystroke apart, or one part
    of the date a digit out (the 9th for the 10th, 2019 for 2018: two characters, one slip)."""
    if a == b or a == transposed(b):
        return True
    if len(a) != len(b):
        return False
    parts = [(x, y) for x, y in zip(a.split("-"), b.split("-"), strict=False) if x != y]
    if len(parts) == 1 and parts[0][0].isdigit() and parts[0][1].isdigit():
        return abs(int(parts[0][0]) - int(parts[0][1])) in (1, 10) or _one_slip(a, b)
    return _one_slip(a, b)


def _one_slip(a: str, b: str) -> bool:
    """One character changed, or two neighbours swapped."""
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    if len(differ) == 1:
        return True
    i, j = differ[0], differ[-1]
    return len(differ) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]


@dataclass
class Group:
    """Records clustered so far as one person, with what the guard checks about them."""

    members: list[str]
    nhs: set[str]
    systems: set[str]
    names_by_dob: dict[str, dict[str, int]]  # first names seen on each date of birth, with how many records
    middles_by_dob: dict[str, set[str]]
    dobs: set[str] = field(default_factory=set)
    # (system, birth date with day and month unordered) -> first names: one system holding two records on one
    # birth date under different first names has met two people (twins, most often); its duplicates repeat the name.
    system_names: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def absorb(self, other: Group) -> None:
        """Take in another group's records (it is one person with this one now)."""
        self.members.extend(other.members)
        self.nhs |= other.nhs
        self.systems |= other.systems
        self.dobs |= other.dobs
        for key, held in other.system_names.items():
            self.system_names.setdefault(key, set()).update(held)
        for dob, names in other.names_by_dob.items():
            seen = self.names_by_dob.setdefault(dob, {})
            for name, count in names.items():
                seen[name] = seen.get(name, 0) + count
        for dob, middles in other.middles_by_dob.items():
            self.middles_by_dob.setdefault(dob, set()).update(middles)


def conflict(a: Group, b: Group, unique_systems: frozenset[str], name_support: int = 1) -> bool:
    """Would joining these two groups put two people into one? (See the module's docstring.)"""
    if a.nhs and b.nhs:
        return a.nhs != b.nhs  # one NHS number each, and the same one: the same person whatever the names say
    if a.systems & b.systems & unique_systems:
        return True
    if a.system_names and b.system_names:
        for key, held in a.system_names.items():
            if key in b.system_names and b.system_names[key] != held:
                return True
    small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
    # Records without a date of birth must not chain people born years apart (parent and child, namesakes); each
    # date must be explained by one already there (a typo of it, or it transposed).
    if large.dobs and not all(any(same_birth(x, y) for y in large.dobs) for x in small.dobs):
        return True
    for dob, names in small.names_by_dob.items():
        others = large.names_by_dob.get(dob)
        if not others:
            continue
        for name, count in names.items():
            if any(similar(name, other) for other in others):
                continue
            # Known by a middle name: one system's first name is another's middle name.
            if name in large.middles_by_dob.get(dob, ()) or any(o in small.middles_by_dob.get(dob, ()) for o in others):
                continue
            if min(count, max(others.values())) >= name_support:
                return True
    # Two middle names on one date of birth that no typo or nickname explains: twins with alike first names
    # (Jayden and Jaden) are told apart by their middle names where the systems record them.
    for dob, middles in small.middles_by_dob.items():
        others_middle = large.middles_by_dob.get(dob)
        if others_middle and not any(similar(m, o) for m in middles for o in others_middle):
            return True
    return False


def single(uid: str, source: str, first: str | None, middle: str | None, dob: str | None, nhs: str | None) -> Group:
    """One record (prepared as preparation.prepare does) as a group of its own."""
    return Group(
        members=[uid],
        nhs={nhs} if nhs else set(),
        systems={source},
        names_by_dob={dob: {first: 1}} if dob and first else {},
        middles_by_dob={dob: {middle}} if dob and middle else {},
        dobs={dob} if dob else set(),
        system_names={(source, unordered(dob)): {first}} if dob and first else {},
    )


def fits_by_name(record: Group, group: Group, conflict: Callable[[Group, Group], bool]) -> bool:
    """Could this record (as a group of one) be the group's person by its first name on its date of birth?"""
    for dob, names in record.names_by_dob.items():
        others = group.names_by_dob.get(dob, {})
        if any(similar(name, other) for name in names for other in others):
            return not conflict(record, group)
    return False
