"""Demo data: the MACE workspace's morning for the missing and exploitation coordinator. A small exploitation network
around Mill Street: Tyler Shaw, Mia Kendall and Reece Holt, with Kayla Brook of the missing children's demo (missing
now; her episodes, the findings of her return home interview and her trigger plan already name the flat and Dex),
linked through two adults, 'Dex' and Marcus Kane, the flat above the takeaway on Mill Street, a silver Vauxhall Corsa
and a phone. Tyler's risk went up from medium to high; Mia was listed after last month's meeting; Reece's rescreen is
overdue. Two pieces of intelligence (graded 2BP and 3CC), Tyler's trigger plan, last month's MACE meeting with its
minutes, and three disruption actions: the
closure notice on the flat overdue (the worker's sweep escalates it to the coordinator), the marker on the car
running, the warning notice to Marcus Kane done.

No episode is added here, so the missing children's demo keeps its own counts. Everyone here is invented.
Idempotent: a child who already has a screening, intelligence found by its summary, an action found by its words and
a meeting found by its day are left as they are.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.exploitation import services as screening
from frontdoor.exploitation.models import Screening
from frontdoor.mace import services
from frontdoor.mace.models import DisruptionAction, Entity, Intelligence, Meeting
from frontdoor.missing import plans
from frontdoor.missing.models import TriggerPlan
from frontdoor.people.models import Address, IdentifierScheme, Person, PersonIdentifier, PersonKind, Sex
from frontdoor.web.demo_missing import CHILDREN as MISSING_CHILDREN

CHILDREN = {
    "tyler": ("Tyler", "Shaw", Sex.MALE, date(2011, 4, 9), "14 Canal Row", "ES2 4LR"),
    "mia": ("Mia", "Kendall", Sex.FEMALE, date(2012, 2, 17), "3 Orchard Way", "ES1 7JD"),
    "reece": ("Reece", "Holt", Sex.MALE, date(2010, 11, 23), "88 Mill Street", "ES2 4LT"),
}
FLAT = "Flat above the takeaway, Mill Street"
CAR = "EX12 KLM, silver Vauxhall Corsa"
PHONE = "07700 900461"
MEDIUM = {
    "missing": "Twice since September, once overnight.",
    "unexplained_goods": "A new coat and cash.",
    "school_absence": "Attendance down to 64%.",
}
HIGH = {
    **MEDIUM,
    "controlling_older": "'Dex', about 20, tells him where to go.",
    "county_lines_travel": "Found at the bus station with cash and a ticket to the city.",
    "multiple_phones": "A second phone that keeps ringing.",
}
INTELLIGENCE: list[dict[str, Any]] = [
    {
        "days": 10,
        "grading": "2BP",
        "children": ["tyler", "reece", "kayla"],
        "summary": "A phone line called 'Mill' is run by Dex from the flat above the takeaway; children are seen going "
        "in and out at night, and running from there to the bus station.",
        "entities": [("adult", "Dex"), ("place", FLAT), ("phone", PHONE)],
    },
    {
        "days": 25,
        "grading": "3CC",
        "conditions": "Not to be shared outside the MACE without the force's agreement.",
        "children": ["mia", "tyler"],
        "summary": "Marcus Kane collects girls from the retail park in a silver Corsa and takes them to the flat.",
        "entities": [("adult", "Marcus Kane"), ("vehicle", CAR), ("place", FLAT)],
    },
]


def load_demo_mace() -> None:
    users = {u.username: u for u in User.objects.filter(username__in=["missing", "mash.police"])}
    coordinator = Actor(users["missing"], "missing_exploitation_coordinator", users["missing"].agency)
    police = Actor(users["mash.police"], "mash_police", users["mash.police"].agency)
    now = timezone.now()
    children = {key: _child(*spec) for key, spec in CHILDREN.items()}
    first, last, _sex, born, *_ = MISSING_CHILDREN["kayla"]
    children["kayla"] = Person.objects.get(first_name=first, last_name=last, date_of_birth=born)
    _screen(children, coordinator, now)
    tyler = children["tyler"]
    if not TriggerPlan.objects.filter(person=tyler).exists():
        plans.save_trigger_plan(
            tyler,
            plans.PlanData(
                officer_actions="Go first to the flat above the takeaway on Mill Street, then the bus station. Treat "
                "as high risk: criminal exploitation (county lines).",
                who_to_tell="His mother on 01632 960222; the missing coordinator (Alex Rowe); MASH police.",
                places=f"{FLAT}\nEsterbury bus station",
                associates="Dex\nMarcus Kane",
                vehicles=CAR,
                phones=PHONE,
                why_changed="After his return home interview: the flat, Dex and the car.",
            ),
            actor=coordinator,
        )
    for spec in INTELLIGENCE:
        if Intelligence.objects.filter(summary=spec["summary"]).exists():
            continue
        grading = spec["grading"]
        services.record_intelligence(
            services.IntelligenceData(
                received_on=timezone.localdate() - timedelta(days=spec["days"]),
                summary=spec["summary"],
                source_evaluation=grading[0],
                assessment=grading[1],
                handling=grading[2],
                handling_conditions=spec.get("conditions", ""),
                children=[children[k] for k in spec["children"]],
                entities=spec["entities"],
            ),
            actor=police,
        )
    _last_meeting(children, coordinator, police, now)


def _screen(children: dict[str, Person], actor: Actor, now: datetime) -> None:
    steps = {"tyler": [(MEDIUM, 70), (HIGH, 12)], "mia": [(MEDIUM, 20)], "reece": [(HIGH, 45)]}
    for key, screenings in steps.items():
        if Screening.objects.filter(person=children[key]).exists():
            continue
        for indicators, days in screenings:
            screening.record_screening(
                children[key],
                screening.ScreeningData(
                    indicators=indicators,
                    screened_at=now - timedelta(days=days),
                    child_account="They're my mates. I'm not scared of anyone." if key == "tyler" else "",
                ),
                actor=actor,
            )


def _last_meeting(children: dict[str, Person], coordinator: Actor, police: Actor, now: datetime) -> None:
    """Last month's MACE meeting, with its attendance, decisions and the disruption actions agreed at it."""
    held = timezone.localdate() - timedelta(days=35)
    if Meeting.objects.filter(held_on=held).exists():
        return
    officer = User.objects.get(username="mash.police")
    at = timezone.make_aware(datetime.combine(held, datetime.min.time())) + timedelta(hours=10)
    # The agenda as it stood that day: the children listed by then, the rescreens overdue by then.
    meeting = services.build_meeting(held, actor=coordinator)
    services.record_attendance(
        meeting,
        chair="Alex Rowe, missing and exploitation coordinator",
        actor=coordinator,
        attendees="Alex Rowe, Esterbury Youth Support\nPat Doyle, Esterbury Constabulary\n"
        "Morgan Price, Esterbury Children's Social Care\nHana Begum, Esterbury Community Health",
        notes="The flat above the takeaway on Mill Street is the common thread.",
    )
    decisions = {
        "reece": (
            "Police to disrupt the flat; a safety plan with his mother.",
            [("Closure notice on the flat above the takeaway, Mill Street", FLAT)],
        ),
        "tyler": ("Stay listed; refer to the youth offending team's diversion scheme.", []),
        "kayla": (
            "Stay listed; strategy discussion held; school to watch who collects her.",
            [("Child abduction warning notice to Marcus Kane", "Marcus Kane")],
        ),
    }
    for item in meeting.items.select_related("person"):
        key = next((k for k, child in children.items() if child.pk == item.person_id), None)
        if key not in decisions:
            continue
        decision, agreed = decisions[key]
        services.decide_item(
            item,
            services.DecisionData(
                decision,
                actions=[
                    services.ActionData(what, officer, entity=_entity(name), agreed_at=at) for what, name in agreed
                ],
            ),
            actor=coordinator,
        )
    # Since the meeting: a marker on the car, agreed five days ago, is running; the warning notice is done. The
    # closure notice, due twenty working days after the meeting, is overdue.
    if not DisruptionAction.objects.filter(what__startswith="ANPR marker").exists():
        services.agree_action(
            services.ActionData(
                "ANPR marker on the silver Corsa EX12 KLM",
                officer,
                entity=_entity(CAR),
                person=children["tyler"],
                agreed_at=now - timedelta(days=5),
            ),
            actor=police,
        )
    warning = DisruptionAction.objects.filter(what__startswith="Child abduction warning").first()
    if warning is not None and warning.completed_at is None:
        services.complete_action(
            warning,
            "Served by PC Doyle; Marcus Kane told to stay away from her.",
            actor=police,
            at=now - timedelta(days=10),
        )


def _entity(name: str) -> Entity:
    kind = "place" if name == FLAT else "vehicle" if name == CAR else "adult"
    return services.find_or_add_entity(kind, name)


def _child(first: str, last: str, sex: Sex, born: date, street: str, postcode: str) -> Person:
    child = Person.objects.filter(first_name=first, last_name=last, date_of_birth=born).first()
    if child is None:
        child = Person.objects.create(
            kind=PersonKind.CHILD, first_name=first, last_name=last, sex=sex, date_of_birth=born
        )
        Address.objects.create(
            person=child, line1=street, town="Esterbury", postcode=postcode, valid_from=date(2020, 1, 1)
        )
        PersonIdentifier.objects.create(person=child, scheme=IdentifierScheme.NHS_NUMBER, value=_nhs(first, last))
    return child


def _nhs(first: str, last: str) -> str:
    """A valid NHS number from the 999 test range, the same for the same child on every load."""
    seed = int(hashlib.sha256(f"mace/{last}/{first}".encode()).hexdigest()[:8], 16)
    for n in range(1000):
        first_nine = f"999{(seed + n) % 1_000_000:06d}"
        if nhs_check_digit(first_nine) is not None:
            return first_nine + str(nhs_check_digit(first_nine))
    raise AssertionError("unreachable")
