"""The shapes families take: couples (some separating, some re-partnering), lone parents (some children with two
fathers), step-families (children sometimes taking the step-father's surname), kinship care, expectant parents,
and couples without children (who still have domestic-abuse incidents)."""

from __future__ import annotations

from frontdoor.synth.names import ORIGINS
from frontdoor.synth.people import Household, Person
from frontdoor.synth.population import (
    CHILD_COUNTS,
    SEPARATION_RATE_PER_YEAR,
    Cluster,
    PopulationBuilder,
)
from frontdoor.synth.sampling import Weighted, chance
from frontdoor.synth.world import YEAR

FAMILY_KINDS = Weighted(
    [
        ("couple", 55.0),
        ("lone_mother", 22.0),
        ("step", 12.0),
        ("lone_father", 3.0),
        ("kinship", 2.5),
        ("expectant", 3.0),
        ("adults", 4.0),
    ]
)


class FamilyBuilder(PopulationBuilder):
    def cluster(self, budget: int | None) -> Cluster:
        """One family and its linked households, with at most ``budget`` children (None: no limit)."""
        self._cluster = Cluster()
        self._budget = budget if budget is not None else 10**9
        kind = FAMILY_KINDS.pick(self.rng)
        if self._budget <= 0 and kind not in ("adults", "expectant"):
            kind = "adults"
        getattr(self, f"_{kind}")()
        return self._cluster

    def _couple(self) -> None:
        world, rng = self.world, self.rng
        origin, ethnicity = ORIGINS.pick(rng)
        household = self._household("couple")
        count = CHILD_COUNTS.pick(rng)
        dates = self._birth_dates(count)
        mother_dob, father_dob = self._parents(dates[0][0], dates[-1][0])
        mother = self._adult("F", origin, ethnicity, mother_dob)
        father = self._adult("M", *self._partner_origin(origin, ethnicity), father_dob)
        married = rng.random() < 0.55
        if married:
            self._marry(mother, father)
        surname = father.last if married else self._child_surname(mother, father, 0.8)
        together = dates[0][0] - int(rng.random() * 4 * YEAR)
        self._home(mother, household, mother_dob)
        self._home(father, household, father_dob)
        children = self._children(household, dates, mother, father, surname)
        youngest = max((c.dob or 0 for c in children), default=world.start)
        separated = None
        if chance(rng, SEPARATION_RATE_PER_YEAR * world.span_years) and youngest + 90 < world.end - 60:
            separated = max(world.start, youngest + 90) + int(
                rng.random() * (world.end - 60 - max(world.start, youngest + 90))
            )
            self._single(father, separated, household.risk, partner=rng.random() < 0.3)
        household.partners.append((together, separated, father))
        if separated is not None and chance(rng, 0.25) and separated + 60 < world.end:
            joined = separated + 60 + int(rng.random() * (world.end - separated - 60))
            step = self._adult("M", origin, ethnicity, father_dob + int(rng.gauss(0, 4) * YEAR))
            self._home(step, household, joined)
            household.partners.append((joined, None, step))
        self._maybe_pregnant(household, mother, household.partner_on(world.end))

    def _lone_mother(self, father: Person | None = None, linked: bool = False) -> Household:
        world, rng = self.world, self.rng
        origin, ethnicity = (father.origin, father.ethnicity) if father else ORIGINS.pick(rng)
        household = self._household("lone_mother")
        count = CHILD_COUNTS.pick(rng)
        dates = self._birth_dates(count)
        mother_dob, father_dob = self._parents(dates[0][0], dates[-1][0])
        mother = self._adult("F", origin, ethnicity, mother_dob)
        self._home(mother, household, mother_dob)
        if father is None and rng.random() < 0.78:
            father = self._adult("M", *self._partner_origin(origin, ethnicity), father_dob)
            apart = min(dates[-1][0] + int(rng.random() * 3 * YEAR), world.end - 30)
            self._home(father, household, dates[0][0] - int(YEAR))
            household.partners.append((dates[0][0] - int(YEAR), apart, father))
            self._single(father, apart, household.risk, partner=rng.random() < 0.35)
        # Some lone mothers' children have two fathers: the younger ones another man's, with his surname.
        second = None
        if not linked and count >= 2 and rng.random() < 0.15:
            second = self._adult("M", origin, ethnicity, father_dob + int(rng.gauss(0, 3) * YEAR))
            self._single(second, world.end - int(rng.random() * 4 * YEAR), household.risk, partner=False)
        older = count // 2 if second else count
        if 0 < older < count and dates[older][0] == dates[older - 1][0]:
            older -= 1  # twins have one father
        self._children(household, dates[:older], mother, father, self._child_surname(mother, father, 0.45))
        if second:
            self._children(household, dates[older:], mother, second, self._child_surname(mother, second, 0.45))
        if not linked:
            self._maybe_pregnant(household, mother, None)
        return household

    def _step(self) -> None:
        world, rng = self.world, self.rng
        origin, ethnicity = ORIGINS.pick(rng)
        household = self._household("step")
        count = max(2, CHILD_COUNTS.pick(rng))
        joint = min(count - 1, 1 + int(rng.random() * 2)) if rng.random() < 0.45 else 0
        dates = self._birth_dates(count)
        while joint and dates[count - joint][0] == dates[count - joint - 1][0]:
            joint -= 1  # twins have one father
        mother_dob, father_dob = self._parents(dates[0][0], dates[-1][0])
        mother = self._adult("F", origin, ethnicity, mother_dob)
        self._home(mother, household, mother_dob)
        birth_father = self._adult("M", *self._partner_origin(origin, ethnicity), father_dob)
        step = self._adult("M", origin, ethnicity, father_dob + int(rng.gauss(0, 4) * YEAR))
        older_youngest = dates[count - joint - 1][0]
        latest_join = dates[count - joint][0] - 280 if joint else world.end - 30
        joined = min(latest_join, older_youngest + 180 + int(rng.random() * max(1, latest_join - older_youngest)))
        household.partners.append((dates[0][0] - int(2 * YEAR), min(older_youngest + 120, joined - 1), birth_father))
        self._home(birth_father, household, dates[0][0] - int(2 * YEAR))
        household.partners.append((joined, None, step))
        self._home(step, household, joined)
        if rng.random() < 0.45:
            self._marry(mother, step)
        older = self._children(household, dates[: count - joint], mother, birth_father, birth_father.last)
        for child in older:
            if child.twin is not None and child.twin in older[: older.index(child)]:
                child.last, child.known_as = child.twin.last, child.twin.known_as  # twins keep one surname
            elif rng.random() < 0.2:
                child.last = step.last  # changed by deed poll; birth_surname keeps the birth father's
            elif rng.random() < 0.3:
                child.known_as = step.last
        if joint:
            self._children(household, dates[count - joint :], mother, step, step.last)
        # The birth father lives elsewhere, perhaps with a new family; the step-father may have had one before.
        if rng.random() < 0.4:
            self._couple_for(birth_father, min(older_youngest + 120, joined - 1))
        else:
            self._single(birth_father, min(older_youngest + 120, joined - 1), household.risk, partner=False)
        if rng.random() < 0.35:
            self._lone_mother(father=step, linked=True)
        self._maybe_pregnant(household, mother, step)

    def _couple_for(self, father: Person, since: int) -> None:
        """A man's new household with a new partner and perhaps their own young children."""
        household = self._household("couple", risk=None)
        partner = self._adult(
            "F", father.origin, father.ethnicity, (father.dob or 0) + int(self.rng.gauss(3, 3) * YEAR)
        )
        self._home(father, household, since)
        self._home(partner, household, since)
        household.partners.append((since, None, father))
        first = max(since + 300, self.world.end - int(17.9 * YEAR))
        if first < self.world.end - 30 and self.rng.random() < 0.6:
            dates = [(first + int(self.rng.random() * (self.world.end - 30 - first)), False)]
            if self.rng.random() < 0.3 and dates[0][0] + 330 < self.world.end:
                dates.append((dates[0][0] + 330 + int(self.rng.random() * (self.world.end - dates[0][0] - 330)), False))
            self._children(household, dates, partner, father, father.last)

    def _lone_father(self) -> None:
        rng = self.rng
        origin, ethnicity = ORIGINS.pick(rng)
        household = self._household("lone_father")
        count = CHILD_COUNTS.pick(rng)
        dates = self._birth_dates(count)
        mother_dob, father_dob = self._parents(dates[0][0], dates[-1][0])
        father = self._adult("M", origin, ethnicity, father_dob)
        mother = self._adult("F", *self._partner_origin(origin, ethnicity), mother_dob)
        self._home(father, household, father_dob)
        self._home(mother, household, mother_dob)
        apart = min(dates[-1][0] + int(rng.random() * 2 * YEAR), self.world.end - 30)
        household.partners.append((dates[0][0] - int(YEAR), apart, mother))
        self._single(mother, apart, household.risk, partner=rng.random() < 0.4)
        self._children(household, dates, mother, father, father.last)

    def _kinship(self) -> None:
        """Grandparents bringing up their daughter's children, who lived with her until they moved in."""
        world, rng = self.world, self.rng
        origin, ethnicity = ORIGINS.pick(rng)
        household = self._household("kinship")
        count = CHILD_COUNTS.pick(rng)
        dates = self._birth_dates(count)
        mother_dob, father_dob = self._parents(dates[0][0], dates[-1][0])
        mother = self._adult("F", origin, ethnicity, mother_dob)
        grandmother = self._adult("F", origin, ethnicity, mother_dob - int(rng.gauss(26, 4) * YEAR), mother.last)
        self._home(grandmother, household, grandmother.dob or 0)
        if rng.random() < 0.5:
            grandfather = self._adult("M", origin, ethnicity, (grandmother.dob or 0) - int(2 * YEAR), mother.last)
            self._marry(grandmother, grandfather)
            self._home(grandfather, household, grandmother.dob or 0)
            household.partners.append((grandmother.dob or 0, None, grandfather))
        mothers_home = self._single(mother, mother_dob, max(2, household.risk), partner=rng.random() < 0.4)
        father = self._adult("M", origin, ethnicity, father_dob) if rng.random() < 0.5 else None
        if father is not None:
            self._single(father, father_dob, household.risk, partner=False)
        children = self._children(mothers_home, dates, mother, father, self._child_surname(mother, father, 0.5))
        youngest = max((c.dob or 0 for c in children), default=world.start)
        moved = youngest + 30 + int(rng.random() * max(1, world.end - 60 - youngest))
        for child in children:
            self._home(child, household, moved)

    def _expectant(self) -> None:
        origin, ethnicity = ORIGINS.pick(self.rng)
        household = self._household("expectant")
        mother = self._adult("F", origin, ethnicity, self._adult_dob(17, 38))
        self._home(mother, household, mother.dob or 0)
        partner = None
        if self.rng.random() < 0.6:
            partner = self._adult("M", *self._partner_origin(origin, ethnicity), self._adult_dob(18, 42))
            self._home(partner, household, self.world.start - int(2 * YEAR))
            household.partners.append((self.world.start - int(2 * YEAR), None, partner))
        self._maybe_pregnant(household, mother, partner)

    def _adults(self) -> None:
        """A couple without children; only here because domestic abuse happens in such households too."""
        origin, ethnicity = ORIGINS.pick(self.rng)
        household = self._household("adults", risk=3 if self.rng.random() < 0.6 else 2)
        woman = self._adult("F", origin, ethnicity, self._adult_dob(19, 60))
        man = self._adult(
            "M", *self._partner_origin(origin, ethnicity), (woman.dob or 0) - int(self.rng.gauss(2, 4) * YEAR)
        )
        since = self.world.start - int(self.rng.random() * 6 * YEAR)
        self._home(woman, household, since)
        self._home(man, household, since)
        household.partners.append((since, None, man))
