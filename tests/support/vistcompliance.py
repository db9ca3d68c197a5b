"""Police incidents and VISTs for the VIST-compliance tests: a force's API actor, an incident with children, a VIST."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from frontdoor.access.audit import Actor
from frontdoor.intake import services
from frontdoor.intake.models import DomesticAbuseIncident, Vist
from frontdoor.people.models import AgencyKind
from support.factories import AgencyFactory, ApiClientFactory

CHILDREN = [("Maisie", "Ashdown", date(2014, 6, 11)), ("Tyler", "Ashdown", date(2016, 2, 28))]


def force_actor(name: str = "Esterbury Police") -> Actor:
    """A police force's records system, sending through the partner API's services."""
    agency = AgencyFactory(name=name, kind=AgencyKind.POLICE)
    client = ApiClientFactory(agency=agency)
    return Actor(user=None, role=None, agency=agency, api_client=client)


def incident(
    police: Actor,
    occurred_at: datetime,
    reference: str = "ES-2026-0001",
    children: list[tuple[str, str, date]] | None = CHILDREN,
    team: str = "Esterbury North response",
    officer: str = "PC Jordan Ellis",
) -> DomesticAbuseIncident:
    persons = [services.PersonData(role="victim", first_name="Claire", last_name="Ashdown")]
    persons += [
        services.PersonData(role="child", first_name=f, last_name=s, date_of_birth=d, is_child=True, present=True)
        for f, s, d in children or []
    ]
    found, _ = services.receive_incident(
        services.IncidentData(
            incident_reference=reference,
            occurred_at=occurred_at,
            persons=persons,
            officer_name=officer,
            officer_collar="4471",
            team=team,
        ),
        actor=police,
    )
    return found


def vist(
    police: Actor,
    incident_at: datetime,
    reference: str = "ES-2026-0001",
    children: list[tuple[str, str, date]] = CHILDREN[:1],
    grade: str = "amber",
    submitted_at: datetime | None = None,
) -> Vist:
    found, _ = services.receive_vist(
        services.VistData(
            client_id=uuid.uuid4(),
            officer_name="PC Jordan Ellis",
            incident_reference=reference,
            incident_at=incident_at,
            children_present=True,
            risk_grade=grade,
            circumstances="Shouting heard; the children were upstairs.",
            persons=[
                services.PersonData(role="child present", first_name=f, last_name=s, date_of_birth=d, is_child=True)
                for f, s, d in children
            ],
            submitted_at=submitted_at,
        ),
        actor=police,
    )
    return found
