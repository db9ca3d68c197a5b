"""Demo data: family help's lists. Four families the MASH stepped down to early help, each referred, decided on by the
MASH manager and taken by family help as in life: one on the triage list, two waiting for allocation with a duty
worker (the Brennans beyond the four-week alert), and one allocated to Kim Turner with each child's voice.

The decisions are dated as if they were made weeks ago (the services date what they do now), so the waits are real
waits. Everyone here is invented. Idempotent: a referral is found again by its concern, and a family that has moved
on (triaged, allocated) is left where it is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.access.roles import Role
from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.core.models import Clock
from frontdoor.familyhelp import services as family_help
from frontdoor.familyhelp import stepdown
from frontdoor.familyhelp.clocks import FAMILY_SUBJECT
from frontdoor.familyhelp.models import Allocation, DutyWorker, Family, FamilyChild, FamilyStatus, Triage
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import REFERRAL_SUBJECT, Referral, ReferralAdult, ReferralChild, ReferralUpdate
from frontdoor.mash import selectors as mash_selectors
from frontdoor.mash import services as mash_services
from frontdoor.mash.models import Decision
from frontdoor.people.models import (
    Address,
    IdentifierScheme,
    Person,
    PersonIdentifier,
    PersonKind,
    Relationship,
    RelationshipKind,
    Sex,
)

# A second early help worker, for the lists to name as a duty worker: a colleague, not a demo sign-in.
COLLEAGUE = ("earlyhelp.duty", "Chris", "Adebayo")


@dataclass
class DemoFamily:
    surname: str
    street: str
    postcode: str
    adult: tuple[str, str, date, str]  # first name, sex, date of birth, relationship
    children: list[tuple[str, str, date]]
    referrer: str  # the demo user who referred
    concern: str
    issues: list[str]
    decided_days_ago: int
    state: str  # "triage", "waiting" or "allocated"
    duty_worker: str = ""  # username
    voices: dict[str, str] = field(default_factory=dict)  # a child's words at allocation; absent: why not


FAMILIES = [
    DemoFamily(
        "Brennan", "27 Mill Row", "ES4 6RT", ("Louise", Sex.FEMALE, date(1990, 7, 14), "Mother"),
        [("Ellie", Sex.FEMALE, date(2016, 10, 2)), ("Sonny", Sex.MALE, date(2019, 5, 21))],
        "dsl", "Since her partner left, Louise is struggling with mornings: Ellie is late most days and tired.",
        ["school_attendance"], 37, "waiting", duty_worker="earlyhelp",
    ),
    DemoFamily(
        "Osei", "4 Tanner's Yard", "ES6 1LB", ("Daniel", Sex.MALE, date(1984, 2, 9), "Father"),
        [("Kwame", Sex.MALE, date(2013, 12, 1)), ("Ama", Sex.FEMALE, date(2017, 8, 30))],
        "dsl", "Daniel works nights; Kwame gets Ama ready for school and is falling behind. Daniel asked for help.",
        ["other"], 16, "waiting", duty_worker=COLLEAGUE[0],
    ),
    DemoFamily(
        "Hart", "Flat 9, Brook House", "ES2 8DW", ("Jade", Sex.FEMALE, date(2001, 3, 5), "Mother"),
        [("Poppy", Sex.FEMALE, date(2022, 11, 17))],
        "referrer", "Poppy's speech is behind for her age; Jade moved here alone last spring and would like support.",
        ["other"], 1, "triage",
    ),
    DemoFamily(
        "Whitfield", "61 Coronation Street", "ES5 3PA", ("Sarah", Sex.FEMALE, date(1982, 12, 24), "Mother"),
        [("Mason", Sex.MALE, date(2011, 6, 8)), ("Lily", Sex.FEMALE, date(2014, 1, 19))],
        "dsl", "Mason has been excluded twice this term; Sarah says home is tense and Lily has gone quiet.",
        ["school_attendance", "parental_mental_health"], 40, "allocated", duty_worker="earlyhelp",
        voices={"Mason": "Says school is pointless and he wants his mum to stop shouting."},
    ),
]  # fmt: skip

ROLES = {"dsl": Role.SCHOOL_DSL, "referrer": Role.REFERRER, "mash.manager": Role.MASH_MANAGER}


def load_demo_family_help(today: date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["dsl", "referrer", "mash.manager", "earlyhelp"])}
    users[COLLEAGUE[0]] = _colleague(users["earlyhelp"])
    now = timezone.now()
    for spec in FAMILIES:
        _people(spec)
        referral = Referral.objects.filter(submitted_by=users[spec.referrer], concern=spec.concern).first()
        decided_at = now - timedelta(days=spec.decided_days_ago, hours=2)
        if referral is None:
            referral = intake_services.submit_referral(
                _referral_data(spec),
                actor=_actor(users[spec.referrer], ROLES[spec.referrer]),
                channel="web",
                received_at=decided_at - timedelta(hours=3),
            )
        _link(referral, spec)
        if mash_selectors.find_decision(referral) is None:
            mash_services.record_decision(
                referral,
                actor=_actor(users["mash.manager"], Role.MASH_MANAGER),
                outcome=stepdown.EARLY_HELP,
                summary="Early help: the family would like support, and there is no sign of significant harm.",
            )
            _as_if_decided_at(referral, decided_at)
    stepdown.take_decisions()
    for spec in FAMILIES:
        _work(spec, users, now - timedelta(days=spec.decided_days_ago, hours=2))


def _colleague(like: User) -> User:
    username, first, last = COLLEAGUE
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first, last_name=last, email=f"{username}@example.org")
        user.set_unusable_password()
    user.agency, user.is_active = like.agency, True
    user.save()
    access_services.grant_role(user, Role.EARLY_HELP_WORKER)
    return user


def _actor(user: User, role: str) -> Actor:
    return Actor(user=user, role=role, agency=user.agency)


def _people(spec: DemoFamily) -> None:
    """The family as the agencies know them: a parent and the children at one address, related to each other."""
    if Person.objects.filter(last_name=spec.surname).exists():
        return
    first, sex, born, _relationship = spec.adult
    parent = Person.objects.create(
        kind=PersonKind.ADULT, first_name=first, last_name=spec.surname, sex=sex, date_of_birth=born
    )
    _address(parent, spec)
    children = []
    for child_first, child_sex, child_born in spec.children:
        child = Person.objects.create(
            kind=PersonKind.CHILD,
            first_name=child_first,
            last_name=spec.surname,
            sex=child_sex,
            date_of_birth=child_born,
        )
        _address(child, spec)
        PersonIdentifier.objects.create(
            person=child, scheme=IdentifierScheme.NHS_NUMBER, value=_test_nhs_number(f"{spec.surname}/{child_first}")
        )
        Relationship.objects.create(
            person=parent, relative=child, kind=RelationshipKind.PARENT, parental_responsibility=True
        )
        children.append(child)
    for i, child in enumerate(children):
        for sibling in children[i + 1 :]:
            Relationship.objects.create(person=child, relative=sibling, kind=RelationshipKind.SIBLING)


def _address(person: Person, spec: DemoFamily) -> None:
    Address.objects.create(
        person=person, line1=spec.street, town="Esterbury", postcode=spec.postcode, valid_from=date(2021, 4, 1)
    )


def _test_nhs_number(key: str) -> str:
    """A valid NHS number from the 999 test range, the same for the same child on every load."""
    seed = int(hashlib.sha256(f"family-help/{key}".encode()).hexdigest()[:8], 16)
    n = 0
    while True:
        first_nine = f"999{(seed + n) % 1_000_000:06d}"
        check = nhs_check_digit(first_nine)
        if check is not None:
            return first_nine + str(check)
        n += 1


def _referral_data(spec: DemoFamily) -> intake_services.ReferralData:
    first, _sex, born, relationship = spec.adult
    return intake_services.ReferralData(
        referrer_name="Dana Hollis" if spec.referrer == "dsl" else "Rosa Fielding",
        referrer_role="Designated safeguarding lead" if spec.referrer == "dsl" else "Health visitor",
        concern=spec.concern,
        level_of_need=2,
        presenting_issues=spec.issues,
        consent="given",
        consent_given_by=f"{first} {spec.surname}",
        consent_covers="The family",
        parents_informed=True,
        children=[
            intake_services.ChildData(
                first_name=name,
                last_name=spec.surname,
                date_of_birth=child_born,
                sex=sex,
                address=spec.street,
                postcode=spec.postcode,
                wishes_and_feelings="Says they would like things at home to be easier.",
            )
            for name, sex, child_born in spec.children
        ],
        adults=[
            intake_services.AdultData(
                name=f"{first} {spec.surname}",
                relationship=relationship,
                date_of_birth=born,
                address=spec.street,
                postcode=spec.postcode,
                parental_responsibility=True,
            )
        ],
    )


def _link(referral: Referral, spec: DemoFamily) -> None:
    """The demo families have no agency records for the already-known check to match: their children and parent
    are linked here, as a MASH worker confirming who each one is would link them."""
    for child in ReferralChild.objects.filter(referral=referral, person__isnull=True):
        person = Person.objects.filter(last_name=spec.surname, first_name=child.first_name).first()
        ReferralChild.objects.filter(pk=child.pk).update(person=person)
    parent = Person.objects.filter(last_name=spec.surname, first_name=spec.adult[0]).first()
    ReferralAdult.objects.filter(referral=referral, person__isnull=True).update(person=parent)


def _as_if_decided_at(referral: Referral, at: datetime) -> None:
    """Date the MASH's decision (and the referrer's update, and its met clock) as if it had been made at `at`."""
    Decision.objects.filter(referral=referral).update(decided_at=at)
    ReferralUpdate.objects.filter(referral=referral).update(at=at)
    decision_clock = Clock.objects.filter(subject_type=REFERRAL_SUBJECT, subject_id=str(referral.pk))
    decision_clock.update(closed_at=at, met_late=False)


def _work(spec: DemoFamily, users: dict[str, User], decided_at: datetime) -> None:
    """Family help's work on the family so far: triaged the day after the decision; allocated three weeks on."""
    family = Family.objects.filter(step_downs__referral__concern=spec.concern).first()
    if family is None or spec.state == "triage":
        return
    kim = users["earlyhelp"]
    if family.status == FamilyStatus.TRIAGE:
        family_help.triage_family(
            family,
            actor=_actor(kim, Role.EARLY_HELP_WORKER),
            outcome="waiting_list",
            note="Talked with the family by phone: they want help with routines and school. Duty worker in touch.",
            duty_worker=users[spec.duty_worker],
        )
        triaged = decided_at + timedelta(days=1)
        Triage.objects.filter(family=family).update(triaged_at=triaged)
        DutyWorker.objects.filter(family=family).update(named_at=triaged)
        family.refresh_from_db()
    if spec.state == "allocated" and family.status == FamilyStatus.WAITING:
        children = FamilyChild.objects.filter(family=family)
        family_help.allocate(
            family,
            actor=_actor(users["mash.manager"], Role.MASH_MANAGER),
            lead=kim,
            family_voice="Sarah wants help to get Mason back into school and for the house to be calmer.",
            voices={
                child.pk: family_help.Voice(wishes_and_feelings=spec.voices[child.first_name])
                if child.first_name in spec.voices
                else family_help.Voice(not_obtained_reason="Did not want to talk yet; to be seen alone next visit.")
                for child in children
            },
        )
        allocated = decided_at + timedelta(days=22)
        Allocation.objects.filter(family=family).update(allocated_at=allocated)
        DutyWorker.objects.filter(family=family).update(ended_at=allocated)
        waits = Clock.objects.filter(subject_type=FAMILY_SUBJECT, subject_id=str(family.pk))
        waits.update(closed_at=allocated, met_late=False)
