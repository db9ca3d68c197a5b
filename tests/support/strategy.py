"""Strategy discussions for tests: the agencies and workers who attend, a referral of a child of a given age (or
unborn), and convening and recording one through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from frontdoor.access.audit import Actor
from frontdoor.access.roles import Role
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import Referral
from frontdoor.mash import conference_services, strategy_convening, strategy_recording
from frontdoor.mash.models_strategy import Attending, StrategyDiscussion
from frontdoor.people.models import AgencyKind, Sex
from support.arrivals import referral_data, submit
from support.factories import AgencyFactory, PersonFactory, UserFactory


@dataclass
class Team:
    social_worker: object
    police: object
    health: object
    education: object
    referrer: object

    def actor(self, role: str = Role.MASH_SOCIAL_WORKER, user=None) -> Actor:
        user = user or self.social_worker
        return Actor(user=user, role=role, agency=user.agency)

    def invites(self, education: bool = True) -> list[strategy_convening.Invite]:
        invites = [
            strategy_convening.Invite(Attending.SOCIAL_CARE, self.social_worker),
            strategy_convening.Invite(Attending.POLICE, self.police),
            strategy_convening.Invite(Attending.HEALTH, self.health),
        ]
        return invites + ([strategy_convening.Invite(Attending.EDUCATION, self.education)] if education else [])


def make_team() -> Team:
    csc = AgencyFactory(name="Esterbury Children's Social Care", kind=AgencyKind.CHILDRENS_SOCIAL_CARE)
    police = AgencyFactory(name="Esterbury Constabulary", kind=AgencyKind.POLICE)
    health = AgencyFactory(name="Esterbury Community Health", kind=AgencyKind.COMMUNITY_HEALTH)
    school = AgencyFactory(name="Kiln Lane Primary School", kind=AgencyKind.SCHOOL)
    return Team(
        social_worker=UserFactory(first_name="Sam", last_name="Okafor", agency=csc, roles=[Role.MASH_SOCIAL_WORKER]),
        police=UserFactory(first_name="Priya", last_name="Nair", agency=police, roles=[Role.MASH_POLICE]),
        health=UserFactory(first_name="Helen", last_name="Moss", agency=health, roles=[Role.MASH_HEALTH]),
        education=UserFactory(first_name="Ed", last_name="Blake", agency=school, roles=[Role.SCHOOL_DSL]),
        referrer=UserFactory(first_name="Dana", last_name="Hollis", agency=school, roles=[Role.SCHOOL_DSL]),
    )


def refer_child(team: Team, *, born: date | None = None, expected: date | None = None) -> Referral:
    """A school's referral of Maisie (born `born`), or of an unborn baby expected on `expected`, and her mother; the
    child is linked to a person."""
    child = intake_services.ChildData(
        first_name="Maisie" if born else "",
        last_name="Ashdown",
        date_of_birth=born,
        expected_date_of_delivery=expected,
        wishes_and_feelings="Sad." if born else "",
        wishes_not_obtained_reason="" if born else "Not yet born.",
    )
    made = submit(
        team.referrer,
        referral_data(child, adults=[intake_services.AdultData(name="Claire Ashdown", relationship="Mother")]),
    )
    person = (
        PersonFactory(first_name="Maisie", last_name="Ashdown", date_of_birth=born, sex=Sex.FEMALE)
        if born
        else PersonFactory(
            kind="unborn", first_name="", last_name="Ashdown", date_of_birth=None, expected_date_of_delivery=expected
        )
    )
    made.children.update(person=person)
    return made


def convene(team: Team, referral: Referral, **kwargs) -> StrategyDiscussion:
    kwargs.setdefault("invites", team.invites())
    return strategy_convening.convene_strategy_discussion(
        actor=team.actor(), reason="Bruising and a disclosure.", referral=referral, **kwargs
    )


def everyone_attended(discussion: StrategyDiscussion) -> list[strategy_convening.Attendance]:
    return [
        strategy_convening.Attendance(i.pk, True, information_shared=f"{i.get_attending_for_display()} shared.")
        for i in discussion.invitees.all()
    ]


def record(team: Team, discussion: StrategyDiscussion, decisions=("s47_joint",), **kwargs) -> StrategyDiscussion:
    kwargs.setdefault("attendance", everyone_attended(discussion))
    kwargs.setdefault("actions", [])
    return strategy_recording.record_discussion(
        discussion, actor=team.actor(), decisions=list(decisions), rationale="Reasonable cause to suspect.", **kwargs
    )


def hold_conference(
    team: Team, discussion: StrategyDiscussion, held_at: datetime, plan: str = "NEG", plan_start: date | None = None
) -> object:
    """Record the initial conference after `discussion`, held at `held_at`: every child on it gets a plan in category
    `plan` from `plan_start` (the conference's day by default), or none when `plan` is empty."""
    start = plan_start or held_at.date()
    outcomes = [
        conference_services.ChildOutcome(p.pk, bool(plan), plan, start if plan else None)
        for p in discussion.people.filter(is_child=True)
    ]
    given = conference_services.Conference(
        held_at=held_at,
        chair="Chris Lowe",
        agencies=["social_care", "police", "health"],
        child_views="Maisie said she wants her mum to stop shouting.",
        family_views="Her mother agrees the family needs help.",
        outcomes=outcomes,
    )
    return conference_services.record_conference(discussion, actor=team.actor(), given=given)
