"""Reads from the shared kernel's tables, turned into the pure calendar objects deadlines are counted on."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from frontdoor.core import calendars
from frontdoor.core.models import Clock, ClockState, SchoolCalendar

DEFAULT_YEARS_AROUND = 2


def school_calendar(stored: SchoolCalendar | None, today: date | None = None) -> calendars.SchoolCalendar:
    """The school days of a stored calendar, or of the default calendar, or of the default England pattern.

    A stored calendar with no term dates falls back to the England pattern (with its INSET days), so a setting
    that has not entered its dates still gets plausible next-school-day deadlines.
    """
    stored = stored or SchoolCalendar.objects.filter(is_default=True).first()
    if stored is not None:
        terms = tuple(stored.terms.order_by("first_day").values_list("first_day", "last_day"))
        if terms:
            insets = frozenset(stored.inset_days.values_list("date", flat=True))
            return calendars.SchoolCalendar(terms=terms, inset_days=insets)
    today = today or date.today()
    year = today.year if today.month >= 9 else today.year - 1
    return calendars.england_default_school_calendar(year - DEFAULT_YEARS_AROUND, year + DEFAULT_YEARS_AROUND)


def list_open_escalations(roles: list[str] | None = None):
    """Escalations nobody has acknowledged yet, newest first, with their clocks (for the roles given, or all)."""
    from frontdoor.core.models import Escalation

    escalations = Escalation.objects.filter(acknowledged_at__isnull=True).select_related("clock")
    if roles is not None:
        escalations = escalations.filter(notify_role__in=roles)
    return list(escalations.order_by("-raised_at", "-id"))


def map_clocks(subject_type: str, subject_ids: Iterable[int], rules: Iterable[str]) -> dict[int, Clock]:
    """Each subject's latest clock under one of `rules` (its deadline), keyed by subject id; subjects with none are
    left out."""
    clocks = Clock.objects.filter(
        subject_type=subject_type, subject_id__in=[str(i) for i in subject_ids], rule__in=list(rules)
    ).order_by("started_at", "id")
    return {int(clock.subject_id): clock for clock in clocks}


def list_open_clocks(subjects: Iterable[tuple[str, str]]) -> list[Clock]:
    """The running or breached clocks of these (subject type, subject id) subjects, soonest due first."""
    query = Q(pk__in=[])
    for subject_type, subject_id in subjects:
        query |= Q(subject_type=subject_type, subject_id=str(subject_id))
    return list(Clock.objects.filter(query, state__in=[ClockState.RUNNING, ClockState.BREACHED]).order_by("due_at"))
