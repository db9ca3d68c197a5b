"""Education: the latest school census, one row per pupil."""

from __future__ import annotations

from datetime import date, timedelta

from frontdoor.synth.dates import iso, school_year_group
from frontdoor.synth.errors import Mistakes
from frontdoor.synth.events.model import Timeline
from frontdoor.synth.extracts.base import Extract
from frontdoor.synth.people import Person
from frontdoor.synth.population import Cluster
from frontdoor.synth.reference import ALL_THROUGH, ALTERNATIVE, PRIMARY
from frontdoor.synth.sampling import poisson
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files

SEN_SUPPORT = (0.10, 0.14, 0.18, 0.22)  # K, by household risk
EHC_PLAN = (0.02, 0.03, 0.04, 0.06)  # E
FREE_MEALS = (0.12, 0.32, 0.5, 0.65)
SUSPENSIONS = (0.01, 0.05, 0.2, 0.5)  # a year, secondary age; a fifth of that at primary
MID_PHASE_JOINERS = 0.12


class EducationExtract(Extract):
    system = "education"

    def __init__(self, world: World, files: Files, mistakes: Mistakes) -> None:
        super().__init__(world, files, mistakes)
        self.rng = world.stream("education facts")  # attendance, needs: they must not vary with the error scale
        self._census = files["education/census.csv"]
        self._schools = {s.urn: s for s in world.reference.schools}

    def cluster(self, cluster: Cluster, timeline: Timeline) -> None:
        for household in cluster.households:
            for child in household.children:
                if child.household is household and child.school and child.upn:
                    self._pupil(child)

    def _entry_date(self, child: Person, group: int) -> int:
        rng, world = self.rng, self.world
        phase = self._schools[child.school].phase
        if phase in (PRIMARY, ALL_THROUGH) or group <= 6:
            years_in = group
        elif group <= 11:
            years_in = group - 7
        else:
            years_in = group - 12
        september = date(world.census_year - years_in, 9, 1)
        start = (september + timedelta(days=(2 - september.weekday()) % 7)).toordinal()
        if phase == ALTERNATIVE or rng.random() < MID_PHASE_JOINERS:
            start += int(rng.random() * max(1, world.census_day - start))
        return start

    def _pupil(self, child: Person) -> None:
        rng, world = self.rng, self.world
        risk = child.household.risk
        group = school_year_group(child.dob or 0, world.census_year)
        u = rng.random()
        sen = "E" if u < EHC_PLAN[risk] else "K" if u < EHC_PLAN[risk] + SEN_SUPPORT[risk] else "N"
        deprivation = world.addresses.district(child.household.district).deprivation
        fsm = "Y" if rng.random() < FREE_MEALS[risk] + 0.1 * deprivation else "N"
        attendance = 97.0 - 2.5 * risk - (1.5 if group >= 7 else 0.0) - rng.expovariate(1 / (2.0 + 2.0 * risk))
        attendance = round(min(100.0, max(15.0, attendance)), 1)
        exclusions = poisson(rng, SUSPENSIONS[risk] * (1.0 if group >= 7 else 0.2))
        entry = self._entry_date(child, group)
        identity = self.mistakes.identity(child, self.system)
        address = self.address(child, identity, world.end)
        self.record(child.upn, child)
        self._census.row(
            (
                child.upn,
                child.former_upn,
                identity.last,
                identity.first,
                identity.middle,
                child.known_as or identity.last,
                iso(identity.dob) if identity.dob is not None else "",
                child.sex,
                child.school,
                iso(entry),
                address.postcode,
                sen,
                fsm,
                f"{attendance:.1f}",
                exclusions,
                world.census_label,
            )
        )
