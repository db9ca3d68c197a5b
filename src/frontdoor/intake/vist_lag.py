"""How late VISTs are: the mark a VIST sent after the due hours carries wherever it is shown, a force's late VISTs,
and the lag's median and 90th percentile over recent weeks, by team and by week.

The lag (the VIST's time minus its incident's) and the matching of incidents to VISTs are `incident_vists`'.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from frontdoor.intake.incident_vists import (
    IncidentCompliance,
    assess,
    due_after,
    in_utc,
    incidents_with_children,
    lag_words,
    vist_lag,
)
from frontdoor.intake.models import Vist
from frontdoor.people.models import Agency

WEEKS_SHOWN = 12


def late_words(vist: Vist) -> str:
    """ "Submitted 3 days after the incident" for a VIST sent later than the due hours; "" for one on time."""
    lag = vist_lag(vist)
    if lag <= due_after():
        return ""
    return f"Submitted {lag_words(lag)} after the incident"


def late_vists(force: Agency | None, now: datetime | None = None, days: int = 28) -> list[Vist]:
    """The force's VISTs received in the last `days` days that were sent later than the due hours, latest first."""
    if force is None:
        return []
    now = in_utc(now or timezone.now())
    recent = Vist.objects.filter(api_client__agency=force, received_at__gte=now - timedelta(days=days)).order_by(
        "-received_at", "-id"
    )
    return [vist for vist in recent if vist_lag(vist) > due_after()]


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
