"""Children's social care journeys (contact, referral, assessment, s47, plans, care) and early-help episodes.

A contact concerns a sibling group or one child; the decisions along the way are taken for the group together,
as they are in practice. Rates were tuned so that a county of 130,000 children sees per year about 32,500
contacts, 6,900 referrals, 7,100 assessments, 2,400 s47 enquiries, 700 child-protection plans starting, about
900 children looked after at any time and about 3,000 early-help episodes (domain reference, section 9).
"""

from __future__ import annotations

from random import Random

from frontdoor.synth.events.model import CareEvent, EarlyHelp, Timeline, Trigger
from frontdoor.synth.people import ADULT, CHILD, Household, Person
from frontdoor.synth.sampling import Weighted, between, poisson, weighted
from frontdoor.synth.world import World

CONTACT_RATE = (0.018, 0.16, 0.54, 1.15)  # contacts from non-police sources per household-year, by risk
REFERRAL_RATE = (0.048, 0.095, 0.15, 0.23)  # contacts that become referrals
STRAIGHT_TO_S47 = 0.08
REFERRAL_NFA = 0.06
S47_FROM_ASSESSMENT = (0.05, 0.11, 0.22, 0.36)
EARLY_HELP_FROM_ASSESSMENT = (0.2, 0.2, 0.15, 0.08)
CIN_FROM_ASSESSMENT = (0.12, 0.2, 0.25, 0.25)
CPP_FROM_S47 = (0.09, 0.16, 0.23, 0.3)
CARE_FROM_S47 = (0.015, 0.03, 0.08, 0.15)
CARE_DURING_CPP = 0.15
PRE_BIRTH = (0.0, 0.0, 0.3, 0.6)  # pregnancies in a household of this risk referred before birth
EARLY_HELP_RATE = (0.004, 0.035, 0.06, 0.05)  # requests for early help direct from partners, per household-year

CONTACT_OUTCOMES = weighted("NFA:35 ADVICE:40 EARLY_HELP:25")
SOURCES = weighted(
    "1A:8 1B:3 1C:1 1D:3 2A:25 2B:3 3A:5 3B:4 3C:2 3D:1 3E:6 3F:3 4:2 5A:2 5B:3 5C:2 5D:4 7:4 8:5 9:3 10:2"
)
NEEDS = weighted("N1:55 N2:3 N3:6 N4:15 N5:11 N6:3 N7:1 N8:2 N9:2 N0:2")
CATEGORIES = weighted("NEG:48 EMO:36 PHY:7 SAB:4 MUL:5")
EARLY_HELP_REASONS = Weighted(
    [
        ("Parenting support", 25.0),
        ("School attendance", 15.0),
        ("Child's behaviour", 14.0),
        ("Emotional wellbeing", 14.0),
        ("Domestic abuse (standard risk)", 10.0),
        ("Housing or financial difficulties", 8.0),
        ("Parental mental health", 7.0),
        ("Substance misuse in the family", 4.0),
        ("Young carer", 3.0),
    ]
)
EARLY_HELP_LEADS = Weighted(
    [
        ("Esterbury Family Help", 40.0),
        ("SCHOOL", 30.0),
        ("Health Visiting Service", 12.0),
        ("Esterbury Youth Service", 10.0),
        ("Family Hub", 8.0),
    ]
)


class CareEvents:
    def __init__(self, world: World) -> None:
        self.world = world
        self.rng: Random = world.events_rng
        self._busy: dict[str, int] = {}
        self._requests: list[tuple[int, list[Person], Household]] = []

    def cluster(self, households: list[Household], timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        self._busy = {}
        self._requests = []
        triggers = list(timeline.triggers)
        for household in households:
            if not household.children and not household.unborn:
                continue
            for _ in range(poisson(rng, CONTACT_RATE[household.risk] * world.span_years)):
                day = world.start + int(rng.random() * world.span_days)
                children = [c for c in household.residents_on(day) if c.kind == CHILD and (c.dob or 0) <= day]
                if not children:
                    continue
                if len(children) > 1 and rng.random() < 0.35:
                    children = [children[int(rng.random() * len(children))]]
                triggers.append(Trigger(day, children, SOURCES.pick(rng), household))
            self._pre_birth(household, triggers)
            for _ in range(poisson(rng, EARLY_HELP_RATE[household.risk] * world.span_years)):
                day = world.start + int(rng.random() * world.span_days)
                children = [c for c in household.residents_on(day) if c.kind == CHILD and (c.dob or 0) <= day]
                if children:
                    self._requests.append((day, children, household))
        triggers.sort(key=lambda t: t.day)
        for trigger in triggers:
            self._journey(trigger, timeline)
        self._early_help(timeline)

    def _pre_birth(self, household: Household, triggers: list[Trigger]) -> None:
        rng, world = self.rng, self.world
        if PRE_BIRTH[household.risk] == 0:
            return
        expected = [(u, u.edd or 0) for u in household.unborn]
        expected += [(c, c.dob or 0) for c in household.children if (c.dob or 0) >= world.start]
        for person, due in expected:
            if (person.twin is None or person.twin.pid > person.pid) and rng.random() < PRE_BIRTH[household.risk]:
                day = due - between(rng, 12, 20) * 7
                group = [person] + ([person.twin] if person.twin is not None else [])
                if world.start <= day <= world.end:
                    triggers.append(Trigger(day, group, "3F" if rng.random() < 0.6 else "3B", household))

    def _event(self, timeline: Timeline, child: Person, kind: str, start: int, end: int | None) -> CareEvent | None:
        if start > self.world.end:
            return None
        if end is not None and end > self.world.end:
            end = None
        event = CareEvent(child, kind, start, end)
        timeline.care.append(event)
        if kind not in ("CONTACT", "REFERRAL"):
            self._busy[child.pid] = max(self._busy.get(child.pid, 0), end if end is not None else 10**7)
        return event

    def _each(
        self, timeline: Timeline, children: list[Person], kind: str, start: int, end: int | None, **fields: str
    ) -> bool:
        """The same episode row for each child; False when it starts after the extract."""
        made = False
        for child in children:
            event = self._event(timeline, child, kind, start, end)
            if event is not None:
                made = True
                event.source = fields.get("source", "")
                event.need = fields.get("need", "")
                event.outcome = fields.get("outcome", "") if event.end is not None or kind == "CONTACT" else ""
                event.category = fields.get("category", "")
        return made

    def _journey(self, trigger: Trigger, timeline: Timeline) -> None:
        rng = self.rng
        day, risk = trigger.day, trigger.household.risk
        children = [c for c in trigger.children if self._busy.get(c.pid, 0) < day or rng.random() < 0.3]
        if not children or day > self.world.end:
            return
        pre_birth = any(c.dob is None or c.dob > day for c in children)
        p_referral = 0.65 if pre_birth else REFERRAL_RATE[risk] * (1.15 if trigger.source == "6" else 1.0)
        referred = rng.random() < p_referral
        straight = referred and rng.random() < STRAIGHT_TO_S47
        outcome = ("S47" if straight else "ASSESSMENT") if referred else CONTACT_OUTCOMES.pick(rng)
        self._each(timeline, children, "CONTACT", day, day, source=trigger.source, outcome=outcome)
        if not referred:
            if outcome == "EARLY_HELP" and rng.random() < 0.45:
                self._requests.append((day + between(rng, 1, 10), children, trigger.household))
            return
        for adult in trigger.household.residents_on(day):
            if adult.kind == ADULT and adult not in timeline.care_adults:
                timeline.care_adults.append(adult)
        referral_day = day + (0 if rng.random() < 0.7 else 1)
        need = NEEDS.pick(rng)
        nfa = not straight and rng.random() < REFERRAL_NFA
        referral_outcome = "S47" if straight else "NFA" if nfa else "ASSESSMENT"
        fields = {"source": trigger.source, "need": need}
        self._each(timeline, children, "REFERRAL", referral_day, referral_day, outcome=referral_outcome, **fields)
        if nfa:
            return
        start = referral_day + between(rng, 0, 3)
        length = 14 + int(rng.random() ** 1.3 * 50) + (between(rng, 10, 40) if rng.random() < 0.1 else 0)
        end = start + length
        if straight:
            result = self._s47(timeline, children, referral_day + between(rng, 0, 1), risk, need)
            self._each(timeline, children, "ASSESSMENT", start, end, need=need, outcome=result)
            return
        u = rng.random()
        if u < S47_FROM_ASSESSMENT[risk]:
            self._each(timeline, children, "ASSESSMENT", start, end, need=need, outcome="S47")
            self._s47(timeline, children, start + int(rng.random() * length), risk, need)
        elif u < S47_FROM_ASSESSMENT[risk] + EARLY_HELP_FROM_ASSESSMENT[risk]:
            self._each(timeline, children, "ASSESSMENT", start, end, need=need, outcome="EARLY_HELP")
            if rng.random() < 0.8:
                self._requests.append((end + between(rng, 1, 14), children, trigger.household))
        elif u < S47_FROM_ASSESSMENT[risk] + EARLY_HELP_FROM_ASSESSMENT[risk] + CIN_FROM_ASSESSMENT[risk]:
            self._each(timeline, children, "ASSESSMENT", start, end, need=need)
            plan_start = end + between(rng, 0, 10)
            self._each(
                timeline,
                children,
                "CIN_PLAN",
                plan_start,
                plan_start + between(rng, 90, 400),
                need=need,
                outcome="CLOSED",
            )
        else:
            self._each(timeline, children, "ASSESSMENT", start, end, need=need, outcome="NFA")

    def _s47(self, timeline: Timeline, children: list[Person], start: int, risk: int, need: str) -> str:
        rng = self.rng
        protect = rng.random() < CPP_FROM_S47[risk]
        self._each(
            timeline,
            children,
            "S47",
            start,
            start + between(rng, 5, 20),
            need=need,
            outcome="CPP" if protect else "NFA",
        )
        if rng.random() < CARE_FROM_S47[risk]:
            self._care(timeline, children, start + between(rng, 0, 2), need)
        if protect:
            plan_start = start + between(rng, 8, 21)
            plan_end = plan_start + 60 + int(rng.lognormvariate(5.1, 0.6))
            category = CATEGORIES.pick(rng)
            if rng.random() < CARE_DURING_CPP:
                plan_end = plan_start + between(rng, 30, plan_end - plan_start)
                self._care(timeline, children, plan_end, need)
            self._each(timeline, children, "CPP", plan_start, plan_end, need=need, outcome="CLOSED", category=category)
            return "CPP"
        if rng.random() < 0.4:
            plan_start = start + between(rng, 10, 30)
            self._each(
                timeline,
                children,
                "CIN_PLAN",
                plan_start,
                plan_start + between(rng, 90, 400),
                need=need,
                outcome="CLOSED",
            )
        return "NFA"

    def _care(self, timeline: Timeline, children: list[Person], start: int, need: str) -> None:
        length = 30 + int(self.rng.expovariate(1 / 850))
        self._each(timeline, children, "LAC", start, start + length, need=need, outcome="CLOSED")

    def _early_help(self, timeline: Timeline) -> None:
        rng, world = self.rng, self.world
        open_until: dict[str, int] = {}
        for day, children, household in sorted(self._requests, key=lambda r: r[0]):
            if day > world.end:
                continue
            group = [c for c in children if open_until.get(c.pid, 0) < day]
            if not group:
                continue
            episode = EarlyHelp(group, day, EARLY_HELP_REASONS.pick(rng))
            u = rng.random()
            wait = between(rng, 2, 14) if u < 0.45 else between(rng, 15, 42) if u < 0.8 else between(rng, 43, 70)
            lead = EARLY_HELP_LEADS.pick(rng)
            if lead == "SCHOOL":
                schools = [world.reference.by_urn[c.school].name for c in group if c.school]
                lead = schools[0] if schools else "Esterbury Family Help"
            elif lead == "Family Hub":
                lead = f"{world.addresses.district(household.district).town} Family Hub"
            episode.lead = lead
            if rng.random() < 0.05:
                episode.closed = day + wait if day + wait <= world.end else None  # closed before allocation
            elif day + wait <= world.end:
                episode.allocated = day + wait
                closed = episode.allocated + between(rng, 60, 300)
                episode.closed = closed if closed <= world.end else None
            for child in group:
                open_until[child.pid] = episode.closed if episode.closed is not None else 10**7
            timeline.early_help.append(episode)
