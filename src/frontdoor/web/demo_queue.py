"""Demo data: a morning's triage queue. Referrals and VISTs of each priority about the demo families (one with the
Kowalskis' unborn baby), one referral overdue and one whose priority the manager has set, some taken by a worker and
one assigned by the manager. Idempotent: a referral is found again by its concern, a VIST by its device id, and work
someone already has is left with them.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient, User
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import IncidentPerson, Referral, ReferralChild, Vist, VistPerson
from frontdoor.mash import selectors as mash_selectors
from frontdoor.mash import services as mash_services
from frontdoor.people.models import Person, PersonKind
from frontdoor.web.demo_adults import adults_on

KOWALSKIS = [("Kowalski", "Oliwia"), ("Kowalski", "Olek"), ("Kowalski", None)]  # None: the unborn baby
# Each referral: what worries the school, the level of need and presenting issues, the children, how many days
# before the demo was loaded it arrived, who has it (worker, and who gave it to them), and the priority the manager
# set at triage (otherwise the queue suggests one).
DEMO_REFERRALS: list[dict[str, Any]] = [
    {
        "concern": "Tyler came to school with bruises on both arms and said his dad grabbed him.",
        "level": 4, "issues": ["physical_abuse", "domestic_abuse"], "children": [("Ashdown", "Tyler")],
        "days_ago": 0, "worker": ("mash.sw", "mash.sw"),
    },
    {
        "concern": "Agnieszka is 30 weeks pregnant, alone with the twins; the flat is cold and damp.",
        "level": 3, "issues": ["neglect"], "children": KOWALSKIS, "days_ago": 0,
    },
    {
        "concern": "Maisie has missed 20 of the last 40 school days; her mum says she is anxious.",
        "level": 2, "issues": ["school_attendance"], "children": [("Ashdown", "Maisie")],
        "days_ago": 6, "set": "green",
    },
]  # fmt: skip
# Each VIST: its grade, the child present, the officer's account, and who has it (worker, and who gave it to them).
DEMO_VISTS: list[tuple[str, tuple[str, str], str, tuple[str, str] | None]] = [
    ("red", ("Ashdown", "Ruby"), "Found alone at 2am after her parents were arrested.", ("mash.police", "mash.police")),
    ("amber", ("Ashdown", "Maisie"), "Neighbours heard shouting; Maisie was at home.", ("mash.sw", "mash.manager")),
    ("green", ("Kowalski", "Olek"), "Found in the park after dark and walked home; mum had reported him late.", None),
]
ROLES = {"mash.sw": "mash_social_worker", "mash.manager": "mash_manager", "mash.police": "mash_police"}
WISHES = "Says they want things at home to be calmer."
UNBORN_VIEWS = "Agnieszka wants to keep the baby and needs help with the flat; the father's views are not known."


def load_demo_queue(today: date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["dsl", *ROLES])}
    dsl, now = users["dsl"], timezone.now()
    for spec in DEMO_REFERRALS:
        referral = Referral.objects.filter(submitted_by=dsl, concern=spec["concern"]).first()
        if referral is None:
            referral = intake_services.submit_referral(
                _referral_data(spec, today),
                actor=Actor(user=dsl, role="school_dsl", agency=dsl.agency),
                channel="web",
                received_at=now - timedelta(days=spec["days_ago"]),
            )
        _work_on(referral, spec.get("worker"), users)
        if spec.get("set") and mash_selectors.find_priority(referral) is None:
            mash_services.set_priority(referral, actor=_actor(users["mash.manager"]), priority=spec["set"])
    police = ApiClient.objects.get(name="police-records")
    for grade, (surname, first_name), circumstances, worker in DEMO_VISTS:
        child = Person.objects.filter(first_name=first_name, last_name=surname).order_by("id").first()
        vist, _new = intake_services.receive_vist(
            intake_services.VistData(
                client_id=uuid.uuid5(uuid.NAMESPACE_URL, f"frontdoor-demo-vist:{grade}"),
                officer_name="PC Jordan Ellis",
                officer_collar="4471",
                incident_reference=f"ESP-DEMO-{grade.upper()}",
                incident_at=now - timedelta(hours=3),
                children_present=True,
                risk_grade=grade,
                circumstances=circumstances,
                persons=[
                    intake_services.PersonData(
                        role="child present",
                        first_name=first_name,
                        last_name=surname,
                        date_of_birth=child.date_of_birth if child else None,
                        is_child=True,
                    )
                ],
            ),
            actor=Actor(user=None, role=None, agency=police.agency, api_client=police),
        )
        _work_on(vist, worker, users)
    _ashdown_incident(police, now)
    _link_the_families()


def _ashdown_incident(police: ApiClient, now: Any) -> None:
    """The domestic-abuse incident behind the red VIST: Darren Ashdown the suspect, Claire the victim, the three
    children in the house."""
    named = [("suspect", "Darren", False), ("victim", "Claire", False)] + [
        ("child", first, True) for first in ("Maisie", "Tyler", "Ruby")
    ]
    persons = []
    for role, first_name, is_child in named:
        person = Person.objects.filter(first_name=first_name, last_name="Ashdown").order_by("id").first()
        persons.append(
            intake_services.PersonData(
                role=role,
                first_name=first_name,
                last_name="Ashdown",
                date_of_birth=person.date_of_birth if person else None,
                is_child=is_child,
                present=True if is_child else None,
            )
        )
    intake_services.receive_incident(
        intake_services.IncidentData(
            incident_reference="ESP-DEMO-RED",
            occurred_at=now - timedelta(hours=4),
            location="14 Kiln Lane, Esterbury",
            postcode="ES3 7QP",
            circumstances="Neighbours called police to shouting and breaking glass; Darren Ashdown was arrested.",
            persons=persons,
        ),
        actor=Actor(user=None, role=None, agency=police.agency, api_client=police),
    )


def _link_the_families() -> None:
    """The demo families have no agency records for the already-known check to match, so their arrivals are
    linked to them here, as a MASH worker confirming who each child and adult is would link them."""
    for model in (ReferralChild, VistPerson, IncidentPerson):
        for arrival in model.objects.filter(person__isnull=True, last_name__in=["Ashdown", "Kowalski"]):
            found = Person.objects.filter(last_name=arrival.last_name)
            if arrival.first_name:
                found = found.filter(first_name=arrival.first_name, date_of_birth=arrival.date_of_birth)
            else:
                found = found.filter(kind=PersonKind.UNBORN)
            person = found.order_by("id").first()
            if person is not None:
                model.objects.filter(pk=arrival.pk).update(person=person)


def _referral_data(spec: dict[str, Any], today: date) -> intake_services.ReferralData:
    children = []
    for surname, first_name in spec["children"]:
        if first_name is None:
            unborn = Person.objects.filter(last_name=surname, kind=PersonKind.UNBORN).first()
            due = unborn.expected_date_of_delivery if unborn else None
            children.append(
                intake_services.ChildData(
                    last_name=surname,
                    expected_date_of_delivery=due or today + timedelta(days=70),
                    wishes_and_feelings=UNBORN_VIEWS,
                )
            )
            continue
        person = Person.objects.filter(first_name=first_name, last_name=surname).order_by("id").first()
        children.append(
            intake_services.ChildData(
                first_name=first_name,
                last_name=surname,
                date_of_birth=person.date_of_birth if person else None,
                sex=person.sex if person else "U",
                wishes_and_feelings=WISHES,
            )
        )
    urgent = spec["level"] == 4
    return intake_services.ReferralData(
        referrer_name="Dana Hollis",
        referrer_role="Designated safeguarding lead",
        concern=spec["concern"],
        level_of_need=spec["level"],
        presenting_issues=spec["issues"],
        consent="dispensed" if urgent else "given",
        consent_rationale="Asking the parents could increase the risk to the child." if urgent else "",
        consent_given_by="" if urgent else "The children's mother",
        consent_covers="" if urgent else "The mother and the children",
        children=children,
        adults=adults_on(spec["concern"]),
    )


def _actor(user: User) -> Actor:
    return Actor(user=user, role=ROLES[user.username], agency=user.agency)


def _work_on(item: Referral | Vist, worker: tuple[str, str] | None, users: dict[str, User]) -> None:
    """Give the item to the worker (taken, or given by the manager) unless someone already has it."""
    if worker is None or mash_selectors.find_assignment(item) is not None:
        return
    username, by = worker
    mash_services.assign(item, actor=_actor(users[by]), worker=users[username])
