"""The invented people and households, kept compact (slots, ordinals) and identified deterministically."""

from __future__ import annotations

from random import Random

from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.synth.places import Address
from frontdoor.synth.sampling import ScatteredIds

CHILD, ADULT, UNBORN = "child", "adult", "unborn"


class Person:
    __slots__ = (
        "birth_surname",
        "dob",
        "edd",
        "ethnicity",
        "father",
        "first",
        "former_upn",
        "homes",
        "kind",
        "known_as",
        "last",
        "middle",
        "mother",
        "nhs",
        "origin",
        "pid",
        "records",
        "school",
        "sex",
        "twin",
        "upn",
    )

    def __init__(self, pid: str, kind: str, sex: str, origin: str, ethnicity: str) -> None:
        self.pid = pid
        self.kind = kind
        self.sex = sex
        self.origin = origin
        self.ethnicity = ethnicity
        self.first = ""
        self.middle = ""
        self.last = ""
        self.birth_surname = ""
        self.known_as = ""  # a surname used informally (a step-parent's), not the legal one
        self.dob: int | None = None
        self.edd: int | None = None
        self.nhs = ""
        self.upn = ""
        self.former_upn = ""
        self.mother: Person | None = None
        self.father: Person | None = None
        self.twin: Person | None = None
        self.homes: list[tuple[int, Household]] = []
        self.school = ""
        # Per-system source-record state, filled while the person's cluster is written, then dropped with it.
        self.records: dict[str, object] = {}

    def household_on(self, day: int) -> Household:
        current = self.homes[0][1]
        for start, household in self.homes:
            if start > day:
                break
            current = household
        return current

    @property
    def household(self) -> Household:
        return self.homes[-1][1]

    def address_on(self, day: int) -> Address:
        return self.household_on(day).address_on(day)

    def previous_address(self, day: int) -> Address | None:
        """The address before the one this person had on ``day`` (a stale address some systems still hold)."""
        current = 0
        for index, (start, _household) in enumerate(self.homes):
            if start > day:
                break
            current = index
        moved_in, household = self.homes[current]
        if current and moved_in >= household.address_since(day):
            # They joined this household at its present address: before that they lived in their last home.
            return self.homes[current - 1][1].address_on(moved_in - 1)
        return household.previous_address(day)

    def surname_on(self, day: int, changed_on: int | None) -> str:
        return self.birth_surname if changed_on is not None and day < changed_on else self.last


class Household:
    __slots__ = ("addresses", "adults", "children", "district", "gp", "hid", "kind", "partners", "risk", "unborn")

    def __init__(self, hid: str, kind: str, risk: int) -> None:
        self.hid = hid
        self.kind = kind
        self.risk = risk  # 0 (no known needs) to 3 (high): drives every event rate
        self.adults: list[Person] = []
        self.children: list[Person] = []
        self.unborn: list[Person] = []
        # (from, to or None while current, address); ``to`` may run past the next ``from`` (overlapping tenancies).
        self.addresses: list[tuple[int, int | None, Address]] = []
        # The main carer's partners over time: (from, to or None, partner).
        self.partners: list[tuple[int, int | None, Person]] = []
        self.district = 0
        self.gp = ""

    def address_on(self, day: int) -> Address:
        chosen = self.addresses[0][2]
        for start, _end, address in self.addresses:
            if start > day:
                break
            chosen = address
        return chosen

    def address_since(self, day: int) -> int:
        """When the household moved to the address it had on ``day``."""
        since = self.addresses[0][0]
        for start, _end, _address in self.addresses:
            if start > day:
                break
            since = start
        return since

    def previous_address(self, day: int) -> Address | None:
        index = 0
        for position, (start, _end, _address) in enumerate(self.addresses):
            if start > day:
                break
            index = position
        return self.addresses[index - 1][2] if index else None

    @property
    def current_address(self) -> Address:
        return self.addresses[-1][2]

    def partner_on(self, day: int) -> Person | None:
        for start, end, partner in self.partners:
            if start <= day and (end is None or day <= end):
                return partner
        return None

    def ex_partner_before(self, day: int) -> Person | None:
        ex = None
        for _start, end, partner in self.partners:
            if end is not None and end < day:
                ex = partner
        return ex

    def residents_on(self, day: int) -> list[Person]:
        return [p for p in (*self.adults, *self.children) if p.household_on(day) is self and p.homes[0][0] <= day]


class Registry:
    """Person ids, household ids and NHS numbers, each unique within the run."""

    # The NHS reserves numbers starting 999 for testing; with a check digit that leaves about 909,000.
    NHS_CAPACITY = 10**6

    def __init__(self, seed_rng: Random) -> None:
        self._people = 0
        self._households = 0
        self._nhs = ScatteredIds(self.NHS_CAPACITY, seed_rng.getrandbits(32))

    def person(self, kind: str, sex: str, origin: str, ethnicity: str) -> Person:
        self._people += 1
        person = Person(f"P{self._people:07d}", kind, sex, origin, ethnicity)
        if kind != UNBORN:
            person.nhs = self.nhs_number()
        return person

    def household(self, kind: str, risk: int) -> Household:
        self._households += 1
        return Household(f"H{self._households:07d}", kind, risk)

    def nhs_number(self, *, temporary: bool = False) -> str:
        """A new NHS number in the test range; `temporary` ones (a second registration's, not yet traced) come from
        the other end of the same walk, so they never shift the people's own numbers."""
        while True:
            try:
                first_nine = f"999{(self._nhs.take_last() if temporary else self._nhs.take()):06d}"
            except OverflowError:
                raise OverflowError("the NHS test range (999...) has no numbers left for more people") from None
            check = nhs_check_digit(first_nine)
            if check is not None:
                return first_nine + str(check)

    @property
    def people(self) -> int:
        return self._people

    @property
    def households(self) -> int:
        return self._households
