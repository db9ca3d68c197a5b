"""People and households: the building blocks of families (see families.py for the shapes families take).

A family is built as a *cluster*: the household the children live in plus the households of the adults linked to
it (an absent father who has re-partnered elsewhere, a step-father's previous family, the birth mother of children
in kinship care). A cluster is complete when built, so it can be written and forgotten: memory stays bounded.
"""

from __future__ import annotations

from random import Random

from frontdoor.synth.names import MIXED, ORIGINS
from frontdoor.synth.people import ADULT, CHILD, UNBORN, Household, Person
from frontdoor.synth.sampling import Weighted, chance
from frontdoor.synth.world import YEAR, World

# Children aged 0-17 per family: six or more in about 2.5% of families.
CHILD_COUNTS = Weighted(
    [(1, 40.0), (2, 35.5), (3, 15.0), (4, 5.0), (5, 2.0), (6, 1.3), (7, 0.6), (8, 0.35), (9, 0.15), (10, 0.1)]
)
TWIN_BIRTH_RATE = 0.015  # twin maternities per birth
PREGNANCY_RATE = 0.075  # mothers under 45 in a family household who are pregnant on the extract date
SEPARATION_RATE_PER_YEAR = 0.03
HOME_MOVES_PER_YEAR = 0.07
_RISK_BONUS = {"couple": 0.0, "lone_mother": 0.07, "step": 0.09, "lone_father": 0.05, "kinship": 0.2}


class Cluster:
    __slots__ = ("households", "people")

    def __init__(self) -> None:
        self.households: list[Household] = []
        self.people: list[Person] = []

    @property
    def children(self) -> int:
        return sum(1 for p in self.people if p.kind == CHILD)


class PopulationBuilder:
    """The building blocks of families: people, households, children, partnerships, pregnancies."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.rng: Random = world.population_rng
        self._cluster = Cluster()
        self._budget = 0

    # People ----------------------------------------------------------------------------------------------------

    def _person(self, kind: str, sex: str, origin: str, ethnicity: str) -> Person:
        person = self.world.registry.person(kind, sex, origin, ethnicity)
        self._cluster.people.append(person)
        return person

    def _adult(self, sex: str, origin: str, ethnicity: str, dob: int, surname: str = "") -> Person:
        rng, names = self.rng, self.world.names
        person = self._person(ADULT, sex, origin, ethnicity)
        young = dob >= self.world.end - int(23 * YEAR)
        person.first = names.first_name(rng, origin, sex, child=young)
        person.middle = names.middle_name(rng, origin, sex, young, person.first)
        person.last = person.birth_surname = surname or names.surname(rng, origin)
        if not surname and names.mononym(rng, origin):
            person.last = person.birth_surname = ""
        person.dob = dob
        return person

    def _partner_origin(self, origin: str, ethnicity: str) -> tuple[str, str]:
        if chance(self.rng, 0.07):
            return ("english", "WBRI") if origin != "english" else ORIGINS.pick(self.rng)
        return origin, ethnicity

    def _adult_dob(self, low_age: float, high_age: float) -> int:
        return self.world.end - int((low_age + self.rng.random() * (high_age - low_age)) * YEAR)

    def _home(self, person: Person, household: Household, since: int) -> None:
        person.homes.append((since, household))
        group = {CHILD: household.children, UNBORN: household.unborn}.get(person.kind, household.adults)
        if person not in group:
            group.append(person)

    # Households ------------------------------------------------------------------------------------------------

    def _household(self, kind: str, risk: int | None = None) -> Household:
        world, rng = self.world, self.rng
        moves = 0
        expected = HOME_MOVES_PER_YEAR * world.span_years
        while rng.random() < expected / (moves + 1) and moves < 3:
            moves += 1
        move_days = sorted(world.start + int(rng.random() * world.span_days) for _ in range(moves))
        settled = world.start - 30 - int(rng.random() * 8 * YEAR)
        starts = [world.start - int(20 * YEAR), settled, *move_days]
        addresses = [world.addresses.new() for _ in starts]
        if risk is None:
            deprivation = world.addresses.district(addresses[-1].district).deprivation
            u = rng.random() - _RISK_BONUS.get(kind, 0.0) - 0.06 * deprivation
            risk = 3 if u < 0.03 else 2 if u < 0.11 else 1 if u < 0.31 else 0
        household = world.registry.household(kind, risk)
        for index, (start, address) in enumerate(zip(starts, addresses, strict=True)):
            end = None
            if index + 1 < len(starts):
                overlap = int(rng.random() * 28) if rng.random() < 0.3 else -1
                end = starts[index + 1] + overlap
            household.addresses.append((start, end, address))
        household.district = addresses[-1].district
        household.gp = world.reference.practice_for(rng, household.district).ods
        self._cluster.households.append(household)
        return household

    def _single(self, adult: Person, since: int, risk: int, partner: bool) -> Household:
        """An adult living apart from their children, sometimes with a new partner."""
        household = self._household("apart", risk)
        self._home(adult, household, since)
        if partner:
            sex = "F" if adult.sex == "M" else "M"
            other = self._adult(sex, *self._partner_origin(adult.origin, adult.ethnicity), adult.dob or 0)
            other.dob = (adult.dob or self.world.end) + int(self.rng.gauss(0, 3 * YEAR))
            self._home(other, household, since)
            household.partners.append((since, None, other if adult.sex == "F" else adult))
        return household

    # Children --------------------------------------------------------------------------------------------------

    def _birth_dates(self, count: int) -> list[tuple[int, bool]]:
        """``count`` dates of birth, eldest first, spaced as siblings are; (dob, born a twin)."""
        rng = self.rng
        births: list[int] = []
        while sum(births) < count:
            births.append(2 if rng.random() < TWIN_BIRTH_RATE else 1)
        gaps = [max(300, int(rng.gauss(1000, 420))) for _ in births[1:]]
        limit = int(17.5 * YEAR)
        if sum(gaps) > limit:
            gaps = [max(290, g * limit // sum(gaps)) for g in gaps]
        span = sum(gaps)
        # One child, chosen at random, gets an age uniform over 0-17; the others sit around it as spaced. This
        # keeps the county's ages near uniform rather than bunched in the middle years.
        oldest = int(17.99 * YEAR)
        for _ in range(12):
            anchor = int(rng.random() * len(births))
            # Slightly U-shaped, to make up for the families whose spread is cut off at 0 and 17.
            eldest_age = int(rng.betavariate(0.85, 0.85) * oldest) + sum(gaps[:anchor])
            if span <= eldest_age <= oldest:
                break
        else:
            eldest_age = span + int(rng.random() * max(0, oldest - span))
        while span > eldest_age:
            gaps = [max(1, g - 1) for g in gaps]
            span = sum(gaps)
        dob = self.world.end - eldest_age
        dates = []
        for index, size in enumerate(births):
            if index:
                dob += gaps[index - 1]
            dates.extend([(dob, size == 2)] * size)
        return dates

    def _children(
        self,
        household: Household,
        dates: list[tuple[int, bool]],
        mother: Person | None,
        father: Person | None,
        surname: str,
    ) -> list[Person]:
        rng, names = self.rng, self.world.names
        dates = dates[: max(0, self._budget)]
        self._budget -= len(dates)
        carer = mother or father
        assert carer is not None
        origin = carer.origin if father is None or rng.random() < 0.5 else father.origin
        ethnicity = carer.ethnicity
        if mother and father and mother.ethnicity != father.ethnicity:
            other = father.ethnicity if mother.ethnicity == "WBRI" else mother.ethnicity
            ethnicity = MIXED.get(other, "MOTH")
        children: list[Person] = []
        for dob, twin in dates:
            child = self._person(CHILD, "M" if rng.random() < 0.512 else "F", origin, ethnicity)
            if twin and children and children[-1].dob == dob and children[-1].twin is None:
                sibling = children[-1]
                child.twin, sibling.twin = sibling, child
                if rng.random() < 0.6:
                    child.sex = sibling.sex
                pair = names.twin_names(rng, origin, (sibling.sex, child.sex))
                if pair:
                    sibling.first, child.first = pair
            if not child.first:
                child.first = names.first_name(rng, origin, child.sex, child=True)
            while child.twin is not None and names.one_name(child.first, child.twin.first):
                child.first = names.first_name(rng, origin, child.sex, child=True)
            child.middle = names.middle_name(rng, origin, child.sex, True, child.first)
            if child.twin is not None:
                # Nor one twin's first name as the other's middle name (Amelia Julia and Julia): twins' parents keep
                # their names apart. No other draw, so the rest of the county is as before.
                if child.middle == child.twin.first:
                    child.middle = ""
                if child.twin.middle == child.first:
                    child.twin.middle = ""
            child.last = child.birth_surname = surname
            if father is not None and (origin == "somali" or not surname):
                # Somali children (patronymic), and a mononym's, are known by their father's given name; the
                # family's name is the one schools and doctors may still hold.
                child.last = child.birth_surname = father.first
                child.known_as = surname if surname != father.first else ""
            child.last = child.birth_surname = child.last or carer.first
            child.dob = dob
            child.mother, child.father = mother, father
            self._home(child, household, dob)
            children.append(child)
        return children

    def _child_surname(self, mother: Person, father: Person | None, father_share: float) -> str:
        u = self.rng.random()
        if father is None or u >= father_share + 0.06:
            return mother.birth_surname
        if u < father_share:
            return father.last
        first, second = (mother.birth_surname, father.last) if self.rng.random() < 0.5 else (father.last, mother.last)
        return f"{first} {second}" if self.rng.random() < 0.3 else f"{first}-{second}"

    def _marry(self, wife: Person, husband: Person) -> None:
        if self.rng.random() < 0.9:
            wife.last = husband.last
        elif "-" not in wife.birth_surname:
            wife.last = f"{wife.birth_surname}-{husband.last}"

    def _maybe_pregnant(self, household: Household, mother: Person, father: Person | None) -> None:
        world, rng = self.world, self.rng
        youngest = max((c.dob or 0 for c in household.children), default=0)
        if mother.dob is None or world.end - mother.dob > 44 * YEAR or youngest > world.end - 300:
            return
        if household.kind != "expectant" and not chance(rng, PREGNANCY_RATE):
            return
        unborn = self._person(UNBORN, "M" if rng.random() < 0.512 else "F", mother.origin, mother.ethnicity)
        weeks = 5 + rng.random() * 36
        unborn.edd = world.end + int((40 - weeks) * 7)
        unborn.last = unborn.birth_surname = father.last if father and rng.random() < 0.75 else mother.last
        unborn.mother, unborn.father = mother, father
        self._home(unborn, household, world.end - int(weeks * 7))

    def _parents(self, eldest_dob: int, youngest_dob: int) -> tuple[int, int]:
        rng = self.rng
        mother_dob = eldest_dob - int(min(42.0, max(16.5, rng.gauss(27.5, 5.5))) * YEAR)
        mother_dob = max(mother_dob, youngest_dob - int(45 * YEAR))
        father_dob = mother_dob - int(rng.gauss(2.5, 4.0) * YEAR)
        return mother_dob, min(father_dob, eldest_dob - int(17 * YEAR))
