"""Health: emergency-department attendances, health-visitor contacts for under-fives, maternity episodes.

About 0.3 ED attendances per child per year (more for babies, teenagers and children in households under
strain); the five mandated health-visiting reviews plus targeted visits; a maternity episode for every birth and
booked pregnancy, some booked late (after 20 weeks) and some concealed (booked at delivery, or not at all yet).
"""

from __future__ import annotations

from random import Random

from frontdoor.synth.dates import MINUTES_PER_DAY, age_on
from frontdoor.synth.events.model import Encounter, Maternity, Timeline, Trigger
from frontdoor.synth.people import Household, Person
from frontdoor.synth.sampling import Weighted, between, poisson
from frontdoor.synth.world import YEAR, World

ED_RATE_BY_AGE = (
    0.7,
    0.44,
    0.44,
    0.44,
    0.44,
    0.23,
    0.23,
    0.23,
    0.23,
    0.23,
    0.23,
    0.23,
    0.34,
    0.34,
    0.38,
    0.4,
    0.41,
    0.44,
)
ED_RISK_FACTOR = (0.85, 1.05, 1.4, 1.9)
ED_TO_CONTACT = (0.0, 0.02, 0.08, 0.15)  # attendances that lead the hospital to contact children's social care
HV_REVIEWS = (
    (10, 14, "New birth visit"),
    (42, 56, "6-8 week review"),
    (270, 365, "9-12 month review"),
    (730, 912, "2-2.5 year review"),
)
HV_ATTENDED = 0.88
HV_TARGETED_PER_YEAR = (0.0, 0.5, 3.0, 5.0)
LATE_BOOKING = 0.08  # booked after 20 weeks
CONCEALED = 0.01  # booked at delivery

_REASONS = {
    "baby": Weighted(
        [
            ("Fever", 30.0),
            ("Breathing difficulty", 20.0),
            ("Vomiting", 15.0),
            ("Rash", 10.0),
            ("Head injury", 8.0),
            ("Feeding problem", 10.0),
            ("Bruising - query cause", 2.0),
        ]
    ),
    "child": Weighted(
        [
            ("Fracture", 15.0),
            ("Head injury", 15.0),
            ("Abdominal pain", 12.0),
            ("Asthma", 12.0),
            ("Laceration", 14.0),
            ("Burn", 5.0),
            ("Ingestion of medicine", 4.0),
            ("Fever", 15.0),
        ]
    ),
    "teen": Weighted(
        [
            ("Self-harm", 12.0),
            ("Overdose", 6.0),
            ("Alcohol intoxication", 6.0),
            ("Assault", 8.0),
            ("Sports injury", 25.0),
            ("Mental health crisis", 8.0),
            ("Abdominal pain", 20.0),
            ("Fracture", 15.0),
        ]
    ),
}
_CONCERNING = {
    "Bruising - query cause",
    "Ingestion of medicine",
    "Self-harm",
    "Overdose",
    "Assault",
    "Alcohol intoxication",
    "Mental health crisis",
    "Burn",
    "Head injury",
}
_ED_HOURS = Weighted(
    [(h, w) for h, w in enumerate((2, 2, 1, 1, 1, 1, 2, 3, 5, 6, 7, 7, 7, 7, 7, 8, 8, 9, 9, 8, 6, 5, 4, 3))]
)


class HealthEvents:
    def __init__(self, world: World) -> None:
        self.world = world
        self.rng: Random = world.events_rng

    def household(self, household: Household, timeline: Timeline) -> None:
        for child in household.children:
            if child.household is household:
                self._emergency(child, household, timeline)
                self._health_visiting(child, household, timeline)
                self._birth(child, timeline)
        for unborn in household.unborn:
            self._pregnancy(unborn, timeline)

    def _emergency(self, child: Person, household: Household, timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        dob = child.dob or 0
        first = max(world.start, dob)
        years = (world.end - first + 1) / YEAR
        age = min(17, max(0, age_on(dob, (first + world.end) // 2)))
        for _ in range(poisson(rng, ED_RATE_BY_AGE[age] * ED_RISK_FACTOR[household.risk] * years)):
            day = first + int(rng.random() * (world.end - first + 1))
            age_then = age_on(dob, day)
            reasons = _REASONS["baby" if age_then < 2 else "child" if age_then < 12 else "teen"]
            reason = reasons.pick(rng)
            start = day * MINUTES_PER_DAY + _ED_HOURS.pick(rng) * 60 + int(rng.random() * 60)
            timeline.encounters.append(Encounter(child, "EMER", start, start + between(rng, 60, 8 * 60), reason))
            if reason in _CONCERNING and rng.random() < ED_TO_CONTACT[household.risk] * 3:
                timeline.triggers.append(Trigger(day + between(rng, 0, 2), [child], "3E", household))

    def _health_visiting(self, child: Person, household: Household, timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        dob = child.dob or 0
        if dob < world.end - int(5 * YEAR):
            return
        for low, high, reason in HV_REVIEWS:
            day = dob + between(rng, low, high)
            if world.start <= day <= world.end and rng.random() < HV_ATTENDED:
                self._visit(child, day, reason, timeline)
        targeted = HV_TARGETED_PER_YEAR[household.risk]
        first = max(world.start, dob)
        last = min(world.end, dob + int(5 * YEAR))
        if targeted and last > first:
            for _ in range(poisson(rng, targeted * (last - first) / YEAR)):
                self._visit(child, first + int(rng.random() * (last - first)), "Targeted visit", timeline)

    def _visit(self, child: Person, day: int, reason: str, timeline: Timeline) -> None:
        rng = self.rng
        weekday = day % 7  # ordinal 1 (1 January of year 1) was a Monday, so ordinal % 7 is Sunday 0 ... Saturday 6
        day += 1 if weekday == 0 else 2 if weekday == 6 else 0
        if day > self.world.end:
            return
        start = day * MINUTES_PER_DAY + between(rng, 9, 15) * 60 + int(rng.random() * 4) * 15
        timeline.encounters.append(Encounter(child, "HH", start, start + between(rng, 2, 6) * 15, reason))

    def _booking_week(self) -> float | None:
        """Weeks of pregnancy at booking; None for a concealed pregnancy (booked at delivery)."""
        u = self.rng.random()
        if u < CONCEALED:
            return None
        if u < CONCEALED + LATE_BOOKING:
            return 20.5 + self.rng.random() * 14
        return max(6.0, self.rng.gauss(10, 1.8))

    def _birth(self, child: Person, timeline: Timeline) -> None:
        world = self.world
        dob = child.dob or 0
        if child.mother is None or dob < world.start or (child.twin is not None and child.twin.pid < child.pid):
            return
        gestation = min(42.0, self.rng.gauss(39.2, 1.6))
        week = self._booking_week()
        booking = dob if week is None else dob - int((gestation - min(week, gestation - 0.5)) * 7)
        timeline.maternity.append(Maternity(child.mother, booking, dob, finished=True))

    def _pregnancy(self, unborn: Person, timeline: Timeline) -> None:
        week = self._booking_week()
        edd = unborn.edd or 0
        if week is None or unborn.mother is None:
            return  # concealed: nobody knows yet
        booking = edd - 280 + int(week * 7)
        if booking <= self.world.end:
            timeline.maternity.append(Maternity(unborn.mother, booking, edd, finished=False))
