"""Arrivals and known people for tests: a school's referral, a police VIST, a child the county knows, a referral of a
known child and her mother with what the already-known check found for the mother."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.intake import services
from frontdoor.intake.matching import match_arrivals
from frontdoor.intake.models import ArrivalKind, IdentityCheck, Referral
from frontdoor.people.models import Person, SourceRecord
from support.factories import UserFactory


def referral_data(*children: services.ChildData, **fields) -> services.ReferralData:
    """A complete referral of these children, with a school's referrer and a level 4 concern unless told otherwise."""
    defaults = {
        "referrer_name": "Dana Hollis",
        "referrer_role": "Designated safeguarding lead",
        "concern": "Bruising seen on both arms.",
        "level_of_need": 4,
        "consent": "dispensed",
        "consent_rationale": "Asking would increase the risk.",
    }
    return services.ReferralData(children=list(children), **{**defaults, **fields})


def submit(referrer, data: services.ReferralData, role: str = "school_dsl", **kwargs):
    """Send `data` as `referrer`, acting in `role`, through the service a web referral goes through."""
    actor = Actor(user=referrer, role=role, agency=referrer.agency)
    return services.submit_referral(data, actor=actor, channel="web", **kwargs)


def refer(
    child: SourceRecord | None = None, adult_name: str | None = "Claire Ashdown", referrer=None, **child_fields
) -> str:
    """A school's referral of one child (a known record's details, or the fields given) and, unless None, the
    child's mother; returns its reference."""
    referrer = referrer or UserFactory(roles=["school_dsl"])
    if child is not None:
        child_fields = {
            "first_name": child.first_name,
            "last_name": child.last_name,
            "date_of_birth": child.date_of_birth,
            "postcode": child.postcode,
        }
    data = services.ReferralData(
        referrer_name="Dana",
        referrer_role="DSL",
        concern="Bruises.",
        level_of_need=4,
        consent="dispensed",
        consent_rationale="Risk of significant harm.",
        children=[services.ChildData(wishes_and_feelings="Wants help.", **child_fields)],
        adults=[services.AdultData(name=adult_name, relationship="Mother", parental_responsibility=True)]
        if adult_name
        else [],
    )
    actor = Actor(user=referrer, role="school_dsl", agency=referrer.agency)
    return services.submit_referral(data, actor=actor, channel="web").reference


def vist_about(police: Actor, record: SourceRecord) -> str:
    data = services.VistData(
        client_id=uuid.uuid4(),
        officer_name="PC Hale",
        incident_reference="INC-1",
        incident_at=timezone.now() - timedelta(hours=2),
        children_present=True,
        risk_grade="amber",
        circumstances="Shouting heard; child found hiding.",
        persons=[
            services.PersonData(
                role="child present",
                first_name=record.first_name,
                last_name=record.last_name,
                date_of_birth=record.date_of_birth,
                postcode=record.postcode,
                is_child=True,
            )
        ],
    )
    vist, _new = services.receive_vist(data, actor=police)
    return vist.reference


def known_child(system: str = "health") -> SourceRecord:
    record = (
        SourceRecord.objects.filter(system=system, kind="child", person__isnull=False, date_of_birth__isnull=False)
        .exclude(postcode="")
        .order_by("id")
        .first()
    )
    assert record is not None
    return record


def busiest_child() -> Person:
    """The linked child with records in the most systems."""
    row = (
        SourceRecord.objects.filter(kind="child", person__isnull=False)
        .values("person_id")
        .annotate(systems=Count("system", distinct=True))
        .order_by("-systems", "person_id")
        .first()
    )
    return Person.objects.get(pk=row["person_id"])


def refer_with_mother(child: SourceRecord, **adult) -> Referral:
    """A school's referral of this known child (at the child's address) and her mother, Marisol Whitfield, who lives
    with her (no postcode of her own given); `adult` adds to or changes what is said of the mother."""
    mother = {
        "name": "Marisol Whitfield",
        "relationship": "Mother",
        "date_of_birth": date(1994, 5, 2),
        "parental_responsibility": True,
    } | adult
    data = referral_data(
        services.ChildData(
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            postcode=child.postcode,
            wishes_and_feelings="Wants help.",
        ),
        adults=[services.AdultData(**mother)],
    )
    return submit(UserFactory(roles=["school_dsl"]), data)


def mother_matches(referral: Referral) -> list[dict]:
    """The already-known check's matches for the one adult on the referral, once the worker has answered it."""
    match_arrivals()
    check = IdentityCheck.objects.get(kind=ArrivalKind.REFERRAL_ADULT, subject_id=referral.adults.get().pk)
    assert check.checked_at is not None
    return check.matches
