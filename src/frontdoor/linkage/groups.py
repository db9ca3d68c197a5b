"""What the twin guard (guards.py) weighs: a group of records clustered so far as one person, with what it checks
about them, and the rule that keeps two groups apart (a Refusal, said in words by refusals.py). Pure: no Django."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# (NHS number, system, first name, surname, date of birth, sex, postcode), as linkage compares them.
Registration = tuple[str, str, str, str, str, str, str]


@dataclass
class Group:
    """Records clustered so far as one person, with what the guard checks about them."""

    members: list[str]
    nhs: set[str]
    systems: set[str]
    names_by_dob: dict[str, dict[str, int]]  # first names seen on each date of birth, with how many records
    middles_by_dob: dict[str, set[str]]
    dobs: set[str] = field(default_factory=set)
    upns: set[str] = field(default_factory=set)  # unique pupil numbers: no two children share one
    # (system, birth date with day and month unordered) -> first names: one system holding two records on one
    # birth date under different first names has met two people (twins, most often); its duplicates repeat the name.
    system_names: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # The same key -> each of those records' name parts: one name in both orders (Liu Jianguo and Jianguo Liu, a
    # baby registered twice) is one child's; twins share a family name and never all their name parts.
    system_parts: dict[tuple[str, str], set[frozenset[str]]] = field(default_factory=dict)
    # Each record's name parts (names.name_parts) on its date of birth: a name recorded in another order (family
    # name first) or with a part left out is the same name, though its first names differ.
    parts_by_dob: dict[str, set[frozenset[str]]] = field(default_factory=dict)
    # The birth years an age allows (low, high), for records with an age in place of a date of birth (police give
    # the age at an incident): a parent and a child of one name at one address are told apart by them.
    ages: set[tuple[int, int]] = field(default_factory=set)
    # system -> (lowest, highest birth year, first name, surname) of each of its records with a first name: a date of
    # birth's year, or the years an age in place of one allows. One system holding two records under different first
    # names whose birth years meet has met two people where one of them gives an age only (police hold a twin so,
    # Millie aged 5 beside Mollie born on a known day): the rule above keys on dates of birth and cannot see them.
    system_years: dict[str, set[tuple[int, int, str, str, tuple[str, ...]]]] = field(default_factory=dict)
    # (lowest, highest birth year, middle name) of each record with a middle name: a date of birth's year, or the years
    # an age in place of one allows. Twins of one first name's spelling (Jayden, Jaden) recorded by the police with an
    # age are told apart by their middle names, as the dated rule tells them on a date of birth.
    middles_by_years: set[tuple[int, int, str]] = field(default_factory=set)
    # Each first name of two words on its date of birth, as (first word, second word): the second is a middle name
    # recorded in the first-name box (Van James, where another system has Van with the middle name James).
    split_by_dob: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    # No record of the group has a first name, a date of birth or an age (a baby not yet born): its surname and
    # address are its household's, which it shares with the parents and the other children there.
    nameless: bool = False
    # Each record that holds an NHS number and all of first name, surname, date of birth, sex and postcode, as
    # (NHS number, system, first name, surname, date of birth, sex, postcode): a registration, to tell a child
    # registered twice under two numbers (ADR 0010) from two people.
    registrations: set[Registration] = field(default_factory=set)

    def absorb(self, other: Group) -> None:
        """Take in another group's records (it is one person with this one now)."""
        self.members.extend(other.members)
        self.nhs |= other.nhs
        self.systems |= other.systems
        self.dobs |= other.dobs
        self.upns |= other.upns
        self.ages |= other.ages
        self.nameless = self.nameless and other.nameless
        self.registrations |= other.registrations
        self.middles_by_years |= other.middles_by_years
        for key, held in other.system_names.items():
            self.system_names.setdefault(key, set()).update(held)
        for key, parts in other.system_parts.items():
            self.system_parts.setdefault(key, set()).update(parts)
        for system, years in other.system_years.items():
            self.system_years.setdefault(system, set()).update(years)
        for dob, names in other.names_by_dob.items():
            seen = self.names_by_dob.setdefault(dob, {})
            for name, count in names.items():
                seen[name] = seen.get(name, 0) + count
        for dob, middles in other.middles_by_dob.items():
            self.middles_by_dob.setdefault(dob, set()).update(middles)
        for dob, parts in other.parts_by_dob.items():
            self.parts_by_dob.setdefault(dob, set()).update(parts)
        for dob, split in other.split_by_dob.items():
            self.split_by_dob.setdefault(dob, set()).update(split)


class Rule(StrEnum):
    """Why two groups cannot be one person (the review queue says it in words: refusals.describe); and one note on
    a join, REGISTERED_TWICE, which keeps nothing apart but which people should see."""

    NHS_NUMBERS = "nhs_numbers"
    ONE_RECORD_SYSTEM = "one_record_system"
    SYSTEM_NAMES = "system_names"
    BIRTH_DATES = "birth_dates"
    FIRST_NAMES = "first_names"
    MIDDLE_NAMES = "middle_names"
    DECISION = "decision"  # people decided two of the records are different people (clustering.py)
    AMBIGUOUS = "ambiguous"  # the record fits two people who cannot be one (clustering.py)
    # Not a refusal: one person holds two NHS numbers, their two registrations agreeing on everything else (ADR 0010).
    REGISTERED_TWICE = "registered_twice"


@dataclass(frozen=True)
class Refusal:
    """The rule that kept two groups apart and the values behind it: NHS numbers, a system, dates of birth, names
    (as linkage compares them: lower case, letters only), record ids. `because` is the rule between the two people
    an ambiguous record fits. With Rule.REGISTERED_TWICE, the note on a join instead: the two NHS numbers."""

    rule: Rule
    values: tuple[str, ...] = ()
    system: str = ""
    dob: str = ""
    because: Refusal | None = None

    def as_json(self) -> dict:
        """As stored with a review item (ReviewItem.refusal_detail)."""
        detail: dict = {"values": list(self.values)}
        if self.system:
            detail["system"] = self.system
        if self.dob:
            detail["dob"] = self.dob
        if self.because is not None:
            detail["because"] = {"rule": str(self.because.rule), **self.because.as_json()}
        return detail
