"""The twin guard: could two groups of records be one person? Pure: no Django.

Twins share surname, date of birth and address, so only names and identifiers tell them apart, and a wrong merge is
worse than a missed one. Two groups cannot be one person when joining them would put into one person two different
NHS numbers (unless a record holding each agrees with the other exactly on first name, surname, date of birth, sex
and postcode: one person registered twice, ADR 0010), two records of a system that holds each person once, dates of
birth that no typo or transposition explains (or an age given in place of one that puts the birth years apart: a
parent and a child of one name), a baby not yet born (no first name, date or age) and someone born already, or two
clearly different first (or middle) names on one date of birth; or when one system would hold two records on one date
of birth under different first names. Batch clustering (clustering.py) and the incremental linker (incremental.py)
both ask `conflict`; both ask `weighed` of an edge, under which two records of a system that holds each person once
may yet be one person (its own duplicate) on a strong enough match, the other rules standing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from frontdoor.linkage.alike import (
    NO_COUNTS,
    corrections,
    letters_swapped,
    mistyped,
    one_name_in_parts,
    one_surname,
    parts_alike,
    same_birth,
    short_form,
    similar,
    split_first,
    unordered,
)
from frontdoor.linkage.groups import Group, Refusal, Registration, Rule
from frontdoor.linkage.spellings import same_spelling

__all__ = ["Group", "Refusal", "Registration", "Rule"]  # where the guard's callers have always found them


def registered_twice(a: Group, b: Group, name_counts: Mapping[str, int] = NO_COUNTS) -> Refusal | None:
    """Are these two groups one person registered twice under two NHS numbers (ADR 0010)? They are when a record
    holding a number of one and a record holding a number of the other (each new to the other group) agree exactly on
    first name, surname, date of birth, sex and postcode, each present on both (the two names either way round: family
    name first in one), or on all of them but one name: a first name or surname mistyped or misread (alike.mistyped:
    a name few hold, close to one many hold, by name_counts), or a surname kept in part (Taylor for Taylor-Smith), as
    a Sikh's Singh or Kaur, in a woman's form (Jankauskiene for Jankauskas) or spelt another way (Chowdhury). No
    twin (different first names), namesake (another address or birth date) or sibling explains that. The note
    (Rule.REGISTERED_TWICE, the two numbers, the system where both records are one system's) if so, else None."""
    pair = _registrations(a, b, name_counts)
    if pair is None:
        return None
    mine, other = pair
    return Refusal(
        Rule.REGISTERED_TWICE, tuple(sorted((mine[0], other[0]))), system=mine[1] if mine[1] == other[1] else ""
    )


def _registrations(
    a: Group, b: Group, name_counts: Mapping[str, int] = NO_COUNTS
) -> tuple[Registration, Registration] | None:
    """The first (in order) record of each group that shows one person registered twice (registered_twice)."""
    if not a.registrations or not b.registrations:
        return None
    theirs: dict[tuple[str, ...], list[Registration]] = {}
    for held in b.registrations:
        theirs.setdefault(held[2:], []).append(held)
    for mine in sorted(a.registrations):
        first, last, *rest = mine[2:]
        # The same names, or the same two names the other way round (family name first: Liu Jianguo, Jianguo Liu).
        for other in sorted([*theirs.get(mine[2:], ()), *theirs.get((last, first, *rest), ())]):
            if mine[0] not in b.nhs and other[0] not in a.nhs:
                return mine, other
    for mine in sorted(a.registrations):
        for other in sorted(b.registrations):
            if mine[0] in b.nhs or other[0] in a.nhs:
                continue
            if _but_a_typo(mine[2:], other[2:], name_counts) or _in_parts(mine, other, a, b, name_counts):
                return mine, other
    return None


def _in_parts(mine: Registration, other: Registration, a: Group, b: Group, name_counts: Mapping[str, int]) -> bool:
    """Date of birth, sex and postcode the same, and the two groups' names on that date one name in parts: another
    order, or a part left out (Thi Scarlett Hoang and Scarlett Hoang; Do Linh and Linh Do), as one system's two
    records may be (alike.one_name_in_parts)."""
    if mine[4:] != other[4:]:
        return False
    dob = mine[4]
    return any(
        one_name_in_parts({here, there}, name_counts)
        for here in a.parts_by_dob.get(dob, ())
        for there in b.parts_by_dob.get(dob, ())
    )


def _but_a_typo(mine: tuple[str, ...], other: tuple[str, ...], name_counts: Mapping[str, int]) -> bool:
    """First name, surname, date of birth, sex and postcode the same but one name: a first name mistyped
    (alike.mistyped), or a surname mistyped or recorded another way (alike.one_surname)."""
    differ = [i for i in range(len(mine)) if mine[i] != other[i]]
    if len(differ) != 1 or differ[0] not in (0, 1):
        return False
    x, y = mine[differ[0]], other[differ[0]]
    # A surname spelt two ways (Chaudhry, Chowdhury) is one family's; a first name spelt two ways is not one child's
    # under two NHS numbers: twins are named Aisha and Ayesha.
    return mistyped(x, y, name_counts) or (differ[0] == 1 and (one_surname(x, y) or same_spelling(x, y)))


def conflict(a: Group, b: Group, unique_systems: frozenset[str], name_support: int = 1) -> bool:
    """Would joining these two groups put two people into one? (See the module's docstring.)"""
    return refusal(a, b, unique_systems, name_support) is not None


def weighed(
    a: Group,
    b: Group,
    unique_systems: frozenset[str],
    weight: float,
    duplicate_weight: float,
    name_support: int = 1,
    name_counts: Mapping[str, int] = NO_COUNTS,
) -> Refusal | None:
    """As refusal, but with a system's own duplicate weighed, not forbidden: a system that holds each person once
    still holds some twice (registered again; a temporary NHS number, then a permanent one), so two of its records
    may be one person on a match weight at or above duplicate_weight. The other rules keep their force."""
    why = refusal(a, b, unique_systems, name_support, name_counts)
    if why is not None and why.rule is Rule.ONE_RECORD_SYSTEM and weight >= duplicate_weight:
        return refusal(a, b, frozenset(), name_support, name_counts)
    return why


def refusal(
    a: Group,
    b: Group,
    unique_systems: frozenset[str],
    name_support: int = 1,
    name_counts: Mapping[str, int] = NO_COUNTS,
) -> Refusal | None:
    """The rule (with the values behind it) that says these two groups cannot be one person, or None if they could
    be. The rules are asked in the order of the module's docstring; the first that refuses is the answer. name_counts:
    how many people hold each name (alike.count_names), so that a rare name close to a common one is taken for it
    mistyped."""
    if a.nhs and b.nhs:
        if a.nhs <= b.nhs or b.nhs <= a.nhs:
            # One NHS number each, and the same one (or one person's two, registered twice): the same person
            # whatever the names say.
            return None
        twice = _registrations(a, b, name_counts)
        if twice is None:
            mine, theirs = (a.nhs, b.nhs) if b.nhs - a.nhs else (b.nhs, a.nhs)
            return Refusal(Rule.NHS_NUMBERS, (min(mine), min(theirs - mine)))
        # One person registered twice: the systems that hold the two registrations hold them twice (whatever the
        # match weight: the rule decides, as a shared NHS number does), and the other rules stand.
        unique_systems = unique_systems - {held[1] for held in twice}
    shared = a.systems & b.systems & unique_systems
    if shared:
        return Refusal(Rule.ONE_RECORD_SYSTEM, system=min(shared))
    small, large = (a, b) if len(a.members) <= len(b.members) else (b, a)
    # Records without a date of birth must not chain people born years apart (parent and child, namesakes); each
    # date must be explained by one already there (a typo of it, or it transposed).
    if large.dobs:
        for x in sorted(small.dobs):
            if not any(same_birth(x, y) for y in large.dobs):
                return Refusal(Rule.BIRTH_DATES, (x, min(large.dobs)))
    apart = _years_apart(small, large)
    if apart is not None:
        return Refusal(Rule.BIRTH_DATES, apart)
    if not a.upns.isdisjoint(b.upns):
        return None  # one pupil's records (no two children share a UPN): what the names say is a mistake
    for nameless, other in ((a, b), (b, a)):
        if nameless.nameless and other.dobs:
            # Only an identifier (above) says a baby not yet born is someone born already.
            return Refusal(Rule.BIRTH_DATES, ("", min(other.dobs)))
    if a.system_names and b.system_names:
        for key, held in sorted(a.system_names.items()):
            held_there = b.system_names.get(key)
            middles = _middles_on(key[1], a, b)
            if held_there is None or held_there == held or _one_name(held | held_there, middles, name_counts):
                continue
            parts_here, parts_there = a.system_parts.get(key), b.system_parts.get(key)
            if parts_here and parts_there and one_name_in_parts(parts_here | parts_there, name_counts):
                continue  # one name in another order, or with a part left out
            new = held_there - held
            pair = (min(held), min(new)) if new else (min(held - held_there), min(held_there))
            return Refusal(Rule.SYSTEM_NAMES, pair, system=key[0], dob=_dob_of(key[1], a, b))
    aged = _aged_system_names(a, b, name_counts)
    if aged is not None:
        return aged
    for dob, names_on in sorted(small.names_by_dob.items()):
        others = large.names_by_dob.get(dob)
        if not others:
            continue

        # A group holds two unalike first names on one date only where people confirmed them as one person's (a
        # typo: Zaro for Zara) or one is a middle name: if one of its names is the other group's, so are the rest.
        if any(_named_alike(name, others, dob, small, large, name_counts) for name in names_on):
            continue
        for name, count in sorted(names_on.items()):
            if min(count, max(others.values())) >= name_support:
                return Refusal(Rule.FIRST_NAMES, (name, max(sorted(others), key=others.__getitem__)), dob=dob)
    # Two middle names on one date of birth that no typo or nickname explains: twins with alike first names
    # (Jayden and Jaden) are told apart by their middle names where the systems record them.
    for dob, middles in sorted(small.middles_by_dob.items()):
        others_middle = large.middles_by_dob.get(dob)
        if others_middle and not any(similar(m, o) for m in middles for o in others_middle):
            return Refusal(Rule.MIDDLE_NAMES, (min(middles), min(others_middle)), dob=dob)
    return _middle_in_first(small, large) or _middle_in_first(large, small) or _aged_middles(small, large)


def _middle_in_first(split: Group, other: Group) -> Refusal | None:
    """A first name of two words whose first word is the other group's first name on that date of birth, and whose
    second word is none of the other group's middle names there (no typo or nickname explains it) nor any part of its
    names: two people. One system records twins as Van Oscar and Van James Do, another as Van with the middle name
    Oscar and Van with James; Van is alike to Van James, and the middle names tell them apart."""
    for dob, pairs in sorted(split.split_by_dob.items()):
        middles, names = other.middles_by_dob.get(dob), other.names_by_dob.get(dob, {})
        if not middles:
            continue
        parts = {part for held in other.parts_by_dob.get(dob, ()) for part in held}
        for head, rest in sorted(pairs):
            if head in names and rest not in parts and not any(similar(rest, middle) for middle in middles):
                return Refusal(Rule.MIDDLE_NAMES, (rest, min(middles)), dob=dob)
    return None


def _aged_middles(small: Group, large: Group) -> Refusal | None:
    """Two middle names no typo or nickname explains, where one of the two records gives an age in place of a date of
    birth and the birth years they allow meet (a year either side): two people, as the dated rule says on one date of
    birth. The police's Jaden Jacob, aged 3, is not his twin Jaden Tyler (his own name is Jayden)."""
    for low, high, middle in sorted(small.middles_by_years):
        for other_low, other_high, other in sorted(large.middles_by_years):
            if aged_and_near((low, high), (other_low, other_high)) and not similar(middle, other):
                return Refusal(Rule.MIDDLE_NAMES, (middle, other))
    return None


# An age given in place of a date of birth is the age on a known day, so it allows two birth years; a year either side
# of those for an age misheard or misrecorded. Parents and children of one name are born decades apart.
AGE_SLACK_YEARS = 1


def aged_and_near(years: tuple[int, int], other: tuple[int, int]) -> bool:
    """Two records' birth years (low, high), one of them given by an age (two dates of birth are the dated rules' to
    weigh), that meet a year either side."""
    (low, high), (other_low, other_high) = years, other
    if low == high and other_low == other_high:
        return False
    return low <= other_high + AGE_SLACK_YEARS and other_low <= high + AGE_SLACK_YEARS


def _years(group: Group) -> list[tuple[int, int, str, bool]]:
    """The birth years each of a group's records allows, with how to say them and whether an age gave them: a date
    of birth's own year, an age's two years."""
    dated = [(int(dob[:4]), int(dob[:4]), dob, False) for dob in sorted(group.dobs) if dob[:4].isdigit()]
    return dated + [(low, high, f"{low} to {high}", True) for low, high in sorted(group.ages)]


def _years_apart(small: Group, large: Group) -> tuple[str, str] | None:
    """A birth year allowed by an age (in place of a date of birth) that no year of the other group's comes near:
    the two said as (date or years, date or years), or None. Two dates of birth are the dob rule's to weigh."""
    if not small.ages and not large.ages:
        return None
    theirs = _years(large)
    for low, high, said, aged in _years(small):
        for other_low, other_high, other_said, other_aged in theirs:
            if not (aged or other_aged):
                continue
            if low > other_high + AGE_SLACK_YEARS or other_low > high + AGE_SLACK_YEARS:
                return said, other_said
    return None


def _aged_system_names(a: Group, b: Group, name_counts: Mapping[str, int]) -> Refusal | None:
    """One system holding a record of each group under first names that could not be one child's (`_one_name`),
    where one of the two gives an age in place of a date of birth and the birth years they allow meet (a year either
    side): two people, as the dated rule (Rule.SYSTEM_NAMES) says for two records on one date of birth. Said with
    the date of birth where one of them has it."""
    if not a.system_years or not b.system_years:
        return None
    middles = {m for g in (a, b) for held in g.middles_by_dob.values() for m in held}
    for system in sorted(a.system_years.keys() & b.system_years.keys()):
        for low, high, name, last, parts in sorted(a.system_years[system]):
            for other_low, other_high, other_name, other_last, other_parts in sorted(b.system_years[system]):
                if name == other_name or not aged_and_near((low, high), (other_low, other_high)):
                    continue
                if last and (name, last) == (other_last, other_name):
                    continue  # one name in another order (Li Ryan and Ryan Li), as the dated rule allows
                if parts and other_parts and one_name_in_parts({frozenset(parts), frozenset(other_parts)}, name_counts):
                    continue  # another order with a part left out (Tran Trang, Thi Trang Tran aged 52), as it allows
                if _one_name({name, other_name}, middles, name_counts):
                    continue
                dated = [d for d in sorted(a.dobs | b.dobs) if d[:4].isdigit() and int(d[:4]) in (low, other_low)]
                return Refusal(Rule.SYSTEM_NAMES, (name, other_name), system=system, dob=dated[0] if dated else "")
    return None


def _one_name(names: set[str], middles: set[str], name_counts: Mapping[str, int] = NO_COUNTS) -> bool:
    """Could these first names, held by one system on one date of birth, be one child's? They could if each two are a
    name and its short form (Daniel and Danny), or one name spelt two ways (Maryam and Meryem), or one is a middle
    name recorded on that date (Archie Arthur is Arthur in a second record), or one is the other with two neighbouring
    letters swapped (Afosno), or mistyped or misread: one edit or one misread shape from it, and held by far fewer
    people (Freddiie). A system may hold a child twice
    so, but parents do not name twins so. Millie and Mollie are a keystroke apart too, and twins' names: many
    children hold each."""
    ordered = sorted(names)
    return all(
        short_form(x, y)
        or same_spelling(x, y)
        or x in middles
        or y in middles
        or letters_swapped(x, y)
        or mistyped(x, y, name_counts)
        or _as_typed(x, y, name_counts, lambda p, q: p == q or short_form(p, q) or same_spelling(p, q))
        for i, x in enumerate(ordered)
        for y in ordered[i + 1 :]
    )


def _as_typed(x: str, y: str, name_counts: Mapping[str, int], one: Callable[[str, str], bool]) -> bool:
    """Are the two names one by `one` with either or both read as the common names they are mistyped from
    (alike.corrections)? Vicku is Vicky, a short form of Victoria; Mtailda and Matlida are both Matilda."""
    xs, ys = corrections(x, name_counts), corrections(y, name_counts)
    return any(one(p, y) for p in xs) or any(one(x, q) for q in ys) or any(one(p, q) for p in xs for q in ys)


def _middles_on(unordered_dob: str, *groups: Group) -> set[str]:
    """The middle names these groups hold on a date of birth (either way round)."""
    held = (middles for g in groups for dob, middles in g.middles_by_dob.items() if unordered(dob) == unordered_dob)
    return {middle for middles in held for middle in middles}


def _named_alike(
    name: str, others: dict[str, int], dob: str, small: Group, large: Group, name_counts: Mapping[str, int] = NO_COUNTS
) -> bool:
    """Is this first name (of `small`, on `dob`) one of `large`'s names there: alike, or mistyped or misread from one
    (a name few hold, close to one many hold), or known by a middle name (one system's first name is another's middle
    name)?"""
    if any(similar(name, other) or mistyped(name, other, name_counts) for other in others):
        return True
    if any(_as_typed(name, other, name_counts, similar) for other in others):
        return True  # a short form mistyped: Izzg is Izzy, so Isabella
    if any(parts_alike(a, b) for a in small.parts_by_dob.get(dob, ()) for b in large.parts_by_dob.get(dob, ())):
        return True  # the same names in another order, or with a part left out, or one of them mistyped
    return name in large.middles_by_dob.get(dob, ()) or any(o in small.middles_by_dob.get(dob, ()) for o in others)


def _dob_of(unordered_dob: str, *groups: Group) -> str:
    """A date of birth of these groups that keys as this one (either way round), as recorded."""
    return min((d for g in groups for d in g.dobs if unordered(d) == unordered_dob), default=unordered_dob)


def single(
    uid: str,
    source: str,
    first: str | None,
    middle: str | None,
    dob: str | None,
    nhs: str | None,
    upn: str | None = None,
    parts: Iterable[str] | None = None,
    low: int | None = None,
    high: int | None = None,
    last: str | None = None,
    sex: str | None = None,
    postcode: str | None = None,
) -> Group:
    """One record (prepared as preparation.prepare does) as a group of its own; low and high are the birth years an
    age given in place of a date of birth allows (birth_year_low and birth_year_high)."""
    years = _birth_years(dob, low, high)
    split = split_first(first, parts)
    registrations: set[Registration] = set()
    if nhs and first and last and dob and sex and postcode:
        registrations.add((nhs, source, first, last, dob, sex, postcode))
    return Group(
        members=[uid],
        nhs={nhs} if nhs else set(),
        systems={source},
        names_by_dob={dob: {first: 1}} if dob and first else {},
        middles_by_dob={dob: {middle}} if dob and middle else {},
        dobs={dob} if dob else set(),
        upns={upn} if upn else set(),
        system_names={(source, unordered(dob)): {first}} if dob and first else {},
        system_parts={(source, unordered(dob)): {frozenset(parts)}} if dob and first and parts else {},
        parts_by_dob={dob: {frozenset(parts)}} if dob and parts else {},
        ages={(low, high)} if not dob and low is not None and high is not None else set(),
        system_years={source: {(years[0], years[1], first, last or "", tuple(sorted(parts or ())))}}
        if first and years
        else {},
        nameless=not first and not dob and low is None,
        registrations=registrations,
        middles_by_years={(years[0], years[1], middle)} if middle and years else set(),
        split_by_dob={dob: {split}} if dob and split else {},
    )


def _birth_years(dob: str | None, low: int | None, high: int | None) -> tuple[int, int] | None:
    """The birth years a record allows: its date of birth's year, or the years an age in its place allows."""
    if dob:
        return (int(dob[:4]), int(dob[:4])) if dob[:4].isdigit() else None
    return (low, high) if low is not None and high is not None else None
