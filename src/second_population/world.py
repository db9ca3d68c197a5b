"""The true people: households of parents and children, each named by their community's conventions.

Every rate is a named constant with the reason for its value. Dates are whole days; the population is seen on
REFERENCE_DATE, so that a seed gives the same people on any day it is run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from second_population.identifiers import nhs_number
from second_population.names import CENSUS_2021_ENGLAND_SHARES, GROUPS, POOLS, Pool, feminine_form

REFERENCE_DATE = date(2026, 9, 1)  # the start of a school year: every child's school year is settled
# ONS, Births in England and Wales 2021: 14.1 multiple maternities per 1,000; nearly all of them twins.
TWIN_MATERNITY_RATE = 0.0141
# ONS, Families and households in the UK 2023: about a quarter of families with dependent children are lone-parent.
LONE_PARENT_SHARE = 0.24
# Children per family with dependent children (ONS 2023: about 44% one, 40% two, 16% three or more).
CHILDREN_PER_FAMILY = ((1, 0.44), (2, 0.40), (3, 0.12), (4, 0.04))
# Most mothers in England are 20 to 40 at a birth (ONS: mean age at birth 30.9 in 2021).
MOTHER_AGE_AT_BIRTH = (19, 42)
# Where the community's custom is to take the husband's surname, most do (and the old one stays in older records).
MARRIED_TAKES_NAME = 0.75
# Unmarried parents who give the child both surnames, hyphenated (a minority; far more give the father's alone).
CHILD_DOUBLE_BARREL = 0.06
# Parents separated since the birth, the child later known by the other parent's (or a step-parent's) surname.
CHILD_SURNAME_CHANGED = 0.04
# Of the Indian group, the Sikh share (Census 2021: Sikh about 0.52m of 1.86m Indian), who carry Singh and Kaur.
SIKH_SHARE = 0.28
# Of the Pakistani and Bangladeshi group, the Bangladeshi share (1.1 of 4.0 per cent), whose women carry Begum
# or Khatun and whose children's surnames need not match either parent's.
BANGLADESHI_SHARE = 0.27
# Of the black African group, the Somali share (Census 2021 country of birth), whose surnames are patronymic.
SOMALI_SHARE = 0.15
# South Asian Muslim boys given Muhammad as a first name and called by the name after it.
MUHAMMAD_PREFIX = 0.35
# Children of the mixed group: one parent of a minority group, the other British or Irish.
MIXED_OTHER_PARENT = ("black_caribbean", "black_african", "south_asian_muslim", "indian", "east_asian", "arab_other")

VIETNAMESE = frozenset({"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Huỳnh", "Bùi", "Đỗ", "Ngô"})
SOMALI_GIVEN = frozenset({"Mohamed", "Abdi", "Abdirahman", "Ahmed", "Yusuf", "Hodan", "Ayaan", "Sahra", "Fadumo",
                          "Hibo"})  # fmt: skip
SOMALI_FEMALE = frozenset({"Hodan", "Ayaan", "Sahra", "Fadumo", "Hibo"})
IBERIAN = frozenset({"da Silva", "dos Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins",
                     "García", "López", "Fernández", "González"})  # fmt: skip
# Letters the inward code's last two places may take (C, I, K, M, O and V are never used there).
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
AGE_BANDS = ("0-4", "5-10", "11-15", "16-17", "adult")


@dataclass(slots=True)
class Person:
    person_id: str
    group: str
    sex: str  # "M" or "F"
    given: list[str]  # given names in order; the first is the name the person goes by
    family: str  # "" for a mononym
    dob: date
    household: str
    postcode: str
    adult: bool
    nhs: str
    upn: str = ""
    birth_family: str = ""  # the surname before marriage or a change, if it differs
    previous_postcode: str = ""
    twin_of: str = ""
    family_first: bool = False  # the name is written family name first
    sikh_name: str = ""  # Singh or Kaur
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def age(self) -> int:
        years = REFERENCE_DATE.year - self.dob.year
        return years - ((REFERENCE_DATE.month, REFERENCE_DATE.day) < (self.dob.month, self.dob.day))

    @property
    def age_band(self) -> str:
        if self.adult:
            return "adult"
        age = self.age
        return "0-4" if age < 5 else "5-10" if age < 11 else "11-15" if age < 16 else "16-17"


class World:
    """Households made one at a time from one random stream (so a seed fixes everything)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[Person] = []
        self._groups = GROUPS
        self._weights = list(accumulate(CENSUS_2021_ENGLAND_SHARES.values()))
        self._households = 0
        self._numbers: set[str] = set()

    def build(self, size: int) -> list[Person]:
        while len(self.people) < size:
            self.household()
        return self.people

    def new_nhs(self) -> str:
        while True:
            number = nhs_number(self.rng)
            if number not in self._numbers:
                self._numbers.add(number)
                return number

    def household(self) -> None:
        rng = self.rng
        self._households += 1
        hid = f"H{self._households:06d}"
        postcode = new_postcode(rng)
        group = rng.choices(self._groups, cum_weights=self._weights)[0]
        mother_group = father_group = group
        if group == "mixed":
            mother_group, father_group = "british_irish", rng.choice(MIXED_OTHER_PARENT)
            if rng.random() < 0.5:
                mother_group, father_group = father_group, mother_group
        style = self._style(group)
        eldest = rng.randint(0, 17)
        mother_age = eldest + rng.randint(*MOTHER_AGE_AT_BIRTH)
        father = None
        if rng.random() >= LONE_PARENT_SHARE:
            father = self._adult(hid, postcode, father_group, "M", mother_age + rng.randint(-2, 6), style)
        mother = self._adult(hid, postcode, mother_group, "F", mother_age, style)
        if father is not None:
            self._marry(mother, father, style)
        count = rng.choices([c for c, _ in CHILDREN_PER_FAMILY], [w for _, w in CHILDREN_PER_FAMILY])[0]
        ages = sorted({eldest, *(rng.randint(0, eldest) for _ in range(count - 1))}, reverse=True)
        for age in ages:
            dob = REFERENCE_DATE - timedelta(days=age * 365 + rng.randint(0, 364))
            first = self._child(hid, postcode, group, mother, father, dob, style)
            if rng.random() < TWIN_MATERNITY_RATE:
                twin = self._child(hid, postcode, group, mother, father, dob, style, avoid=first.given[0])
                twin.family, twin.birth_family = first.family, first.birth_family  # one family name for both
                if "eastern_european" in (mother.group, getattr(father, "group", "")):
                    twin.family = _gendered(twin)  # Kowalski and Kowalska are the same name
                twin.twin_of, first.twin_of = first.person_id, twin.person_id

    def _style(self, group: str) -> str:
        roll = self.rng.random()
        if group == "indian" and roll < SIKH_SHARE:
            return "sikh"
        if group == "south_asian_muslim" and roll < BANGLADESHI_SHARE:
            return "bangladeshi"
        if group == "black_african" and roll < SOMALI_SHARE:
            return "somali"
        return group

    def _person(self, hid: str, postcode: str, group: str, sex: str, dob: date, adult: bool) -> Person:
        pool = POOLS[group]
        given = [self.rng.choice(pool.male if sex == "M" else pool.female)]
        person = Person(
            person_id=f"Q{len(self.people) + 1:07d}", group=group, sex=sex, given=given,
            family=self.rng.choice(pool.family), dob=dob, household=hid, postcode=postcode, adult=adult,
            nhs=self.new_nhs(), family_first=pool.family_first,
        )  # fmt: skip
        self.people.append(person)
        return person

    def _adult(self, hid: str, postcode: str, group: str, sex: str, age: int, style: str) -> Person:
        dob = REFERENCE_DATE - timedelta(days=age * 365 + self.rng.randint(0, 364))
        person = self._person(hid, postcode, group, sex, dob, adult=True)
        self._conventions(person, POOLS[group], style, father=None)
        if POOLS[group].mononym_share and self.rng.random() < POOLS[group].mononym_share:
            person.family = ""
        return person

    def _marry(self, mother: Person, father: Person, style: str) -> None:
        pool = POOLS[mother.group]
        if pool.wife_keeps_name or style in ("sikh", "bangladeshi", "somali") or not father.family:
            return
        if mother.family and self.rng.random() < MARRIED_TAKES_NAME:
            mother.birth_family = mother.family
            mother.family = feminine_form(POOLS[father.group], _masculine(father.family), married=True)

    def _child(
        self, hid: str, postcode: str, group: str, mother: Person, father: Person | None, dob: date, style: str,
        avoid: str = "",
    ) -> Person:  # fmt: skip
        rng = self.rng
        sex = rng.choice("MF")
        child = self._person(hid, postcode, group, sex, dob, adult=False)
        pool = POOLS[group]
        while child.given[0] == avoid:  # twins never share a first name
            child.given[0] = rng.choice(pool.male if sex == "M" else pool.female)
        parent = father or mother
        child.family = parent.family or parent.given[0]
        if father and mother.family and father.family and mother.family != father.family:
            if style == "southern_european" and father.family in IBERIAN and mother.family in IBERIAN:
                child.family = f"{father.family} {mother.family}"  # Spanish order; Portuguese writes it reversed
            elif group in ("british_irish", "mixed", "black_caribbean") and rng.random() < CHILD_DOUBLE_BARREL:
                child.family = f"{mother.family}-{_masculine(father.family)}"
        if father is None and group in ("british_irish", "black_caribbean", "mixed") and rng.random() < 0.5:
            child.family = mother.family
        self._conventions(child, pool, style, father=father)
        if group == "mixed":
            child.family_first = False
        if father and rng.random() < CHILD_SURNAME_CHANGED and mother.family and mother.family != child.family:
            child.birth_family, child.family = child.family, mother.family
        return child

    def _conventions(self, person: Person, pool: Pool, style: str, father: Person | None) -> None:
        """The community's way of naming, applied to a person already given a first name and a family name."""
        rng = self.rng
        if style == "sikh":
            person.sikh_name = "Singh" if person.sex == "M" else "Kaur"
            person.family = rng.choice(("Gill", "Sandhu", "Dhillon", "Sidhu", "Grewal", "Bains", "Johal"))
            if father is not None:
                person.family = father.family
        elif style == "bangladeshi":
            person.family = rng.choice(("Begum", "Khatun", "Bibi") if person.sex == "F" else
                                       ("Miah", "Uddin", "Ahmed", "Rahman", "Islam", "Hoque", "Choudhury"))  # fmt: skip
        elif style == "somali" or (pool.patronymic and father is not None and rng.random() < 0.5):
            if father is not None:
                person.family = father.given[0]
            elif style == "somali":  # an adult: named for a father not in the data
                person.family = rng.choice(sorted(name for name in SOMALI_GIVEN if name not in SOMALI_FEMALE))
            if style == "somali":
                person.given[0] = rng.choice(sorted(SOMALI_GIVEN))  # sorted: a set's order is not fixed
        elif person.group == "south_asian_muslim" and person.sex == "M" and rng.random() < MUHAMMAD_PREFIX:
            called = rng.choice([n for n in pool.male if n != "Muhammad"])
            person.given = ["Muhammad", called]
        if person.group == "east_asian" and person.family in VIETNAMESE:
            person.given.insert(0, "Văn" if person.sex == "M" else "Thị")  # the middle name written before
        if person.group == "eastern_european" or (father and father.group == "eastern_european"):
            person.family = _gendered(person)


def _gendered(person: Person) -> str:
    """The family name in the form for the person's sex (and, for Lithuanian women, marriage)."""
    male = _masculine(person.family)
    return feminine_form(POOLS["eastern_european"], male, married=person.adult) if person.sex == "F" else male


def _masculine(surname: str) -> str:
    for female, male in (("ska", "ski"), ("cka", "cki"), ("ienė", "as"), ("aitė", "as"), ("ytė", "is")):
        if surname.endswith(female):
            return surname[: -len(female)] + male
    return surname


def new_postcode(rng: random.Random) -> str:
    """An invented area (LW, valid in form and used by no real place) with districts and units like a county's."""
    unit = "".join(rng.choice(POSTCODE_UNIT_LETTERS) for _ in range(2))
    return f"LW{rng.randint(1, 40)} {rng.randint(1, 9)}{unit}"
