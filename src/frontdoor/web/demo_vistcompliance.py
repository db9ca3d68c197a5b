"""Demo data: VIST compliance for the police supervisor. Esterbury Constabulary's domestic-abuse incidents with
children over the last six weeks, their VISTs late and missing at the synthetic county's documented rates
(`synth.events.police`: about one in ten never sent, about one in four more than a day late), plus a few shown on
purpose: incidents with children and no VIST after one, three and six days, one still inside its 24 hours (its clock
running), two VISTs sent days late, and a child's third green VIST in three months raised to amber.

The MASH has triaged every one of these VISTs (the triage queue keeps the demo's own morning). Idempotent: an incident
is found again by its police reference, a VIST by its device id, and a triage is recorded once.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from random import Random

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient, User
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import Vist
from frontdoor.mash import services as mash_services
from frontdoor.synth.events.police import NO_VIST_RATE, TEAMS, vist_delay

WEEKS = 6
# The county's ~5,000 incidents with children a year is about 100 a week; the demo loads a tenth of that.
PER_WEEK = 10
OFFICERS = ["PC Jordan Ellis", "PC Sam Rahman", "PC Alex Moore", "PC Chris Lowe", "PC Jamie Fox", "PC Robin Hale"]
HOUSEHOLDS = [
    ("Marsh", [("Leo", date(2015, 5, 5)), ("Ivy", date(2018, 9, 14))]),
    ("Pryce", [("Ellie", date(2013, 1, 22))]),
    ("Okonjo", [("Daniel", date(2016, 7, 3)), ("Grace", date(2019, 2, 11))]),
    ("Whitfield", [("Harvey", date(2012, 11, 30))]),
    ("Novak", [("Mila", date(2017, 4, 8)), ("Adam", date(2014, 12, 1))]),
]
# Households only the showcased incidents name, so no other VIST about their children can answer them.
NO_VIST_HOUSEHOLD = ("Ferris", [("Noah", date(2015, 3, 17)), ("Lily", date(2019, 6, 2))])
LATE_HOUSEHOLD = ("Quinn", [("Evie", date(2014, 8, 25))])
NAMESPACE = uuid.UUID("6f1c0d52-1b7e-4d8a-9a51-3c3f0e9b7a14")
# (reference, hours since the incident, team, officer): incidents with children whose VIST never came.
WITHOUT_VIST = [
    ("ESP-VC-NOVIST-6D", 6 * 24 + 5, TEAMS[0], OFFICERS[0]),
    ("ESP-VC-NOVIST-3D", 3 * 24 + 2, TEAMS[2], OFFICERS[2]),
    ("ESP-VC-NOVIST-30H", 30, TEAMS[1], OFFICERS[1]),
    ("ESP-VC-NOVIST-20H", 20, TEAMS[3], OFFICERS[3]),  # still inside its 24 hours: its clock is running
]
# (reference, days since the incident): VISTs sent today, days after their incident.
LATE = [("ESP-VC-LATE-4D", 4), ("ESP-VC-LATE-2D", 2)]


def load_demo_vist_compliance(now: datetime | None = None) -> None:
    now = now or timezone.now()
    police = ApiClient.objects.get(name="police-records")
    actor = Actor(user=None, role=None, agency=police.agency, api_client=police)
    triager = User.objects.get(username="mash.police")
    rng = Random(14)  # noqa: S311 - the same demo on every load, not a secret
    for n in range(WEEKS * PER_WEEK):
        occurred = now - timedelta(days=3 + rng.random() * (WEEKS * 7 - 3))
        household = HOUSEHOLDS[n % len(HOUSEHOLDS)]
        team, officer = TEAMS[int(rng.random() * len(TEAMS))], OFFICERS[int(rng.random() * len(OFFICERS))]
        reference = f"ESP-VC-{n + 1:03d}"
        _incident(actor, reference, occurred, household, team, officer)
        if rng.random() < NO_VIST_RATE:
            continue
        submitted = occurred + timedelta(minutes=vist_delay(rng))
        if submitted <= now - timedelta(hours=1):
            _vist(actor, triager, reference, occurred, household, officer, "amber", submitted)
    for reference, hours, team, officer in WITHOUT_VIST:
        _incident(actor, reference, now - timedelta(hours=hours), NO_VIST_HOUSEHOLD, team, officer)
    for reference, days in LATE:
        occurred = now - timedelta(days=days, hours=3)
        _incident(actor, reference, occurred, LATE_HOUSEHOLD, TEAMS[0], OFFICERS[4])
        _vist(actor, triager, reference, occurred, LATE_HOUSEHOLD, OFFICERS[4], "amber", None)
    # Leo Marsh's third green VIST in three months is raised to amber; the VIST page shows which greens counted.
    leo = ("Marsh", HOUSEHOLDS[0][1][:1])
    for days in (70, 35, 0):
        occurred = now - timedelta(days=days, hours=5)
        sent = occurred + timedelta(hours=2) if days else None
        _vist(actor, triager, f"ESP-VC-GREEN-{days}", occurred, leo, OFFICERS[5], "green", sent)


def _incident(actor: Actor, reference: str, occurred: datetime, household: tuple, team: str, officer: str) -> None:
    surname, children = household
    persons = [
        intake_services.PersonData(role="victim", first_name="Sarah", last_name=surname),
        intake_services.PersonData(role="suspect", first_name="Mark", last_name=surname),
    ] + [
        intake_services.PersonData(
            role="child", first_name=first, last_name=surname, date_of_birth=dob, is_child=True, present=True
        )
        for first, dob in children
    ]
    intake_services.receive_incident(
        intake_services.IncidentData(
            incident_reference=reference,
            occurred_at=occurred,
            persons=persons,
            circumstances="Neighbours reported shouting; officers attended.",
            officer_name=officer,
            officer_collar=f"{4000 + OFFICERS.index(officer) * 17}",
            team=team,
        ),
        actor=actor,
    )


def _vist(
    actor: Actor,
    triager: User,
    reference: str,
    occurred: datetime,
    household: tuple,
    officer: str,
    grade: str,
    submitted: datetime | None,
) -> Vist:
    surname, children = household
    vist, _new = intake_services.receive_vist(
        intake_services.VistData(
            client_id=uuid.uuid5(NAMESPACE, reference),
            officer_name=officer,
            officer_collar=f"{4000 + OFFICERS.index(officer) * 17}",
            incident_reference=reference,
            incident_at=occurred,
            children_present=True,
            risk_grade=grade,
            circumstances="Domestic abuse incident; the children were in the house.",
            domestic_abuse=True,
            persons=[
                intake_services.PersonData(
                    role="child present", first_name=first, last_name=surname, date_of_birth=dob, is_child=True
                )
                for first, dob in children
            ],
            submitted_at=submitted,
        ),
        actor=actor,
    )
    mash_services.triage_vist(
        vist,
        actor=Actor(user=triager, role="mash_police", agency=triager.agency),
        outcome="information_shared",
        rationale="Shared with the children's schools and health visitor; no further MASH action.",
    )
    return vist
