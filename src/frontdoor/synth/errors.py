"""The ordinary mistakes each agency's records contain (docs/synthetic-county.md, "Realistic mistakes").

Every rate is per source record and multiplied by ``--error-scale`` (capped at 1), except the NHS-number presence
rates, which describe what each system holds rather than a mistake, and so do not scale. A record's identity
(names, date of birth, whether its postcode is stale) is decided once, when the record is created, and reused on
every row that carries it.
"""

from __future__ import annotations

from datetime import date
from random import Random

from frontdoor.synth.names import NameBook
from frontdoor.synth.people import Person

# Defaults, exactly as the spec's table.
TYPO = 0.04  # a typo in a name: substitution, deletion, insertion or transposition (all systems)
NICKNAME = 0.06  # a nickname or anglicised form of the first name (police, csc, early help)
DOB_TRANSPOSED = 0.015  # day and month swapped, when both are 12 or less (all systems)
DOB_DIGIT = 0.01  # date of birth off by a digit (all systems)
DOB_MISSING = 0.25  # date of birth not recorded, age given instead (police)
STALE_POSTCODE = 0.15  # the postcode of a previous address (all systems but health)
DUPLICATE = 0.02  # a second record for the same person within a system (police, csc)
# Duplicates inside the systems that mean to hold each person once (docs/synthetic-county.md, "Duplicates inside a
# system"): a child registered again with health under a temporary NHS number before the permanent one was traced,
# and a pupil on two schools' rolls in one census, the new school using a temporary UPN.
HEALTH_DUPLICATE = 0.005
EDUCATION_DUPLICATE = 0.004
# "Surname changed ... per family history": for a person whose surname has a history (a step-parent's name, a
# maiden name, a double-barrelled or hyphenated name, an apostrophe), the share of records holding another form.
SURNAME_HISTORY = 0.3
# Not in the spec's table: the share of csc records whose ethnicity was not obtained (NOBT).
ETHNICITY_NOT_OBTAINED = 0.03
NHS_PRESENT = {"health": 0.98, "csc": 0.15, "police": 0.0, "education": 0.0, "earlyhelp": 0.05}

NICKNAME_SYSTEMS = ("police", "csc", "earlyhelp")
DOB_MISSING_SYSTEMS = ("police",)
STALE_POSTCODE_SYSTEMS = ("police", "csc", "education", "earlyhelp")
DUPLICATE_SYSTEMS = ("police", "csc")

DEFAULT_RATES = {
    "typo": TYPO,
    "nickname": NICKNAME,
    "dob_transposed": DOB_TRANSPOSED,
    "dob_digit": DOB_DIGIT,
    "dob_missing": DOB_MISSING,
    "stale_postcode": STALE_POSTCODE,
    "duplicate": DUPLICATE,
    "health_duplicate": HEALTH_DUPLICATE,
    "education_duplicate": EDUCATION_DUPLICATE,
    "surname_history": SURNAME_HISTORY,
    "ethnicity_not_obtained": ETHNICITY_NOT_OBTAINED,
}

_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEIGHBOURS: dict[str, str] = {}
for _row_index, _row in enumerate(_KEYBOARD):
    for _i, _c in enumerate(_row):
        _near = _row[max(0, _i - 1) : _i] + _row[_i + 1 : _i + 2]
        for _other in (_row_index - 1, _row_index + 1):
            if 0 <= _other < len(_KEYBOARD):
                _near += _KEYBOARD[_other][_i : _i + 1]
        _NEIGHBOURS[_c] = _near


class Identity:
    """How one source record names and dates its person."""

    __slots__ = ("dob", "first", "last", "middle", "stale")

    def __init__(self, first: str, middle: str, last: str, dob: int | None, stale: bool) -> None:
        self.first = first
        self.middle = middle
        self.last = last
        self.dob = dob
        self.stale = stale


def typo(rng: Random, name: str) -> str:
    """One keyboard slip, never in the first letter (people rarely get that wrong)."""
    if len(name) < 3:
        return name
    i = 1 + int(rng.random() * (len(name) - 1))
    char = name[i]
    near = _NEIGHBOURS.get(char.lower(), "")
    swap = near[int(rng.random() * len(near))] if near else ""
    op = int(rng.random() * 4)
    if op == 0 and swap:
        result = name[:i] + swap + name[i + 1 :]
    elif op == 2:
        result = name[:i] + (swap or char) + name[i:]
    elif op == 3 and i + 1 < len(name):
        result = name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    else:
        result = name[:i] + name[i + 1 :]
    return result if result != name else name[:i] + name[i + 1 :]


def surname_forms(person: Person) -> list[str]:
    """Other surnames a record might hold for this person, from their family history."""
    forms: list[str] = []
    if person.birth_surname and person.birth_surname != person.last:
        forms.append(person.birth_surname)
    if person.known_as:
        forms.append(person.known_as)
    for separator in ("-", " "):
        if separator in person.last:
            first, _, second = person.last.partition(separator)
            other = " " if separator == "-" else "-"
            forms += [first, second, f"{first}{other}{second}"]
    if "'" in person.last:
        forms += [person.last.replace("'", ""), person.last.replace("'", " ")]
    return forms


def shift_digit(rng: Random, dob: int) -> int:
    """A date of birth with one part mistyped: the day, the month or the year off by a digit."""
    d = date.fromordinal(dob)
    for _ in range(10):
        part = rng.random()
        delta = (1 if rng.random() < 0.5 else -1) * (10 if rng.random() < 0.25 else 1)
        try:
            if part < 0.5:
                wrong = d.replace(day=d.day + delta)
            elif part < 0.7:
                wrong = d.replace(month=d.month + delta)
            else:
                wrong = d.replace(year=d.year + delta)
        except ValueError:
            continue
        return wrong.toordinal()
    return dob


def transpose(dob: int) -> int:
    d = date.fromordinal(dob)
    if d.day > 12 or d.day == d.month:
        return dob
    return date(d.year, d.day, d.month).toordinal()


class Mistakes:
    def __init__(self, rng: Random, names: NameBook, scale: float) -> None:
        self.rng = rng
        self.names = names
        self.scale = scale
        self.rates = {key: min(1.0, rate * scale) for key, rate in DEFAULT_RATES.items()}

    def _happens(self, key: str) -> bool:
        rate = self.rates[key]
        return rate > 0 and self.rng.random() < rate

    def identity(self, person: Person, system: str) -> Identity:
        rng = self.rng
        first, middle, last = person.first, person.middle, person.last
        if system in NICKNAME_SYSTEMS and first and self._happens("nickname"):
            first = self.names.variant(rng, first, middle) or first
        forms = surname_forms(person)
        if forms and self._happens("surname_history"):
            last = forms[int(rng.random() * len(forms))]
        if self._happens("typo"):
            if rng.random() < 0.5 and first:
                first = typo(rng, first)
            else:
                last = typo(rng, last)
        dob = person.dob
        if dob is not None:
            if self._happens("dob_transposed"):
                dob = transpose(dob)
            if self._happens("dob_digit"):
                dob = shift_digit(rng, dob)
            if system in DOB_MISSING_SYSTEMS and self._happens("dob_missing"):
                dob = None
        stale = system in STALE_POSTCODE_SYSTEMS and self._happens("stale_postcode")
        return Identity(first, middle, last, dob, stale)

    def duplicate_planned(self) -> bool:
        """Whether a person's next event in this system will open a second record for them.

        Decided once per person, when their first record is made, at twice the rate: only about half the people
        in police and csc extracts have a second event on which a duplicate could be opened, so about 2% of
        records end up duplicates, as the table says.
        """
        rate = min(1.0, 2 * self.rates["duplicate"])
        return rate > 0 and self.rng.random() < rate

    def registered_twice(self, system: str) -> bool:
        """Whether a system that means to hold each person once holds this one twice (health, education)."""
        return self._happens(f"{system}_duplicate")

    def changed_surname(self, person: Person, identity: Identity) -> Identity:
        """A duplicate social care record opened after a change of surname: the same person under another surname
        from their history (a step-parent's, a maiden name), where they have one."""
        forms = [form for form in surname_forms(person) if form != identity.last]
        if not forms:
            return identity
        last = forms[int(self.rng.random() * len(forms))]
        return Identity(identity.first, identity.middle, last, identity.dob, identity.stale)

    def ethnicity_not_obtained(self) -> bool:
        return self._happens("ethnicity_not_obtained")

    def nhs_present(self, system: str) -> bool:
        rate = NHS_PRESENT[system]
        return rate > 0 and (rate >= 1 or self.rng.random() < rate)
