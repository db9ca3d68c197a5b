"""Reference data: schools (with DSLs and term calendars) and GP practices, sized to the county."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from frontdoor.synth import names_data
from frontdoor.synth.dates import easter
from frontdoor.synth.names import NameBook
from frontdoor.synth.places import DISTRICTS, AddressBook

PRIMARY, SECONDARY, ALL_THROUGH, SIXTEEN_PLUS, ALTERNATIVE = (
    "primary",
    "secondary",
    "all_through",
    "16_plus",
    "alternative_provision",
)
LA_CODE = "938"  # a fictional local-authority number for Esterbury
_SAINTS = ("Mary", "John", "Peter", "Andrew", "Michael", "Joseph", "Anne", "Edmund", "Bede", "Hilda", "Chad")


class School:
    __slots__ = ("calendar", "district", "dsl", "estab", "independent", "name", "phase", "postcode", "urn")

    def __init__(self, urn: str, estab: int, name: str, phase: str, independent: bool, district: int) -> None:
        self.urn = urn
        self.estab = estab  # the DfE establishment number, part of the UPNs it allocates
        self.name = name
        self.phase = phase
        self.independent = independent
        self.district = district
        self.postcode = ""
        self.dsl: tuple[str, str, str, str] = ("", "", "", "")
        self.calendar = 0  # 0 the county's pattern, 1 an academy trust's, 2 an independent school's


class Practice:
    __slots__ = ("district", "name", "ods", "postcode")

    def __init__(self, ods: str, name: str, postcode: str, district: int) -> None:
        self.ods = ods
        self.name = name
        self.postcode = postcode
        self.district = district


class Reference:
    def __init__(self, rng: Random, names: NameBook, addresses: AddressBook, expected_children: int) -> None:
        scale = max(expected_children, 1)
        counts = {
            PRIMARY: max(2, round(scale / 700)),
            SECONDARY: max(1, round(scale / 3300)),
            ALL_THROUGH: max(1, round(scale / 11000)),  # independent schools
            ALTERNATIVE: max(1, round(scale / 30000)),
            SIXTEEN_PLUS: max(1, round(scale / 45000)),
        }
        stems = names_data.STREET_STEMS.split()
        used_names: set[str] = set()
        self.by_phase: dict[str, list[School]] = {}
        first_estab = {PRIMARY: 2001, SECONDARY: 4001, ALL_THROUGH: 6001, ALTERNATIVE: 1101, SIXTEEN_PLUS: 8001}
        urn = 140000
        for phase, count in counts.items():
            schools = []
            for index in range(count):
                urn += 1
                district = index * DISTRICTS // count
                name = self._school_name(rng, phase, stems, addresses.district(district).town, used_names)
                school = School(str(urn), first_estab[phase] + index, name, phase, phase == ALL_THROUGH, district)
                school.postcode = addresses.new().postcode
                school.calendar = 2 if school.independent else (1 if rng.random() < 0.3 else 0)
                school.dsl = self._leads(rng, names, name)
                schools.append(school)
            self.by_phase[phase] = schools
        self.schools = [school for phase in counts for school in self.by_phase[phase]]
        self.by_urn = {school.urn: school for school in self.schools}
        self.practices = []
        for index in range(max(2, round(scale / 2000))):
            district = index * DISTRICTS // max(2, round(scale / 2000))
            stem = stems[int(rng.random() * len(stems))]
            kind = ("Surgery", "Medical Centre", "Health Centre", "Medical Practice")[index % 4]
            self.practices.append(Practice(f"Z{10001 + index}", f"{stem} {kind}", addresses.new().postcode, district))

    @staticmethod
    def _school_name(rng: Random, phase: str, stems: list[str], town: str, used: set[str]) -> str:
        for attempt in range(1000):
            stem = stems[int(rng.random() * len(stems))]
            if phase == PRIMARY:
                name = (
                    f"St {_SAINTS[int(rng.random() * len(_SAINTS))]}'s C of E Primary School"
                    if rng.random() < 0.2
                    else f"{stem} Primary School"
                )
            elif phase == SECONDARY:
                name = f"{stem} {('Academy', 'High School', 'School', 'Community College')[int(rng.random() * 4)]}"
            elif phase == ALL_THROUGH:
                name = f"{stem} {('House School', 'Preparatory School', 'College')[int(rng.random() * 3)]}"
            elif phase == ALTERNATIVE:
                name = f"{stem} Learning Centre"
            else:
                name = f"{town} College" if f"{town} College" not in used else f"{stem} Sixth Form College"
            if attempt >= 20:
                name = f"{town} {name}" if attempt < 40 else f"{name} {attempt}"
            if name not in used:
                used.add(name)
                return name
        raise AssertionError("unreachable: a numbered name is always new")

    @staticmethod
    def _leads(rng: Random, names: NameBook, school: str) -> tuple[str, str, str, str]:
        domain = "".join(c for c in school.lower() if c.isalnum())[:20] + ".example.org"
        leads = []
        for _ in range(2):
            sex = "F" if rng.random() < 0.7 else "M"
            first = names.first_name(rng, "english", sex, child=False)
            last = names.surname(rng, "english")
            email_name = "".join(c for c in f"{first}.{last}".lower() if c.isalnum() or c == ".")
            leads += [f"{first} {last}", f"{email_name}@{domain}"]
        return leads[0], leads[1], leads[2], leads[3]

    def school_for(self, rng: Random, phase: str, district: int) -> School:
        """A school of ``phase`` near ``district`` (schools are spread over the districts in order)."""
        schools = self.by_phase[phase]
        index = district * len(schools) // DISTRICTS
        if len(schools) > 1 and rng.random() < 0.25:
            index += 1 if rng.random() < 0.5 else -1
        return schools[index % len(schools)]

    def practice_for(self, rng: Random, district: int) -> Practice:
        index = district * len(self.practices) // DISTRICTS
        if rng.random() < 0.2:
            index += 1
        return self.practices[index % len(self.practices)]


def term_periods(school: School, academic_year: int) -> list[tuple[date, date]]:
    """The six teaching periods of an academic year, INSET days excluded (they fall at period edges)."""
    september_first = date(academic_year, 9, 1)
    first_wednesday = september_first + timedelta(days=(2 - september_first.weekday()) % 7)
    autumn_start = max(september_first, first_wednesday - timedelta(days=2))
    pupils_return = first_wednesday
    october_31 = date(academic_year, 10, 31)
    last_friday_october = october_31 - timedelta(days=(october_31.weekday() - 4) % 7)
    october_half = last_friday_october - timedelta(days=4)
    autumn_end = _friday_on_or_before(date(academic_year, 12, 20))
    january_4 = date(academic_year + 1, 1, 4)
    spring_start = january_4 + timedelta(days=(-january_4.weekday()) % 7)
    february_half = date(academic_year + 1, 2, 15) + timedelta(days=(-date(academic_year + 1, 2, 15).weekday()) % 7)
    easter_monday = easter(academic_year + 1) + timedelta(days=1)
    spring_end = easter_monday - timedelta(days=10)
    summer_start = easter_monday + timedelta(days=7)
    may_31 = date(academic_year + 1, 5, 31)
    may_half = may_31 - timedelta(days=may_31.weekday())
    summer_end = _friday_on_or_before(date(academic_year + 1, 7, 22))
    if school.calendar == 2:  # independent: later start, longer holidays
        pupils_return += timedelta(days=7)
        autumn_end -= timedelta(days=7)
        spring_end -= timedelta(days=7)
        summer_end = _friday_on_or_before(date(academic_year + 1, 7, 8))
    october_back = october_half + timedelta(days=7)
    if school.calendar == 1:  # an academy trust's own pattern: two weeks at October half term, later in July
        october_back += timedelta(days=7)
        summer_end = _friday_on_or_before(date(academic_year + 1, 7, 24))
    periods = [
        [pupils_return, october_half - timedelta(days=3)],
        [october_back, autumn_end],
        [spring_start, february_half - timedelta(days=3)],
        [february_half + timedelta(days=7), spring_end],
        [summer_start, may_half - timedelta(days=3)],
        [may_half + timedelta(days=7), summer_end],
    ]
    # September INSET days are the days before pupils return; the rest take a period's first or last day.
    extra_inset = 5 - (pupils_return - autumn_start).days
    edges = [(2, 0), (4, 0), (1, 0), (5, 1), (3, 0), (5, 0)]
    rotation = int(school.urn) % len(edges)
    for period, end in (edges[rotation:] + edges[:rotation])[: max(0, extra_inset)]:
        if end:
            periods[period][1] = _previous_weekday(periods[period][1])
        else:
            periods[period][0] = _next_weekday(periods[period][0])
    return [(first, last) for first, last in periods]


def _friday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 4) % 7)


def _next_weekday(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _previous_weekday(day: date) -> date:
    day -= timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
