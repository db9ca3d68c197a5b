"""Clocks everywhere: "My deadlines" and "Team deadlines" on the home page, and every breach counted.

The deadlines are read from the one clock table through the sources each capability registers
(`core.registry.register_deadline_source`: which subjects are an actor's own work, and their team's), so a home
page shows every running clock of the work someone has, whichever capability started it. The MASH registers its own
source here (`mash_deadlines`): the referrals and VISTs assigned to a worker, the checks they asked for, and the
checks sent to a responder's agency; its team is the whole MASH.

`list_breaches` counts every missed deadline by rule and period, for the partnership's scorecards.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.clocks import RULES
from frontdoor.core.display import Deadline, deadline
from frontdoor.core.models import Clock, ClockState
from frontdoor.core.registry import describe_subjects, list_deadline_sources
from frontdoor.intake.models import REFERRAL_SUBJECT, VIST_SUBJECT, Referral, Vist
from frontdoor.mash.checks_clocks import CHECK_SUBJECT
from frontdoor.mash.checks_selectors import answers_for_agency
from frontdoor.mash.models import Assignment, CheckStatus, MashCheck
from frontdoor.mash.queue import OPEN_STATUSES

TEAM_SHOWS = 10
OPEN = (ClockState.RUNNING, ClockState.BREACHED)


@dataclass(frozen=True)
class DueItem:
    """One running deadline in words: what it is ("Decision on referral FD-..."), where it is worked, and when due."""

    what: str
    link: str
    deadline: Deadline


def _open_clocks(subjects: Iterable[tuple[str, str]]) -> list[Clock]:
    by_type: dict[str, set[str]] = defaultdict(set)
    for subject_type, subject_id in subjects:
        by_type[subject_type].add(str(subject_id))
    if not by_type:
        return []
    query = Q(pk__in=[])
    for subject_type, ids in by_type.items():
        query |= Q(subject_type=subject_type, subject_id__in=sorted(ids))
    return list(Clock.objects.filter(query, state__in=OPEN).order_by("due_at", "id"))


def list_due(subjects: Iterable[tuple[str, str]], now: datetime | None = None) -> list[DueItem]:
    """The running (or missed and still open) clocks of these subjects, soonest due first, in words."""
    now = now or timezone.now()
    clocks = _open_clocks(subjects)
    named = describe_subjects((c.subject_type, c.subject_id) for c in clocks)
    items = []
    for clock in clocks:
        subject = named[(clock.subject_type, clock.subject_id)]
        rule = RULES.get(clock.rule)
        what = rule.about(subject.label) if rule else subject.label or "A deadline"
        items.append(DueItem(what, subject.link, deadline(clock, now)))  # type: ignore[arg-type]
    return items


def home_my_deadlines(actor: Actor) -> dict[str, Any] | None:
    """ "My deadlines": every running clock of the actor's own work, soonest first (left off when there are none)."""
    subjects = [s for source in list_deadline_sources() for s in source.mine(actor)]
    items = list_due(subjects)
    return {"items": items, "overdue": sum(i.deadline.overdue for i in items)} if items else None


def home_team_deadlines(actor: Actor) -> dict[str, Any] | None:
    """ "Team deadlines" for a manager: the team's running clocks, the soonest few, and how many are overdue."""
    subjects = [s for source in list_deadline_sources() if source.team for s in source.team(actor)]
    items = list_due(subjects)
    if not items:
        return None
    return {"items": items[:TEAM_SHOWS], "total": len(items), "overdue": sum(i.deadline.overdue for i in items)}


# --- The MASH's own source --------------------------------------------------------------------------------------


def mash_mine(actor: Actor) -> list[tuple[str, str]]:
    """A MASH worker's items and the checks they asked for; a responder's agency's open checks."""
    subjects: list[tuple[str, str]] = []
    if actor.user is not None and role_grants(actor.role, "mash.triage"):
        for referral_id, vist_id in Assignment.objects.filter(worker=actor.user, ended_at__isnull=True).values_list(
            "referral_id", "vist_id"
        ):
            subjects.append((REFERRAL_SUBJECT, str(referral_id)) if referral_id else (VIST_SUBJECT, str(vist_id)))
    if actor.user is not None and role_grants(actor.role, "mash.checks.request"):
        asked = MashCheck.objects.filter(requested_by=actor.user, status=CheckStatus.OPEN).values_list("pk", flat=True)
        subjects += [(CHECK_SUBJECT, str(pk)) for pk in asked]
    if answers_for_agency(actor):
        to_answer = MashCheck.objects.filter(agency=actor.agency, status=CheckStatus.OPEN).values_list("pk", flat=True)
        subjects += [(CHECK_SUBJECT, str(pk)) for pk in to_answer]
    return subjects


def mash_team(actor: Actor) -> list[tuple[str, str]]:
    """The whole MASH's running work, for those who manage it: every item in the queue and every open check."""
    if not role_grants(actor.role, "mash.team_deadlines"):
        return []
    referrals = Referral.objects.filter(status__in=OPEN_STATUSES).values_list("pk", flat=True)
    vists = Vist.objects.filter(mash_triage__isnull=True).values_list("pk", flat=True)
    checks = MashCheck.objects.filter(status=CheckStatus.OPEN).values_list("pk", flat=True)
    return (
        [(REFERRAL_SUBJECT, str(pk)) for pk in referrals]
        + [(VIST_SUBJECT, str(pk)) for pk in vists]
        + [(CHECK_SUBJECT, str(pk)) for pk in checks]
    )


# --- Every breach counted ---------------------------------------------------------------------------------------

PERIODS = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}


@dataclass(frozen=True)
class Breaches:
    """How many deadlines under one rule were missed in one period (the period's first day, UK time)."""

    rule: str
    description: str
    period: date
    count: int


def list_breaches(start: datetime, end: datetime, period: str = "month", now: datetime | None = None) -> list[Breaches]:
    """Every deadline due in [start, end) that was missed, counted by rule and by the day, week or month it fell
    due, in date then rule order: the scorecards' breaches.

    Missed means breached by the sweep, met after its due time, or still running past it (a sweep not yet run
    counts, so the figure never waits on the worker). A clock cancelled before it fell due is not a breach."""
    now = now or timezone.now()
    missed = Q(breached_at__isnull=False) | Q(met_late=True) | Q(state=ClockState.RUNNING, due_at__lte=now)
    rows = (
        Clock.objects.filter(missed, due_at__gte=start, due_at__lt=end)
        .annotate(period=PERIODS[period]("due_at", tzinfo=timezone.get_current_timezone()))
        .values("period", "rule")
        .annotate(count=Count("id"))
        .order_by("period", "rule")
    )
    return [
        Breaches(
            rule=row["rule"],
            description=RULES[row["rule"]].description if row["rule"] in RULES else row["rule"],
            period=timezone.localtime(row["period"]).date() if isinstance(row["period"], datetime) else row["period"],
            count=row["count"],
        )
        for row in rows
    ]
