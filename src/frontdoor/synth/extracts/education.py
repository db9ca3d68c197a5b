"""Education: the latest school census, one row per registration, and the council's elective home education register.

How children are enrolled, at documented rates (drawn from their own stream, so the other facts and every record's
identity stay as they were):

- Elective home education: 1.4 in every 100 children of compulsory school age (Years 1 to 11) on census day. DfE,
  "Elective home education", autumn term 2024/25 (explore-education-statistics.service.gov.uk, official statistics
  in development): 111,700 children in EHE on the autumn census day, a rate of 1.4 per 100 of the school-age
  population (1.5, 126,000 children, in autumn 2025/26). They are on no school's roll: the council's register holds
  them (`education/ehe_register.csv`), with their UPN where they had one, instead of the census.
- Dual registration: mostly pupils of pupil referral units and alternative provision, main-registered at their
  mainstream school and subsidiary-registered at the AP (DfE, "Alternative provision: statutory guidance for local
  authorities", para. 40; school census guide, enrolment status C, M, S). Half of the county's AP pupils are dual
  registered: each is on both returns, the mainstream school's row `M` and the AP's row `S`; every other pupil is a
  current single registration, `C`.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from frontdoor.core.identifiers import upn_check_letter
from frontdoor.synth.dates import iso, school_year_group
from frontdoor.synth.errors import Mistakes
from frontdoor.synth.events.model import Timeline
from frontdoor.synth.extracts.base import Extract
from frontdoor.synth.people import Person
from frontdoor.synth.population import Cluster
from frontdoor.synth.reference import ALL_THROUGH, ALTERNATIVE, LA_CODE, PRIMARY, SECONDARY, School
from frontdoor.synth.sampling import poisson
from frontdoor.synth.schooling import TEMPORARY_LETTERS
from frontdoor.synth.world import World
from frontdoor.synth.writers import Files

SEN_SUPPORT = (0.10, 0.14, 0.18, 0.22)  # K, by household risk
EHC_PLAN = (0.02, 0.03, 0.04, 0.06)  # E
FREE_MEALS = (0.12, 0.32, 0.5, 0.65)
SUSPENSIONS = (0.01, 0.05, 0.2, 0.5)  # a year, secondary age; a fifth of that at primary
MID_PHASE_JOINERS = 0.12
HOME_EDUCATED = 0.014  # of children of compulsory school age, on census day (DfE EHE autumn 2024/25)
DUAL_REGISTERED_AP = 0.5  # of alternative-provision pupils: main at a mainstream school, subsidiary at the AP


class EducationExtract(Extract):
    system = "education"

    def __init__(self, world: World, files: Files, mistakes: Mistakes) -> None:
        super().__init__(world, files, mistakes)
        self.rng = world.stream("education facts")  # attendance, needs: they must not vary with the error scale
        self._census = files["education/census.csv"]
        self._ehe = files["education/ehe_register.csv"]
        self.enrolment = world.stream("enrolment")
        self._second_rolls = world.stream("second rolls")  # so a second roll shifts no other pupil's enrolment
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
        dob = iso(identity.dob) if identity.dob is not None else ""
        names = (identity.last, identity.first, identity.middle)
        enrolment, phase = self.enrolment, self._schools[child.school].phase
        if 1 <= group <= 11 and enrolment.random() < HOME_EDUCATED:
            since = max(entry, world.census_day - 1 - int(enrolment.random() * 3 * 365))
            row = (child.upn, *names, dob, child.sex, address.postcode, child.school, iso(since))
            self._ehe.row(row)
            return
        facts = (iso(entry), address.postcode, sen, fsm, f"{attendance:.1f}", exclusions, world.census_label)
        pupil = (child.upn, child.former_upn, *names, child.known_as or identity.last, dob, child.sex)
        if phase == ALTERNATIVE and enrolment.random() < DUAL_REGISTERED_AP:
            home = world.reference.school_for(enrolment, SECONDARY, child.household.district)
            self._census.row((*pupil, home.urn, *facts, "M"))
            self._census.row((*pupil, child.school, *facts, "S"))
            return
        self._census.row((*pupil, child.school, *facts, "C"))
        if self.mistakes.registered_twice(self.system):
            self._second_roll(child, pupil, facts)

    def _second_roll(self, child: Person, pupil: tuple, facts: tuple) -> None:
        """The pupil on a second school's roll in the same census: moved, and the new school, without the old one's
        transfer file, gave a temporary UPN (a letter in its thirteenth place: DfE's UPN guidance)."""
        world, enrolment = self.world, self._second_rolls
        phase = self._schools[child.school].phase
        phase = phase if phase in (PRIMARY, SECONDARY) else SECONDARY
        other = world.reference.school_for(enrolment, phase, child.household.district)
        if other.urn == child.school:  # moved to the next school along
            schools = world.reference.by_phase[phase]
            other = schools[(schools.index(other) + 1) % len(schools)]
        if other.urn == child.school:
            return
        temporary = temporary_upn(other, world.census_year, enrolment)
        identity = self.mistakes.identity(child, self.system)  # keyed in afresh by the new school
        dob = iso(identity.dob) if identity.dob is not None else ""
        self.record(temporary, child)
        names = (identity.last, identity.first, identity.middle)
        self._census.row((temporary, "", *names, child.known_as or identity.last, dob, child.sex, other.urn, *facts,
                          "C"))  # fmt: skip


def temporary_upn(school: School, census_year: int, rng: Random) -> str:
    """A temporary UPN, as a school gives a pupil whose permanent one it does not know: its own LA and establishment
    numbers and the year, then two digits and a letter in the thirteenth place (DfE, "Unique pupil numbers (UPNs):
    guidance": a final letter marks a temporary UPN), with its own check letter."""
    letter = TEMPORARY_LETTERS[int(rng.random() * len(TEMPORARY_LETTERS))]
    body = f"{LA_CODE}{school.estab:04d}{census_year % 100:02d}{int(rng.random() * 100):02d}{letter}"
    return upn_check_letter(body) + body
