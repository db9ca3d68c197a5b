"""Operation Encompass for tests: establishments with their DSLs and calendars, children with education records,
a domestic-abuse incident from the police (through intake's own service), routed as the worker would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import time_machine
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.core.models import SchoolCalendar
from frontdoor.encompass import routing
from frontdoor.encompass.models import Notice
from frontdoor.intake import services as intake_services
from frontdoor.intake.models import DomesticAbuseIncident, IdentityCheck, IncidentPerson
from frontdoor.people.models import AgencyKind, Person, PersonKind, School, SchoolPhase, SourceSystem
from support.factories import (
    AgencyFactory,
    InsetDayFactory,
    PersonFactory,
    SchoolCalendarFactory,
    SchoolFactory,
    SourceRecordFactory,
    TermPeriodFactory,
    UserFactory,
)

# A school year whose terms are plain to read (2026-27): half terms, Christmas, Easter, the May bank holidays.
TERMS = [
    (date(2026, 9, 2), date(2026, 10, 23)),
    (date(2026, 11, 2), date(2026, 12, 18)),
    (date(2027, 1, 5), date(2027, 2, 12)),
    (date(2027, 2, 22), date(2027, 3, 26)),
    (date(2027, 4, 12), date(2027, 5, 28)),
    (date(2027, 6, 7), date(2027, 7, 21)),
]


def calendar(name: str = "Esterbury schools 2026-27", inset: tuple[date, ...] = ()) -> SchoolCalendar:
    stored = SchoolCalendarFactory(name=name)
    for index, (first, last) in enumerate(TERMS, start=1):
        TermPeriodFactory(calendar=stored, name=f"Part {index}", first_day=first, last_day=last)
    for day in inset:
        InsetDayFactory(calendar=stored, date=day)
    return stored


def school(name: str, *, stored: SchoolCalendar | None = None, phase: str = SchoolPhase.PRIMARY, **fields) -> School:
    kind = AgencyKind.ALTERNATIVE_PROVISION if phase == SchoolPhase.ALTERNATIVE_PROVISION else AgencyKind.SCHOOL
    agency = AgencyFactory(name=name, kind=kind)
    return SchoolFactory(agency=agency, phase=phase, calendar=stored, **fields)


def dsl(at: School, **fields):
    return UserFactory(roles=["school_dsl"], agency=at.agency, **fields)


def pupil(at: School | None = None, *, status: str = "", address: str = "14 Kiln Lane", **fields) -> Person:
    """A child with an education record at `at` (none if None), and a health record at `address`."""
    child = PersonFactory(kind=PersonKind.CHILD, date_of_birth=fields.pop("date_of_birth", date(2016, 2, 28)), **fields)
    if at is not None:
        enrol(child, at, status=status)
    SourceRecordFactory(person=child, system=SourceSystem.HEALTH, address=address, postcode="ES3 7QP")
    return child


def enrol(child: Person, at: School, *, status: str = "", **attributes) -> None:
    SourceRecordFactory(
        person=child,
        system=SourceSystem.EDUCATION,
        first_name=child.first_name,
        last_name=child.last_name,
        attributes={"urn": at.urn, "enrol_status": status, **attributes},
    )


def adult(address: str = "14 Kiln Lane", **fields) -> Person:
    person = PersonFactory(kind=PersonKind.ADULT, date_of_birth=date(1988, 4, 2), **fields)
    SourceRecordFactory(person=person, system=SourceSystem.HEALTH, kind="adult", address=address, postcode="ES3 7QP")
    return person


def police_actor() -> Actor:
    agency = AgencyFactory(name="Esterbury Constabulary", kind=AgencyKind.POLICE)
    client, _ = access_services.create_api_client(f"police-{agency.pk}", agency, ["incidents:write", "vists:write"])
    return Actor(user=None, role=None, agency=agency, api_client=client)


@dataclass
class Named:
    """Someone the officer names: their person (None: nobody matched) and what the police say of them."""

    person: Person | None
    is_child: bool = False
    present: bool | None = None
    first_name: str = ""
    last_name: str = ""
    school: str = ""
    role: str = field(default="")


def incident(
    named: list[Named],
    *,
    at: datetime | None = None,
    reference: str = "INC-2026-0001",
    actor: Actor | None = None,
    route: bool = True,
    circumstances: str = "Neighbours heard shouting; police attended.",
) -> DomesticAbuseIncident:
    """A domestic-abuse incident as the police feed sends it, each person matched as the already-known check would
    match them, and (unless `route` is False) routed by the worker's job a few seconds after it arrived."""
    at = at or timezone.now() - timedelta(hours=1)
    persons = [
        intake_services.PersonData(
            role=n.role or ("child" if n.is_child else "victim"),
            first_name=n.first_name or (n.person.first_name if n.person else "Unknown"),
            last_name=n.last_name or (n.person.last_name if n.person else "Child"),
            date_of_birth=n.person.date_of_birth if n.person else None,
            is_child=n.is_child,
            present=n.present,
            school=n.school,
        )
        for n in named
    ]
    data = intake_services.IncidentData(
        incident_reference=reference,
        occurred_at=at,
        persons=persons,
        location="Kiln Lane, Esterbury",
        postcode="ES3 7QP",
        circumstances=circumstances,
    )
    with time_machine.travel(at + timedelta(minutes=5), tick=False):
        made, _ = intake_services.receive_incident(data, actor=actor or police_actor())
        for arrived, n in zip(IncidentPerson.objects.filter(incident=made).order_by("id"), named, strict=True):
            if n.person is not None:
                IncidentPerson.objects.filter(pk=arrived.pk).update(person=n.person)
        IdentityCheck.objects.filter(checked_at__isnull=True).update(checked_at=timezone.now())
    if route:
        with time_machine.travel(at + timedelta(minutes=5, seconds=2), tick=False):
            routing.route_domestic_abuse()
    return made


def notices_of(child: Person) -> list[Notice]:
    return list(Notice.objects.filter(child=child).select_related("school__agency").order_by("id"))


def one_of_everything(user) -> None:
    """What any home shows of Operation Encompass: a notice to the user's own establishment (if a school's), one
    routed to the council, and a listed child nobody matched."""
    at = School.objects.filter(agency=user.agency).first() or SchoolFactory(agency=user.agency)
    own, home_educated = pupil(at, first_name="Maisie"), pupil(None, first_name="Ivy")
    SourceRecordFactory(person=home_educated, system=SourceSystem.EDUCATION, attributes={"elective_home_education": 1})
    unmatched = Named(None, is_child=True, first_name="Kai", last_name="Unfound")
    incident(
        [Named(adult()), Named(own, is_child=True), Named(home_educated, is_child=True), unmatched],
        reference=f"INC-HOME-{user.pk}",
    )
