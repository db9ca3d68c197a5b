"""VIST compliance: for each police incident involving children, whether a VIST was sent for it and how late.

The inspection found VISTs "submitted ... days or weeks after the related incident", and a few never. An incident
is matched to a VIST of the same force by its police reference, or failing that by a child they both name (the
same person once linked, otherwise the same name and date of birth) within a day of the incident. The lag is the
VIST's time (when the officer submitted it, as the police system says, or else when it reached the front door)
minus the incident's. `settings.FRONTDOOR_VIST_DUE_HOURS` (24 by default) is counted in real hours, nights and
weekends included: police attend at all hours, so the duty to send a VIST does not wait for office hours.

Reads (the supervisor's list writes its audit row); the incident's clock (`intake.clocks.INCIDENT_VIST`, due hours
read at start-up as every clock's are) is started and met by `services.police`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.display import duration
from frontdoor.core.models import Clock, ClockState
from frontdoor.core.registry import Subject
from frontdoor.intake.models import INCIDENT_SUBJECT, DomesticAbuseIncident, IncidentPerson, Vist, VistPerson
from frontdoor.people.models import Agency, AgencyKind

# How far apart a VIST's incident time and the incident's may be for a child they share to match them.
CHILD_MATCH_WINDOW = timedelta(days=1)
WEEKS_SHOWN = 12

ChildKey = tuple[str, str, date | None] | int


def due_after() -> timedelta:
    return timedelta(hours=settings.FRONTDOOR_VIST_DUE_HOURS)


def vist_time(vist: Vist) -> datetime:
    """When the VIST was sent: the police system's own time where an import gave it, else its arrival."""
    return vist.submitted_at or vist.received_at


def _utc(moment: datetime) -> datetime:
    """In UTC, so that a difference is real hours (two Europe/London times subtract by the wall clock)."""
    return moment.astimezone(UTC)


def vist_lag(vist: Vist) -> timedelta:
    return _utc(vist_time(vist)) - _utc(vist.incident_at)


def lag_words(lag: timedelta) -> str:
    """ "3 days", "30 hours": whole days from two days on, hours below."""
    hours = int(lag.total_seconds() // 3600)
    if hours >= 48:
        days = hours // 24
        return f"{days} days"
    if hours >= 1:
        return f"{hours} hour{'' if hours == 1 else 's'}"
    return duration(max(lag.total_seconds(), 0))


def late_words(vist: Vist) -> str:
    """ "Submitted 3 days after the incident" for a VIST sent later than the due hours; "" for one on time."""
    lag = vist_lag(vist)
    if lag <= due_after():
        return ""
    return f"Submitted {lag_words(lag)} after the incident"


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


def _by_reference() -> Exists:
    return Exists(
        Vist.objects.filter(
            incident_reference=OuterRef("incident_reference"), api_client__agency=OuterRef("api_client__agency")
        )
    )


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
            and abs(_utc(vist.incident_at) - _utc(incident.occurred_at)) <= CHILD_MATCH_WINDOW
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
    now = _utc(now or timezone.now())
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
            lag=_utc(vist_time(vists[i.pk])) - _utc(i.occurred_at) if vists[i.pk] else None,  # type: ignore[arg-type]
            since=now - _utc(i.occurred_at),
        )
        for i in incidents
    ]


def list_missing_vists(force: Agency | None, now: datetime | None = None) -> list[IncidentCompliance]:
    """The force's incidents with children and no VIST once the due hours have passed, oldest first.

    Incidents with a VIST under their own reference are left out in the database; the rest are matched by child."""
    now = _utc(now or timezone.now())
    waiting = (
        incidents_with_children(force)
        .filter(occurred_at__lte=now - due_after())
        .exclude(_by_reference())
        .select_related("api_client")
        .order_by("occurred_at", "id")
    )
    return [row for row in assess(waiting, now) if row.overdue]


# --- The lag by team and by week ------------------------------------------------------------------------------


def percentile(values: list[timedelta], share: float) -> timedelta | None:
    """The nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-int(share * 100) * len(ordered) // 100))  # ceil(share * n) without floats' surprises
    return ordered[min(rank, len(ordered)) - 1]


def median(values: list[timedelta]) -> timedelta | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@dataclass(frozen=True)
class LagRow:
    label: str
    incidents: int
    with_vist: int
    missing: int  # no VIST and past the due hours
    late: int
    median: timedelta | None
    p90: timedelta | None

    @property
    def median_words(self) -> str:
        return lag_words(self.median) if self.median is not None else "No VISTs yet"

    @property
    def p90_words(self) -> str:
        return lag_words(self.p90) if self.p90 is not None else "No VISTs yet"


def _row(label: str, rows: list[IncidentCompliance]) -> LagRow:
    lags = [r.lag for r in rows if r.lag is not None]
    return LagRow(
        label=label,
        incidents=len(rows),
        with_vist=len(lags),
        missing=sum(r.overdue for r in rows),
        late=sum(r.late for r in rows),
        median=median(lags),
        p90=percentile(lags, 0.9),
    )


@dataclass(frozen=True)
class LagReport:
    since: date
    overall: LagRow
    by_team: list[LagRow]
    by_week: list[LagRow]


def lag_report(force: Agency | None, now: datetime | None = None, weeks: int = WEEKS_SHOWN) -> LagReport:
    """The lag's median and 90th percentile over the last `weeks` weeks (from a Monday), by team and by week."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    start = timezone.make_aware(datetime.combine(first_monday, datetime.min.time()))
    incidents = incidents_with_children(force).filter(occurred_at__gte=start, occurred_at__lte=now)
    rows = assess(incidents.select_related("api_client").order_by("occurred_at", "id"), now)
    teams: dict[str, list[IncidentCompliance]] = defaultdict(list)
    weeks_seen: dict[date, list[IncidentCompliance]] = defaultdict(list)
    for row in rows:
        teams[row.incident.team or "Team not recorded"].append(row)
        day = timezone.localtime(row.incident.occurred_at).date()
        weeks_seen[day - timedelta(days=day.weekday())].append(row)
    by_week = []
    for n in range(weeks):
        monday = first_monday + timedelta(weeks=n)
        by_week.append(_row(f"Week beginning {monday.day} {monday:%B %Y}", weeks_seen.get(monday, [])))
    return LagReport(
        since=first_monday,
        overall=_row("All teams", rows),
        by_team=[_row(team, teams[team]) for team in sorted(teams)],
        by_week=list(reversed(by_week)),
    )


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


def late_vists(force: Agency | None, now: datetime | None = None, days: int = 28) -> list[Vist]:
    """The force's VISTs received in the last `days` days that were sent later than the due hours, latest first."""
    if force is None:
        return []
    now = _utc(now or timezone.now())
    recent = Vist.objects.filter(api_client__agency=force, received_at__gte=now - timedelta(days=days)).order_by(
        "-received_at", "-id"
    )
    return [vist for vist in recent if vist_lag(vist) > due_after()]


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


def list_incidents_for_vist(vist: Vist) -> list[DomesticAbuseIncident]:
    """The incidents this VIST answers (see `incidents_for_vist`), earliest first."""
    return list(DomesticAbuseIncident.objects.filter(pk__in=incidents_for_vist(vist)).order_by("occurred_at", "id"))


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
