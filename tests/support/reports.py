"""A fixed small dataset for the scorecard, built row by row so that each figure can be computed by hand.

The period is March 2026 (UK time), computed on 15 April 2026. Who is who:
  P1, P2  siblings referred by the school on 2 March (P1's voice recorded, P2's not); P1 referred again 20 March
  P3      referred by community health on 5 March
  P4, P5  children on police VISTs of 3 and 4 March
  P6      a child on a domestic abuse incident of 10 March with no VIST
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from frontdoor.core.models import Clock, ClockState
from frontdoor.encompass.models import EncompassIncident, Notice
from frontdoor.familyhelp.models import Allocation, Family, FamilyChild, FamilyStatus
from frontdoor.intake.models import DomesticAbuseIncident, IncidentPerson
from frontdoor.mash.models import Decision, VistTriage
from frontdoor.mash.models_conference import ChildProtectionConference, ConferenceOutcome
from frontdoor.mash.models_strategy import StrategyDiscussion, StrategyPerson
from frontdoor.missing.models import Category, Episode, InterviewRequest
from frontdoor.people.models import AgencyKind, Person, Sex
from frontdoor.reports.figures import Period
from support.factories import (
    AgencyFactory,
    ApiClientFactory,
    MashCheckFactory,
    MashCheckPersonFactory,
    PersonFactory,
    ReferralChildFactory,
    ReferralFactory,
    UserFactory,
    VistFactory,
    VistPersonFactory,
)

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int = 10, month: int = 3, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, tzinfo=LONDON)


MARCH = Period(start=at(1, 0), end=at(1, 0, month=4), now=at(15, 12, month=4))


@dataclass
class Dataset:
    period: Period
    people: dict[str, Person]
    school: object
    health: object
    police: object


def clock(
    rule: str,
    subject_type: str,
    subject_id: int,
    started: datetime,
    state: str,
    *,
    late: bool = False,
    due: datetime | None = None,
) -> Clock:
    due = due or started + timedelta(days=1)
    closed = due + timedelta(hours=2) if late else started + timedelta(hours=2)
    return Clock.objects.create(
        subject_type=subject_type,
        subject_id=str(subject_id),
        rule=rule,
        started_at=started,
        due_at=due,
        state=state,
        met_late=late,
        closed_at=closed if state == ClockState.MET else None,
        breached_at=due if state == ClockState.BREACHED or late else None,
    )


def build() -> Dataset:
    school = AgencyFactory(name="Kiln Lane Primary School", kind=AgencyKind.SCHOOL)
    health = AgencyFactory(name="Esterbury Community Health", kind=AgencyKind.COMMUNITY_HEALTH)
    police_client = ApiClientFactory()
    police = police_client.agency
    manager = UserFactory(roles=["mash_manager"])
    school_user = UserFactory(agency=school, roles=["referrer"])
    health_user = UserFactory(agency=health, roles=["referrer"])
    # Girls and boys in turn, said here rather than left to the factory's turn, which other tests move on.
    p = {
        name: PersonFactory(first_name=name, last_name="Scorecard", sex=Sex.FEMALE if n % 2 == 0 else Sex.MALE)
        for n, name in enumerate(("P1", "P2", "P3", "P4", "P5", "P6"))
    }

    def refer(user, when, children, consent="given", given_by="Mother", rationale=""):
        referral = ReferralFactory(
            submitted_by=user,
            referrer_agency=user.agency,
            received_at=when,
            consent=consent,
            consent_given_by=given_by,
            consent_rationale=rationale,
        )
        for person, voice in children:
            ReferralChildFactory(
                referral=referral,
                person=person,
                wishes_and_feelings=voice,
                wishes_not_obtained_reason="" if voice else "Too young to say",
            )
        return referral

    def decide(referral, outcome, when):
        Decision.objects.create(
            referral=referral, outcome=outcome, summary="Decided.", decided_at=when, decided_by=manager
        )

    # Referrals, one more than a year before and one in February (outside the period).
    old = refer(school_user, at(10, year=2025, month=1), [(p["P2"], "Fine")])
    decide(old, "assessment", at(10, 15, year=2025, month=1))
    february = refer(school_user, at(10, month=2), [(p["P3"], "Fine")])
    decide(february, "assessment", at(10, 15, month=2))
    r1 = refer(school_user, at(2), [(p["P1"], "I want to stay with my nan."), (p["P2"], "")])
    decide(r1, "assessment", at(2, 15))
    clock("referral.decision", "intake.referral", r1.pk, at(2), ClockState.MET)
    r2 = refer(
        health_user,
        at(5),
        [(p["P3"], "I like school.")],
        consent="not_sought",
        given_by="",
        rationale="Asking would put the child at risk.",
    )
    decide(r2, "nfa", at(9, 15))
    clock("referral.decision", "intake.referral", r2.pk, at(5), ClockState.MET, late=True)
    r3 = refer(school_user, at(20), [(p["P1"], "Still scared at home.")], given_by="")
    decide(r3, "strategy_discussion", at(21, 15))
    clock("referral.decision", "intake.referral", r3.pk, at(20), ClockState.RUNNING, due=at(20, month=4))

    # Police VISTs: one triaged as a referral, one not triaged yet.
    v1 = VistFactory(api_client=police_client, received_at=at(3), incident_at=at(3, 1), incident_reference="INC-A")
    VistPersonFactory(vist=v1, person=p["P4"])
    VistTriage.objects.create(
        vist=v1, outcome="referral", rationale="Needs an assessment.", triaged_at=at(3, 14), triaged_by=manager
    )
    v2 = VistFactory(api_client=police_client, received_at=at(4, 9), incident_at=at(4, 0), incident_reference="INC-B")
    VistPersonFactory(vist=v2, person=p["P5"])

    # Domestic abuse incidents with children: two with their VIST (3 and 9 hours), one without.
    for reference, when, child in (
        ("INC-A", at(2, 22), p["P4"]),
        ("INC-B", at(4, 0), p["P5"]),
        ("INC-C", at(10, 0), p["P6"]),
    ):
        incident = DomesticAbuseIncident.objects.create(
            api_client=police_client, incident_reference=reference, received_at=when, occurred_at=when
        )
        IncidentPerson.objects.create(incident=incident, role="child present", person=child, is_child=True)

    # MASH checks: police one in time and one late; health one in time and one open past its due time.
    def check(agency, answered, state, late=False, child=None, due=None):
        made = MashCheckFactory(
            referral=r1,
            agency=agency,
            requested_at=at(3),
            answered_at=at(3, 14) if answered else None,
            status="answered" if answered else "open",
        )
        if child is not None:
            MashCheckPersonFactory(mash_check=made, person=child)
        clock("mash.check.amber", "mash.check", made.pk, at(3), state, late=late, due=due)
        return made

    check(police, True, ClockState.MET, child=p["P1"])
    check(police, True, ClockState.MET, late=True, child=p["P2"])
    check(health, True, ClockState.MET, child=p["P1"])
    check(health, False, ClockState.BREACHED)

    # Strategy discussions: one held in time (record late, conference in time), one held late.
    d1 = StrategyDiscussion.objects.create(reference="SD-1", reason="Injury.", convened_at=at(6), convened_by=manager)
    StrategyPerson.objects.create(discussion=d1, person=p["P1"], name="P1", described_as="child", is_child=True)
    clock("mash.strategy.hold", "mash.strategy", d1.pk, at(6), ClockState.MET)
    clock("mash.strategy.record", "mash.strategy", d1.pk, at(7), ClockState.MET, late=True)
    clock("mash.strategy.conference", "mash.strategy", d1.pk, at(7), ClockState.MET, due=at(27))
    # Its conference on 20 March: P1 made subject to a plan under neglect; an unborn baby not identified, no plan.
    unborn = StrategyPerson.objects.create(discussion=d1, name="Baby S", described_as="unborn", is_child=True)
    conference = ChildProtectionConference.objects.create(
        discussion=d1,
        held_at=at(20),
        chair="The chair",
        child_views="Too young.",
        family_views="Agreed.",
        recorded_at=at(20, 15),
        recorded_by=manager,
    )
    (p1_on_d1,) = StrategyPerson.objects.filter(discussion=d1, person=p["P1"])
    ConferenceOutcome.objects.create(
        conference=conference, child=p1_on_d1, plan=True, category="NEG", plan_start=at(20).date()
    )
    ConferenceOutcome.objects.create(conference=conference, child=unborn, plan=False)
    d2 = StrategyDiscussion.objects.create(
        reference="SD-2", reason="Disclosure.", convened_at=at(25), convened_by=manager
    )
    clock("mash.strategy.hold", "mash.strategy", d2.pk, at(25), ClockState.BREACHED)

    # Operation Encompass: one notice delivered in time, one late, one not delivered and not yet due.
    encompass = EncompassIncident.objects.create(police_reference="INC-A", occurred_at=at(2, 22), started_at=at(3))
    for number, child, delivered, due in (
        (1, p["P4"], at(3, 8), at(3, 9)),
        (2, p["P5"], at(4, 11), at(4, 9)),
        (3, p["P6"], None, at(20, month=4)),
    ):
        Notice.objects.create(
            reference=f"OE-{number}",
            incident=encompass,
            child=child,
            routed="no_establishment",
            status="sent",
            child_name=child.display_name,
            incident_at=at(2, 22),
            created_at=at(3, 7) if number < 3 else at(31, 20),
            due_at=due,
            delivered_at=delivered,
        )

    # Return home interviews: one offered in time, one not.
    category = Category.objects.first() or Category.objects.create(code="missing", label="Missing")
    for number, child, state in ((1, p["P5"], ClockState.MET), (2, p["P6"], ClockState.BREACHED)):
        episode = Episode.objects.create(
            reference=f"ME-{number}",
            person=child,
            first_name="P",
            last_name="S",
            category=category,
            went_missing_at=at(8),
            reported_at=at(8),
        )
        interview = InterviewRequest.objects.create(episode=episode, requested_at=at(9))
        clock("missing.interview_offer", "missing.interview", interview.pk, at(9), state)

    # Family help: one family allocated after 14 days, one still waiting (36 days by 15 April), one waiting since
    # January (outside the period, beyond the alert).
    f1 = Family.objects.create(reference="FH-1", status=FamilyStatus.ALLOCATED, waiting_since=at(2), created_at=at(2))
    Allocation.objects.create(
        family=f1,
        lead_practitioner=manager,
        allocated_by=manager,
        allocated_at=at(16),
        family_voice="We need help with routines.",
    )
    f2 = Family.objects.create(
        reference="FH-2", status=FamilyStatus.WAITING, waiting_since=at(10, 12), created_at=at(10, 12)
    )
    FamilyChild.objects.create(family=f2, person=p["P3"])
    f3 = Family.objects.create(
        reference="FH-3", status=FamilyStatus.WAITING, waiting_since=at(5, month=1), created_at=at(5, month=1)
    )
    FamilyChild.objects.create(family=f3, person=p["P6"])
    return Dataset(MARCH, p, school, health, police)
