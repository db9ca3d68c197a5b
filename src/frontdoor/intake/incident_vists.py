"""Which VIST answers which domestic-abuse incident, and how long after it the VIST came.

The inspection found VISTs "submitted ... days or weeks after the related incident", and a few never. An incident
is matched to a VIST of the same force by its police reference, or failing that by a child they both name (the
same person once linked, otherwise the same name and date of birth) within a day of the incident. The lag is the
VIST's time (when the officer submitted it, as the police system says, or else when it reached the front door)
minus the incident's. `settings.FRONTDOOR_VIST_DUE_HOURS` (24 by default) is counted in real hours, nights and
weekends included: police attend at all hours, so the duty to send a VIST does not wait for office hours.

The shared ground of `compliance` (the incidents still waiting for a VIST, and their clock) and `vist_lag` (late
marks, and the lag's median and 90th percentile by team and week).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from frontdoor.core.display import duration
from frontdoor.intake.models import DomesticAbuseIncident, IncidentPerson, Vist, VistPerson
from frontdoor.people.models import Agency

# How far apart a VIST's incident time and the incident's may be for a child they share to match them.
CHILD_MATCH_WINDOW = timedelta(days=1)


ChildKey = tuple[str, str, date | None] | int


def due_after() -> timedelta:
    return timedelta(hours=settings.FRONTDOOR_VIST_DUE_HOURS)


def vist_time(vist: Vist) -> datetime:
    """When the VIST was sent: the police system's own time where an import gave it, else its arrival."""
    return vist.submitted_at or vist.received_at


def in_utc(moment: datetime) -> datetime:
    """In UTC, so that a difference is real hours (two Europe/London times subtract by the wall clock)."""
    return moment.astimezone(UTC)


def vist_lag(vist: Vist) -> timedelta:
    return in_utc(vist_time(vist)) - in_utc(vist.incident_at)


def lag_words(lag: timedelta) -> str:
    """ "3 days", "30 hours": whole days from two days on, hours below."""
    hours = int(lag.total_seconds() // 3600)
    if hours >= 48:
        days = hours // 24
        return f"{days} days"
    if hours >= 1:
        return f"{hours} hour{'' if hours == 1 else 's'}"
    return duration(max(lag.total_seconds(), 0))


def _person_key(first_name: str, last_name: str, dob: date | None) -> tuple[str, str, date | None]:
    return (first_name.strip().lower(), last_name.strip().lower(), dob)


def _keys(person: IncidentPerson | VistPerson) -> set[ChildKey]:
    keys: set[ChildKey] = set()
    if person.person_id:
        keys.add(person.person_id)
    if person.first_name and person.last_name and person.date_of_birth:
        keys.add(_person_key(person.first_name, person.last_name, person.date_of_birth))
    return keys


# --- Which incidents, and their VISTs ---------------------------------------------------------------------------


def incidents_with_children(force: Agency | None) -> QuerySet[DomesticAbuseIncident]:
    """A force's incidents that name at least one child; none for an agency that sends no incidents."""
    if force is None:
        return DomesticAbuseIncident.objects.none()
    children = IncidentPerson.objects.filter(incident=OuterRef("pk"), is_child=True)
    return DomesticAbuseIncident.objects.filter(api_client__agency=force).filter(Exists(children))


def match_vists(incidents: Iterable[DomesticAbuseIncident]) -> dict[int, Vist | None]:
    """Each incident's VIST (the first sent), by police reference or else by a child they share."""
    incidents = list(incidents)
    found: dict[int, Vist | None] = {i.pk: None for i in incidents}
    if not incidents:
        return found
    forces = {i.api_client.agency_id for i in incidents}
    by_reference: dict[tuple[int, str], Vist] = {}
    vists = Vist.objects.filter(
        api_client__agency_id__in=forces, incident_reference__in={i.incident_reference for i in incidents}
    ).select_related("api_client")
    for vist in vists:
        key = (vist.api_client.agency_id, vist.incident_reference)
        if key not in by_reference or vist_time(vist) < vist_time(by_reference[key]):
            by_reference[key] = vist
    unmatched = []
    for incident in incidents:
        found[incident.pk] = by_reference.get((incident.api_client.agency_id, incident.incident_reference))
        if found[incident.pk] is None:
            unmatched.append(incident)
    if unmatched:
        _match_by_children(unmatched, forces, found)
    return found


def _match_by_children(incidents: list[DomesticAbuseIncident], forces: set[int], found: dict[int, Vist | None]) -> None:
    earliest = min(i.occurred_at for i in incidents) - CHILD_MATCH_WINDOW
    latest = max(i.occurred_at for i in incidents) + CHILD_MATCH_WINDOW
    named: dict[ChildKey, list[Vist]] = defaultdict(list)
    for vp in VistPerson.objects.filter(
        is_child=True,
        vist__api_client__agency_id__in=forces,
        vist__incident_at__gte=earliest,
        vist__incident_at__lte=latest,
    ).select_related("vist__api_client"):
        for key in _keys(vp):
            named[key].append(vp.vist)
    children: dict[int, list[IncidentPerson]] = defaultdict(list)
    for ip in IncidentPerson.objects.filter(incident__in=incidents, is_child=True):
        children[ip.incident_id].append(ip)
    for incident in incidents:
        candidates = [
            vist
            for child in children[incident.pk]
            for key in _keys(child)
            for vist in named.get(key, [])
            if vist.api_client.agency_id == incident.api_client.agency_id
            and abs(in_utc(vist.incident_at) - in_utc(incident.occurred_at)) <= CHILD_MATCH_WINDOW
        ]
        if candidates:
            found[incident.pk] = min(candidates, key=vist_time)


@dataclass(frozen=True)
class IncidentCompliance:
    incident: DomesticAbuseIncident
    children: int
    vist: Vist | None
    lag: timedelta | None  # the VIST's time minus the incident's
    since: timedelta  # now minus the incident's time

    @property
    def late(self) -> bool:
        return self.lag is not None and self.lag > due_after()

    @property
    def overdue(self) -> bool:
        """No VIST, and the due hours have passed (exactly at the threshold counts)."""
        return self.vist is None and self.since >= due_after()

    @property
    def since_words(self) -> str:
        return lag_words(self.since)

    @property
    def lag_words(self) -> str:
        return lag_words(self.lag) if self.lag is not None else ""


def assess(incidents: Iterable[DomesticAbuseIncident], now: datetime | None = None) -> list[IncidentCompliance]:
    """Each incident with its VIST, its lag and how long ago it happened, in the order given."""
    now = in_utc(now or timezone.now())
    incidents = list(incidents)
    vists = match_vists(incidents)
    counts: dict[int, int] = defaultdict(int)
    for incident_id in IncidentPerson.objects.filter(incident__in=incidents, is_child=True).values_list(
        "incident_id", flat=True
    ):
        counts[incident_id] += 1
    return [
        IncidentCompliance(
            incident=i,
            children=counts[i.pk],
            vist=vists[i.pk],
            lag=in_utc(vist_time(vists[i.pk])) - in_utc(i.occurred_at) if vists[i.pk] else None,  # type: ignore[arg-type]
            since=now - in_utc(i.occurred_at),
        )
        for i in incidents
    ]


def incidents_for_vist(vist: Vist) -> list[int]:
    """The ids of the force's incidents this VIST answers: by reference, or by a child they share within a day."""
    force = vist.api_client.agency_id
    ids = set(
        DomesticAbuseIncident.objects.filter(
            api_client__agency_id=force, incident_reference=vist.incident_reference
        ).values_list("pk", flat=True)
    )
    keys: set[ChildKey] = set()
    for vp in vist.persons.filter(is_child=True):
        keys |= _keys(vp)
    if keys:
        near = IncidentPerson.objects.filter(
            is_child=True,
            incident__api_client__agency_id=force,
            incident__occurred_at__gte=vist.incident_at - CHILD_MATCH_WINDOW,
            incident__occurred_at__lte=vist.incident_at + CHILD_MATCH_WINDOW,
        )
        ids |= {ip.incident_id for ip in near if _keys(ip) & keys}
    return sorted(ids)


def list_incidents_for_vist(vist: Vist) -> list[DomesticAbuseIncident]:
    """The incidents this VIST answers (see `incidents_for_vist`), earliest first."""
    return list(DomesticAbuseIncident.objects.filter(pk__in=incidents_for_vist(vist)).order_by("occurred_at", "id"))
