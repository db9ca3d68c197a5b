"""Demo data: Operation Encompass on a school morning. Two domestic-abuse incidents police attended last night, sent
by the police system as the feed does and routed as the worker routes them: at the Whitmores', the officer named
Sarah and Jacob, and Lily was found through the household, so Millbrook Primary School's DSL (`dsl`) has two
notifications to acknowledge; their brother Ethan, also found through the household, is dual registered (main at
Esterbury Academy, subsidiary at Harefield Learning Centre, as the census records a pupil referred to alternative
provision), so his notification goes to Esterbury Academy; at the Farrows', Alfie is electively home educated, so
the council's education safeguarding officer (`education.safeguarding`) has his, and a younger child the officer
named could not be matched, a task for MASH education (`mash.education`).

Everyone here is invented. Idempotent: people are found again by name, an incident by its police reference, and an
incident already routed is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient
from frontdoor.core.calendars import LONDON
from frontdoor.encompass import routing
from frontdoor.encompass.models import Arrival, ArrivalKind
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import DomesticAbuseIncident, IdentityCheck, IncidentPerson
from frontdoor.people.models import (
    IdentifierScheme,
    Person,
    PersonIdentifier,
    PersonKind,
    School,
    Sex,
    SourceEvent,
    SourceParticipation,
    SourceRecord,
    SourceSystem,
)
from frontdoor.web.demo_familyhelp import _test_nhs_number


@dataclass
class DemoIncident:
    reference: str
    street: str
    postcode: str
    hour: int
    circumstances: str
    adult: tuple[str, str, date]
    # (first name, last name, sex, date of birth, school URN or "" for none, home educated, named by the officer)
    children: list[tuple[str, str, str, date | None, str, bool, bool]]


# Dual registration: the child's main registration is their URN above; their subsidiary one is here (an AP).
SUBSIDIARY = {("Ethan", "Whitmore"): "100003"}

INCIDENTS = [
    DemoIncident(
        "ESC/26/118204",
        "31 Copper Beech Road",
        "ES4 2NL",
        23,
        "Neighbour called police after hearing shouting and a door slammed. Sarah had a cut lip; her partner had left "
        "before police arrived. Jacob was awake and upset on the landing.",
        ("Sarah", Sex.FEMALE, date(1989, 8, 19)),
        [
            ("Jacob", "Whitmore", Sex.MALE, date(2017, 5, 9), "100001", False, True),
            ("Lily", "Whitmore", Sex.FEMALE, date(2019, 11, 23), "100001", False, False),
            ("Ethan", "Whitmore", Sex.MALE, date(2011, 3, 2), "100002", False, False),
        ],
    ),
    DemoIncident(
        "ESC/26/118231",
        "2 Marsh Cottages",
        "ES7 3QT",
        21,
        "Kerry called police after her ex-partner arrived at the house in breach of a non-molestation order. He was "
        "arrested at the scene. Both children were in the living room.",
        ("Kerry", Sex.FEMALE, date(1986, 2, 3)),
        [
            ("Alfie", "Farrow", Sex.MALE, date(2014, 9, 14), "", True, True),
            ("Mia", "Farow", Sex.FEMALE, None, "", False, True),  # as the officer spelt it: nobody matches
        ],
    ),
]


def _record(person: Person, system: str, source_id: str, street: str, postcode: str, **attributes) -> None:
    SourceRecord.objects.get_or_create(
        system=system,
        source_id=source_id,
        defaults={
            "person": person,
            "extracted_at": timezone.now(),
            "kind": person.kind,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "date_of_birth": person.date_of_birth,
            "sex": person.sex,
            "address": street,
            "postcode": postcode,
            "attributes": attributes,
            "content_hash": f"demo-encompass-{system}-{source_id}",
        },
    )


def _person(kind: str, first: str, last: str, sex: str, born: date | None, item: DemoIncident) -> Person:
    person = Person.objects.filter(first_name=first, last_name=last, kind=kind).first()
    if person is None:
        person = Person.objects.create(kind=kind, first_name=first, last_name=last, sex=sex, date_of_birth=born)
        if kind == PersonKind.CHILD:
            value = _test_nhs_number(f"encompass/{last}/{first}")
            PersonIdentifier.objects.create(person=person, scheme=IdentifierScheme.NHS_NUMBER, value=value)
    _record(person, SourceSystem.HEALTH, f"DEMO-ENC-{first}-{last}", item.street, item.postcode)
    return person


def _subsidiary(pupil: str, urn: str) -> None:
    """A second registration as the census ingest records it: an event on the pupil's education record."""
    event = f"{pupil}:{urn}"
    SourceEvent.objects.get_or_create(
        system=SourceSystem.EDUCATION,
        source_id=event,
        defaults={
            "extracted_at": timezone.now(),
            "kind": "school_registration",
            "occurred_at": timezone.now(),
            "attributes": {"urn": urn, "enrol_status": "S"},
            "content_hash": f"demo-encompass-registration-{event}",
        },
    )
    SourceParticipation.objects.get_or_create(
        system=SourceSystem.EDUCATION, event_source_id=event, record_source_id=pupil, role="pupil",
        defaults={"extracted_at": timezone.now()},
    )  # fmt: skip


def load_demo_encompass(today: date | None = None) -> None:
    today = today or timezone.localdate()
    police_client = ApiClient.objects.get(name="police-records")
    police = Actor(user=None, role=None, agency=police_client.agency, api_client=police_client)
    for item in INCIDENTS:
        adult_first, adult_sex, adult_born = item.adult
        surname = item.children[0][1]
        mother = _person(PersonKind.ADULT, adult_first, surname, adult_sex, adult_born, item)
        named: list[tuple[intake_services.PersonData, Person | None]] = [
            (intake_services.PersonData(role="victim", first_name=adult_first, last_name=surname,
                                        date_of_birth=adult_born, sex=adult_sex), mother),
        ]  # fmt: skip
        for first, last, sex, born, urn, home_educated, listed in item.children:
            child = None
            if born is not None:
                child = _person(PersonKind.CHILD, first, last, sex, born, item)
                if urn and School.objects.filter(urn=urn).exists():
                    second = SUBSIDIARY.get((first, last), "")
                    _record(child, SourceSystem.EDUCATION, f"DEMO-UPN-{first}-{last}", item.street, item.postcode,
                            urn=urn, enrol_status="M" if second else "C")  # fmt: skip
                    if second:
                        _subsidiary(f"DEMO-UPN-{first}-{last}", second)
                if home_educated:
                    _record(child, SourceSystem.EDUCATION, f"DEMO-EHE-{first}-{last}", item.street, item.postcode,
                            elective_home_education=True)  # fmt: skip
            if listed:
                named.append((intake_services.PersonData(role="child", first_name=first, last_name=last,
                                                         date_of_birth=born, sex=sex, is_child=True, present=True,
                                                         school="" if urn else "Not known"), child))  # fmt: skip
        yesterday = today - timedelta(days=1)
        occurred = datetime.combine(yesterday, time(item.hour, 10), tzinfo=LONDON)
        data = intake_services.IncidentData(
            incident_reference=item.reference, occurred_at=occurred, persons=[p for p, _ in named],
            location=f"{item.street}, Esterbury", postcode=item.postcode, circumstances=item.circumstances,
        )  # fmt: skip
        incident, made = intake_services.receive_incident(data, actor=police)
        if made:
            arrived = IncidentPerson.objects.filter(incident=incident).order_by("id")
            for row, (_, person) in zip(arrived, named, strict=True):
                if person is not None:
                    IncidentPerson.objects.filter(pk=row.pk).update(person=person)
            ids = list(arrived.values_list("pk", flat=True))
            IdentityCheck.objects.filter(kind="incident_person", subject_id__in=ids).update(checked_at=timezone.now())
        if not Arrival.objects.filter(kind=ArrivalKind.INCIDENT, arrival_id=incident.pk).exists():
            routing.route_arrival(ArrivalKind.INCIDENT, DomesticAbuseIncident.objects.get(pk=incident.pk))
