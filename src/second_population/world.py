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
from second_population.names import CENSUS_2021_ENGLAND_SHARES, GROUPS, NATIONS, Pool, feminine_form

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
# South Asian Muslim boys given Muhammad as a first name and called by the name after it.
MUHAMMAD_PREFIX = 0.35
# Children of the mixed group: one parent of a minority group, the other British or Irish.
MIXED_OTHER_PARENT = ("black_caribbean", "black_african", "south_asian_muslim", "indian", "east_asian", "arab_other")

# Fathers are on average about three years older than mothers (ONS: mean ages at a birth 33.7 and 30.9).
FATHER_OLDER_BY = (-2, 8)
# In a mixed household, the mother of the minority group half the time, the father the other half.
MIXED_MOTHER_MINORITY = 0.5
# A lone mother's child with her surname rather than the absent father's (birth registrations by the mother alone).
LONE_MOTHER_SURNAME = 0.5
# Bangladeshi women's surnames (the customary Begum, Khatun), different from their husbands' and sons'.
BANGLADESHI_WOMEN = ("Begum", "Khatun", "Bibi")
VIETNAMESE = frozenset({"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Huỳnh", "Bùi", "Đỗ", "Ngô"})
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
    pool: Pool | None = field(default=None, repr=False)  # the community whose names the person has

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

    def _nation(self, group: str) -> Pool:
        """One of the communities within a group, by its share."""
        nations = NATIONS[group]
        return self.rng.choices([pool for _, pool in nations], [share for share, _ in nations])[0]

    def household(self) -> None:
        rng = self.rng
        self._households += 1
        hid = f"H{self._households:06d}"
        postcode = new_postcode(rng)
        group = rng.choices(self._groups, cum_weights=self._weights)[0]
        mother_group = father_group = group
        if group == "mixed":
            mother_group, father_group = "british_irish", rng.choice(MIXED_OTHER_PARENT)
            if rng.random() < MIXED_MOTHER_MINORITY:
                mother_group, father_group = father_group, mother_group
        child_pool = self._nation(group)
        mother_pool = child_pool if mother_group == group else self._nation(mother_group)
        father_pool = child_pool if father_group == group else self._nation(father_group)
        eldest = rng.randint(0, 17)
        mother_age = eldest + rng.randint(*MOTHER_AGE_AT_BIRTH)
        father = None
        if rng.random() >= LONE_PARENT_SHARE:
            father_age = mother_age + rng.randint(*FATHER_OLDER_BY)
            father = self._adult(hid, postcode, father_group, father_pool, "M", father_age)
        mother = self._adult(hid, postcode, mother_group, mother_pool, "F", mother_age)
        if father is not None:
            self._marry(mother, father)
        count = rng.choices([c for c, _ in CHILDREN_PER_FAMILY], [w for _, w in CHILDREN_PER_FAMILY])[0]
        ages = sorted({eldest, *(rng.randint(0, eldest) for _ in range(count - 1))}, reverse=True)
        for age in ages:
            dob = REFERENCE_DATE - timedelta(days=age * 365 + rng.randint(0, 364))
            first = self._child(hid, postcode, group, child_pool, mother, father, dob)
            if rng.random() < TWIN_MATERNITY_RATE:
                twin = self._child(hid, postcode, group, child_pool, mother, father, dob, avoid=first.given[0])
                twin.family, twin.birth_family = first.family, first.birth_family  # one family name for both
                twin.family = _gendered(twin, father.pool if father and father.pool else child_pool)
                twin.twin_of, first.twin_of = first.person_id, twin.person_id

    def _person(self, hid: str, postcode: str, group: str, pool: Pool, sex: str, dob: date, adult: bool) -> Person:
        given = [self.rng.choice(pool.male if sex == "M" else pool.female)]
        person = Person(
            person_id=f"Q{len(self.people) + 1:07d}", group=group, sex=sex, given=given,
            family=self.rng.choice(pool.family), dob=dob, household=hid, postcode=postcode, adult=adult,
            nhs=self.new_nhs(), family_first=pool.family_first, pool=pool,
        )  # fmt: skip
        self.people.append(person)
        return person

    def _adult(self, hid: str, postcode: str, group: str, pool: Pool, sex: str, age: int) -> Person:
        dob = REFERENCE_DATE - timedelta(days=age * 365 + self.rng.randint(0, 364))
        person = self._person(hid, postcode, group, pool, sex, dob, adult=True)
        self._conventions(person, pool, father=None)
        if sex == "F":
            person.family = feminine_form(pool, person.family, married=False)  # her own name, from her father
        if pool.mononym_share and self.rng.random() < pool.mononym_share:
            person.family = ""
        return person

    def _marry(self, mother: Person, father: Person) -> None:
        assert mother.pool is not None and father.pool is not None
        if mother.pool.wife_keeps_name or mother.pool.convention or not father.family or not mother.family:
            return
        if self.rng.random() < MARRIED_TAKES_NAME:
            mother.birth_family = mother.family
            mother.family = feminine_form(father.pool, father.family, married=True)

    def _child(
        self, hid: str, postcode: str, group: str, pool: Pool, mother: Person, father: Person | None, dob: date,
        avoid: str = "",
    ) -> Person:  # fmt: skip
        rng = self.rng
        sex = rng.choice("MF")
        child = self._person(hid, postcode, group, pool, sex, dob, adult=False)
        while child.given[0] == avoid:  # twins never share a first name
            child.given[0] = rng.choice(pool.male if sex == "M" else pool.female)
        parent = father or mother
        child.family = _masculine(parent.family) or parent.given[0]
        if father and mother.family and father.family and mother.family != father.family:
            if pool.convention == "compound" and mother.pool is pool:
                first, second = (father.family, mother.family) if "García" in pool.family else (
                    mother.family, father.family)  # fmt: skip
                child.family = f"{first} {second}"  # Spanish: father's then mother's; Portuguese the other way
            elif group in ("british_irish", "mixed", "black_caribbean") and rng.random() < CHILD_DOUBLE_BARREL:
                child.family = f"{mother.family}-{father.family}"
        if father is None and mother.family and rng.random() < LONE_MOTHER_SURNAME:
            child.family = _masculine(mother.family)
        self._conventions(child, pool, father=father)
        child.family = _gendered(child, father.pool if father and father.pool else pool)
        if group == "mixed":
            child.family_first = False
        if father and rng.random() < CHILD_SURNAME_CHANGED and mother.family and mother.family != child.family:
            child.birth_family, child.family = child.family, mother.family
        return child

    def _conventions(self, person: Person, pool: Pool, father: Person | None) -> None:
        """The community's way of naming, applied to a person already given a first name and a family name."""
        rng = self.rng
        if pool.convention == "sikh":
            person.sikh_name = "Singh" if person.sex == "M" else "Kaur"
        elif pool.convention == "bangladeshi":
            person.family = rng.choice(BANGLADESHI_WOMEN if person.sex == "F" else pool.family)
        elif father is not None and father.pool is pool and rng.random() < pool.patronymic:
            person.family = father.given[-1]  # named for the father: his given name as the surname
        if person.group == "south_asian_muslim" and person.sex == "M" and rng.random() < MUHAMMAD_PREFIX:
            called = rng.choice([n for n in pool.male if n not in ("Muhammad", "Abdul")])
            person.given = ["Muhammad", called]
        if person.family in VIETNAMESE:
            person.given.insert(0, "Văn" if person.sex == "M" else "Thị")  # the middle name written before


def _gendered(person: Person, pool: Pool) -> str:
    """The family name in the form for the person's sex (Kowalski, Kowalska; a Lithuanian daughter's -aitė)."""
    male = _masculine(person.family)
    return feminine_form(pool, male, married=person.adult) if person.sex == "F" else male


def _masculine(surname: str) -> str:
    for female, male in (("ska", "ski"), ("cka", "cki"), ("ienė", "as"), ("aitė", "as"), ("ytė", "is"), ("utė", "us")):
        if surname.endswith(female):
            return surname[: -len(female)] + male
    return surname


def new_postcode(rng: random.Random) -> str:
    """An invented area (LW, valid in form and used by no real place) with districts and units like a county's."""
    unit = "".join(rng.choice(POSTCODE_UNIT_LETTERS) for _ in range(2))
    return f"LW{rng.randint(1, 40)} {rng.randint(1, 9)}{unit}"
