"""Police incidents: domestic abuse, missing children, other incidents involving children and adults; VISTs.

Rates are per household-year or person-year by the household's risk (0-3) and were tuned so that a county of
130,000 children sees about 15,000 domestic-abuse incidents a year (children present at about a third) and about
1,000 children a year reported missing, many more than once.
"""

from __future__ import annotations

import zlib
from random import Random

from frontdoor.synth.dates import MINUTES_PER_DAY, age_on
from frontdoor.synth.events.model import Incident, Timeline, Trigger, Vist
from frontdoor.synth.people import ADULT, CHILD, Household, Person
from frontdoor.synth.sampling import Weighted, poisson
from frontdoor.synth.world import YEAR, World

# Documented rates (shared/reference/domain.md and the inspection, shared/seeds/000_*):
# - DA_RATE gives ~15,000 domestic-abuse incidents a year at 130,000 children; children in about a third.
#   Northamptonshire's ~780 Operation Encompass notifications a month (domain.md §9, ~26 a day) is the one published
#   figure for a county of this size; our ~5,000 a year with children named (about 14 a day) sits below it, as
#   Northamptonshire also notifies for incidents where the children are only linked.
# - VIST lateness: the inspection found VISTs "delayed" and submitted "days or weeks after the related incident",
#   and "a few not submitted at all". No force publishes its rates, so they are set here and documented: about
#   three in four VISTs within a day, about one in five one to seven days late, about one in twelve more than a week
#   late (`vist_delay`); one in ten incidents with children never gets one (NO_VIST_RATE).
DA_RATE = (0.005, 0.07, 0.47, 1.55)  # domestic-abuse incidents per household-year (households with a partner)
DA_CHILDREN_PRESENT = 0.55  # of incidents in a household with children
DA_CHILDREN_LINKED = 0.6  # children not present but recorded as linked
NO_VIST_RATE = 0.1  # incidents that should have had a VIST and never got one
# The force's response teams by area: the attending officer's team is the one covering the household's area.
TEAMS = ("Esterbury North response", "Esterbury South response", "Rural East response", "Rural West response")
MISSING_RATE = (0.004, 0.021, 0.052, 0.13)  # children aged 10-17 reported missing in a year
REPEAT_MISSING = 0.55  # chance of each further episode in the same year
FIRST_CONCERN_FOR_SAFETY = 0.25  # missing reports first held as CONCERN FOR SAFETY
FOUND_AS_CONCERN = 0.55  # ... of which found before being upgraded to missing (they never get a VIST)
MISSING_VIST = 0.85
CHILD_INCIDENT_RATE = (0.008, 0.03, 0.08, 0.18)  # other incidents per child-year aged 8-17
ADULT_INCIDENT_RATE = (0.006, 0.025, 0.08, 0.2)  # other incidents per adult-year
VIST_TO_CONTACT = 0.9

_NIGHT = Weighted(
    [(h, w) for h, w in enumerate((5, 4, 3, 2, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3, 4, 5, 6, 7, 8, 9, 9, 8, 7))]
)
_DAY = Weighted(
    [(h, w) for h, w in enumerate((1, 1, 0, 0, 0, 0, 1, 2, 4, 5, 5, 5, 5, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2))]
)
_DA_SUMMARIES = (
    "Verbal argument between partners; neighbours called police",
    "Victim reports being pushed and threatened; suspect left before police arrived",
    "Ex-partner attended the address in breach of bail conditions",
    "Argument over child contact arrangements escalated",
    "Suspect arrested for assault; victim declined to support a prosecution",
    "Property damaged during an argument; no injuries reported",
    "Repeat call; victim disclosed controlling behaviour over several months",
    "Third-party report of shouting and screaming from the address",
)
_OTHER_KINDS = Weighted([("ASSAULT", 30), ("ASB", 25), ("THEFT", 15), ("OTHER", 15), ("CONCERN FOR SAFETY", 15)])
_OTHER_SUMMARIES = {
    "ASSAULT": "Assault reported; injuries minor",
    "ASB": "Group causing anti-social behaviour in the area",
    "THEFT": "Theft from a shop reported by staff",
    "OTHER": "Report made to police; details recorded",
    "CONCERN FOR SAFETY": "Welfare check requested by a member of the public",
}
_CHILD_SAID = (
    "Said that mummy and daddy were shouting again",
    "Said they hid upstairs with their brother",
    "Said they were scared",
    "Did not want to talk to officers",
    "Said it happens a lot",
    "Said they just wanted to go home",
    "Said nobody listens to them",
)


def minute(rng: Random, day: int, hours: Weighted[int]) -> int:
    return day * MINUTES_PER_DAY + hours.pick(rng) * 60 + int(rng.random() * 60)


def vist_delay(rng: Random) -> int:
    """Minutes from incident to VIST: mostly hours, sometimes days, occasionally weeks."""
    u = rng.random()
    if u < 0.74:
        return 30 + int(rng.random() ** 1.5 * 20 * 60)
    if u < 0.92:
        return MINUTES_PER_DAY + int(rng.random() * 6 * MINUTES_PER_DAY)
    return 7 * MINUTES_PER_DAY + int(rng.random() * 35 * MINUTES_PER_DAY)


def _grade(rng: Random, risk: int) -> str:
    u = rng.random() + 0.15 * risk
    return "RED" if u > 1.05 else "AMBER" if u > 0.55 else "GREEN"


class PoliceEvents:
    def __init__(self, world: World) -> None:
        self.world = world
        self.rng = world.events_rng
        self._last_minute = (world.end + 1) * MINUTES_PER_DAY - 1

    def household(self, household: Household, timeline: Timeline) -> None:
        self._domestic(household, timeline)
        for child in household.children:
            if child.household is household:
                self._missing(child, household, timeline)
                self._child_incidents(child, household, timeline)
        for adult in household.adults:
            if adult.household is household:
                self._adult_incidents(adult, household, timeline)

    def _day(self, first: int) -> int:
        first = max(first, self.world.start)
        return first + int(self.rng.random() * max(1, self.world.end - first + 1))

    def _domestic(self, household: Household, timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        if not household.partners:
            return
        for _ in range(poisson(rng, DA_RATE[household.risk] * world.span_years)):
            day = self._day(world.start)
            residents = household.residents_on(day)
            adults = [p for p in residents if p.kind == ADULT]
            partner = household.partner_on(day)
            suspect: Person | None
            if partner is not None and partner in adults:
                suspect = partner
            else:
                suspect = household.ex_partner_before(day) or partner
            victims = [p for p in adults if p is not suspect]
            if suspect is None or not victims:
                continue
            victim = victims[0]
            if rng.random() < 0.1:
                victim, suspect = suspect, victim
            incident = Incident("DOMESTIC ABUSE", minute(rng, day, _NIGHT), household, "")
            incident.postcode = household.address_on(day).postcode
            self._attend(incident)
            incident.summary = _DA_SUMMARIES[int(rng.random() * len(_DA_SUMMARIES))]
            incident.people = [(victim, "VICTIM"), (suspect, "SUSPECT")]
            children = [p for p in residents if p.kind == CHILD and (p.dob or 0) <= day]
            if children:
                incident.children_present = rng.random() < DA_CHILDREN_PRESENT
                if incident.children_present or rng.random() < DA_CHILDREN_LINKED:
                    role = "CHILD PRESENT" if incident.children_present else "CHILD LINKED"
                    incident.people += [(child, role) for child in children]
                    if rng.random() >= NO_VIST_RATE:
                        self._vists(incident, children, household.risk, timeline, "Domestic abuse incident")
            timeline.incidents.append(incident)

    @staticmethod
    def _attend(incident: Incident) -> None:
        """The attending officer (a collar number) and their team, the one covering the incident's postcode area.

        Drawn from the incident itself, not the random stream, so adding them changed no other part of the county."""
        incident.collar = f"{1000 + zlib.crc32(f'{incident.minute}:{incident.postcode}'.encode()) % 8999}"
        incident.team = TEAMS[zlib.crc32(incident.postcode.split(" ")[0].encode()) % len(TEAMS)]

    def _vists(self, incident: Incident, subjects: list[Person], risk: int, timeline: Timeline, about: str) -> None:
        rng = self.rng
        submitted = incident.minute + vist_delay(rng)
        drawn = f"{1000 + int(rng.random() * 8999)}"
        collar = incident.collar or drawn  # the attending officer sends the VIST
        channel = "MOBILE" if rng.random() < 0.7 else "DESKTOP"
        grade = _grade(rng, risk)
        for subject in subjects:
            at = submitted + int(rng.random() * 12)
            if at > self._last_minute:
                continue  # not submitted by the time of the extract
            said = ""
            if incident.children_present and age_on(subject.dob or 0, incident.minute // MINUTES_PER_DAY) >= 4:
                said = _CHILD_SAID[int(rng.random() * len(_CHILD_SAID))] if rng.random() < 0.45 else ""
            vist = Vist(subject, at, grade, f"{about}; {len(subjects)} child(ren) in the household", said)
            vist.collar, vist.channel = collar, channel
            incident.vists.append(vist)
        if incident.vists and rng.random() < VIST_TO_CONTACT:
            day = incident.vists[0].submitted // MINUTES_PER_DAY + int(rng.random() * 3)
            if day <= self.world.end:
                children = [v.subject for v in incident.vists]
                timeline.triggers.append(Trigger(day, children, "6", incident.household))

    def _missing(self, child: Person, household: Household, timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        dob = child.dob or 0
        first_year = max(world.start, dob + int(10 * YEAR))
        year_start = world.start
        while year_start <= world.end:
            year_end = min(world.end, year_start + 365)
            if year_end >= first_year and rng.random() < MISSING_RATE[household.risk]:
                episodes = 1
                while episodes < 15 and rng.random() < REPEAT_MISSING:
                    episodes += 1
                low = max(year_start, first_year)
                for _ in range(episodes):
                    self._missing_episode(child, household, low + int(rng.random() * (year_end - low + 1)), timeline)
            year_start += 366

    def _missing_episode(self, child: Person, household: Household, day: int, timeline: Timeline) -> None:
        rng = self.rng
        incident = Incident("MISSING PERSON", minute(rng, day, _NIGHT), household, household.address_on(day).postcode)
        hours = 1 + rng.lognormvariate(2.0, 1.0)
        found = incident.minute + int(min(hours, 240) * 60)
        held_as_concern = rng.random() < FIRST_CONCERN_FOR_SAFETY
        if held_as_concern and rng.random() < FOUND_AS_CONCERN:
            incident.kind = "CONCERN FOR SAFETY"
            found = incident.minute + 30 + int(rng.random() * 300)
            incident.summary = "Child not home at the agreed time; located before any upgrade to missing"
        else:
            u = rng.random() + 0.1 * household.risk
            incident.risk = "HIGH" if u > 0.95 else "MEDIUM" if u > 0.45 else "LOW"
            incident.summary = (
                "First recorded as concern for safety; upgraded to missing person"
                if held_as_concern
                else "Reported missing by carer; not seen since the evening"
            )
        incident.found = found if found <= self._last_minute else None
        incident.people = [(child, "MISSING PERSON")]
        carers = [p for p in household.residents_on(day) if p.kind == ADULT]
        if carers and rng.random() < 0.85:
            incident.people.append((carers[0], "INFORMANT"))
        if incident.kind == "MISSING PERSON" and rng.random() < MISSING_VIST:
            self._vists(incident, [child], household.risk, timeline, "Missing episode")
        timeline.incidents.append(incident)

    def _child_incidents(self, child: Person, household: Household, timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        first = max(world.start, (child.dob or 0) + int(8 * YEAR))
        if first > world.end:
            return
        years = (world.end - first + 1) / YEAR
        for _ in range(poisson(rng, CHILD_INCIDENT_RATE[household.risk] * years)):
            day = self._day(first)
            kind = _OTHER_KINDS.pick(rng)
            home = household.address_on(day).postcode
            where = home if rng.random() < 0.4 else world.addresses.random_postcode(rng)
            incident = Incident(kind, minute(rng, day, _DAY), household, where)
            incident.summary = _OTHER_SUMMARIES[kind]
            if kind == "CONCERN FOR SAFETY":
                role = "CHILD LINKED"
                incident.found = incident.minute + 20 + int(rng.random() * 180)
            else:
                u = rng.random()
                old_enough = age_on(child.dob or 0, day) >= 10
                role = "VICTIM" if u < 0.5 else "SUSPECT" if u < 0.8 and old_enough else "WITNESS"
            incident.people = [(child, role)]
            carers = [p for p in household.residents_on(day) if p.kind == ADULT]
            if carers and rng.random() < 0.3:
                incident.people.append((carers[0], "INFORMANT"))
            if (kind == "ASSAULT" and role == "VICTIM" and rng.random() < 0.5) or (
                kind == "CONCERN FOR SAFETY" and rng.random() < 0.4
            ):
                self._vists(incident, [child], household.risk, timeline, f"{kind.capitalize()} involving a child")
            timeline.incidents.append(incident)

    def _adult_incidents(self, adult: Person, household: Household, timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        for _ in range(poisson(rng, ADULT_INCIDENT_RATE[household.risk] * world.span_years)):
            day = self._day(world.start)
            kind = _OTHER_KINDS.pick(rng)
            if kind == "CONCERN FOR SAFETY":
                kind = "OTHER"
            incident = Incident(kind, minute(rng, day, _NIGHT), household, world.addresses.random_postcode(rng))
            incident.summary = _OTHER_SUMMARIES[kind]
            u = rng.random()
            incident.people = [(adult, "SUSPECT" if u < 0.55 else "VICTIM" if u < 0.85 else "WITNESS")]
            timeline.incidents.append(incident)
