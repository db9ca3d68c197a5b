"""VIST compliance: the incidents with children still waiting for a VIST once the due hours have passed, in a police
supervisor's queue with the officer and team, and the clock each such incident runs until its VIST comes.

Which VIST answers an incident, and the hours due, are `incident_vists`'; the lag's figures and late marks are
`vist_lag`'s. Reads (the supervisor's list writes its audit row); the incident's clock (`intake.clocks.INCIDENT_VIST`,
due hours read at start-up as every clock's are) is started and met by `services.police`, and a missed one told to
the police supervisors of the incident's own force (`force_supervisors`, the clock rule's audience).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.models import Clock, ClockState
from frontdoor.core.registry import Subject
from frontdoor.intake.incident_vists import IncidentCompliance, assess, due_after, in_utc, incidents_with_children
from frontdoor.intake.models import INCIDENT_SUBJECT, DomesticAbuseIncident, Vist
from frontdoor.intake.vist_lag import late_vists
from frontdoor.people.models import Agency, AgencyKind


def _by_reference() -> Exists:
    return Exists(
        Vist.objects.filter(
            incident_reference=OuterRef("incident_reference"), api_client__agency=OuterRef("api_client__agency")
        )
    )


def list_missing_vists(force: Agency | None, now: datetime | None = None) -> list[IncidentCompliance]:
    """The force's incidents with children and no VIST once the due hours have passed, oldest first.

    Incidents with a VIST under their own reference are left out in the database; the rest are matched by child."""
    now = in_utc(now or timezone.now())
    waiting = (
        incidents_with_children(force)
        .filter(occurred_at__lte=now - due_after())
        .exclude(_by_reference())
        .select_related("api_client")
        .order_by("occurred_at", "id")
    )
    return [row for row in assess(waiting, now) if row.overdue]


# --- For the police supervisor's pages and home -----------------------------------------------------------------


def force_of(actor: Actor) -> Agency | None:
    """The police force whose incidents the actor oversees: their own agency, if it is a police force."""
    agency = actor.agency
    return agency if agency is not None and agency.kind == AgencyKind.POLICE else None


def missing_vists_for(actor: Actor, now: datetime | None = None) -> list[IncidentCompliance]:
    """The supervisor's list, audited: the incidents (never any person on them) are the force's own records."""
    rows = list_missing_vists(force_of(actor), now)
    record_access(
        actor, None, action="list_missing_vists", purpose=f"{len(rows)} incidents", outcome=AuditOutcome.ALLOWED
    )
    return rows


def force_supervisors(clock: Clock, supervisors: list[Any]) -> list[Any]:
    """Of the police supervisors, those of the incident's own force: a missed VIST is chased by the force whose
    officer owes it, and another force's supervisors are not told of it (nor of the incident)."""
    if not clock.subject_id.isdigit():
        return []
    incidents = DomesticAbuseIncident.objects.filter(pk=int(clock.subject_id))
    force = incidents.values_list("api_client__agency_id", flat=True).first()
    return [user for user in supervisors if force is not None and user.agency_id == force]


def home_compliance(actor: Actor) -> dict[str, Any] | None:
    """The police supervisor's home: incidents with children still without a VIST, and VISTs sent late lately."""
    force = force_of(actor)
    if force is None:
        return None
    missing = list_missing_vists(force)
    return {
        "compliance": {
            "missing": len(missing),
            "oldest": missing[0] if missing else None,
            "late": len(late_vists(force)),
            "due_hours": settings.FRONTDOOR_VIST_DUE_HOURS,
        }
    }


def describe_incidents(ids: list[str]) -> dict[str, Subject]:
    """What an incident's VIST clock is about, and where the police supervisor sees it."""
    return {
        str(pk): Subject(f"Incident {reference}", f"/vist-compliance/#incident-{pk}")
        for pk, reference in DomesticAbuseIncident.objects.filter(
            pk__in=[int(i) for i in ids if i.isdigit()]
        ).values_list("pk", "incident_reference")
    }


def supervisor_deadlines(actor: Actor) -> list[tuple[str, str]]:
    """A police supervisor's deadlines: the VIST clocks still open on their force's incidents with children."""
    if actor.role != "police_supervisor" or force_of(actor) is None:
        return []
    open_clocks = Clock.objects.filter(
        subject_type=INCIDENT_SUBJECT, closed_at__isnull=True, state__in=[ClockState.RUNNING, ClockState.BREACHED]
    ).values_list("subject_id", flat=True)
    ours = DomesticAbuseIncident.objects.filter(
        api_client__agency=force_of(actor), pk__in=[int(i) for i in open_clocks]
    ).values_list("pk", flat=True)
    return [(INCIDENT_SUBJECT, str(pk)) for pk in ours]
