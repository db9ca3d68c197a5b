"""Demo data for the children in need census (`frontdoor returns cin`) and the year's validation page: what the
census keys on and frontdoor takes from the children's social care record (each child's local authority child id,
UPN, ethnicity and disability), and the referrals the MASH took further that open the children's episodes. Millbrook
Primary referred the three Ashdown children three weeks ago and the MASH decided on a strategy discussion (the one
`demo_strategy` holds, which started a section 47 enquiry); the health visitor's concern about the Kowalski twins
came in nine days ago, went to the strategy discussion `demo_conference` holds, and Oliwia is now on a child
protection plan. Olek Kowalski's disability is not recorded yet, so he is left out of the census and is the analyst's
work on the validation page, whose finding links the MASH manager to the form on his page that records it.

Everyone here is invented. Idempotent: a referral is found again by its concern.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import Referral, ReferralChild
from frontdoor.mash import services as mash_services
from frontdoor.mash.models import Outcome
from frontdoor.people.models import IdentifierScheme, Person, PersonIdentifier

LA = "916"  # the demo council's DfE code, in its children's UPNs
# (first name, surname): local authority child id, disability codes ("" not recorded), ethnicity, UPN serial.
CHILDREN = {
    ("Maisie", "Ashdown"): ("ESX200101", "NONE", "WBRI", "1401001"),
    ("Tyler", "Ashdown"): ("ESX200102", "COMM", "WBRI", "1601002"),
    ("Ruby", "Ashdown"): ("ESX200103", "NONE", "WBRI", "1901003"),
    ("Oliwia", "Kowalski"): ("ESX200201", "NONE", "WOTH", "1701004"),
    ("Olek", "Kowalski"): ("ESX200202", "", "WOTH", "1701005"),
}
REFERRALS: list[dict[str, Any]] = [
    {
        "concern": "Maisie told her teacher that her dad hits Tyler when he drinks; Ruby is frightened to go home.",
        "children": [("Maisie", "Ashdown"), ("Tyler", "Ashdown"), ("Ruby", "Ashdown")],
        "days_ago": 21,
        "summary": "Reasonable cause to suspect significant harm to Tyler: a strategy discussion about all three.",
    },
    {
        "concern": "The health visitor found the twins hungry, in soiled clothes, and Olek's teeth decayed.",
        "children": [("Oliwia", "Kowalski"), ("Olek", "Kowalski")],
        "days_ago": 9,
        "summary": "Persistent neglect seen by health and school: a strategy discussion about both twins.",
    },
]


def upn(serial: str, la: str = LA) -> str:
    """A UPN with the DfE's check letter (weights 2 to 13 on the twelve digits, remainder of 23)."""
    digits = f"{la}{serial}"[:12].ljust(12, "0")
    total = sum(int(d) * (i + 2) for i, d in enumerate(digits)) % 23
    return "ABCDEFGHJKLMNPQRTUVWXYZ"[total] + digits


def load_demo_cin(today: date) -> None:
    people = {}
    for (first, last), (child_id, disabilities, ethnicity, serial) in CHILDREN.items():
        person = Person.objects.filter(first_name=first, last_name=last).order_by("id").first()
        if person is None:
            continue
        people[(first, last)] = person
        Person.objects.filter(pk=person.pk, disabilities="").update(disabilities=disabilities)
        Person.objects.filter(pk=person.pk, ethnicity="").update(ethnicity=ethnicity)
        for scheme, value in ((IdentifierScheme.LA_CHILD_ID, child_id), (IdentifierScheme.UPN, upn(serial))):
            PersonIdentifier.objects.get_or_create(person=person, scheme=scheme, defaults={"value": value})
    users = {u.username: u for u in User.objects.filter(username__in=["dsl", "mash.sw"])}
    if len(users) < 2:
        return
    dsl, worker = users["dsl"], users["mash.sw"]
    for spec in REFERRALS:
        if Referral.objects.filter(submitted_by=dsl, concern=spec["concern"]).exists():
            continue
        children = [people[name] for name in spec["children"] if name in people]
        if not children:
            continue
        referral = intake_services.submit_referral(
            _data(spec, children),
            actor=Actor(user=dsl, role="school_dsl", agency=dsl.agency),
            channel="web",
            received_at=timezone.now() - timedelta(days=spec["days_ago"]),
        )
        for person in children:
            ReferralChild.objects.filter(
                referral=referral, person__isnull=True, first_name=person.first_name, last_name=person.last_name
            ).update(person=person)
        mash_services.record_decision(
            referral,
            actor=Actor(user=worker, role="mash_social_worker", agency=worker.agency),
            outcome=Outcome.STRATEGY_DISCUSSION,
            summary=spec["summary"],
        )


def _data(spec: dict[str, Any], children: list[Person]) -> intake_services.ReferralData:
    return intake_services.ReferralData(
        referrer_name="Dana Hollis",
        referrer_role="Designated safeguarding lead",
        concern=spec["concern"],
        level_of_need=4,
        presenting_issues=["physical_abuse"] if "hits" in spec["concern"] else ["neglect"],
        consent="dispensed",
        consent_rationale="Asking the parents could increase the risk to the children.",
        children=[
            intake_services.ChildData(
                first_name=p.first_name,
                last_name=p.last_name,
                date_of_birth=p.date_of_birth,
                sex=p.sex,
                wishes_and_feelings="They said they want things at home to be calmer.",
            )
            for p in children
        ],
    )
