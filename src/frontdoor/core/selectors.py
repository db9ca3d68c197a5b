"""Reads from the shared kernel's tables, turned into the pure calendar objects deadlines are counted on."""

from __future__ import annotations

from datetime import date

from frontdoor.core import calendars
from frontdoor.core.models import SchoolCalendar

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
