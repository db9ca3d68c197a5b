"""Reads about agencies and schools. (A person's data is read through `frontdoor.access`, which audits it.)"""

from __future__ import annotations

from frontdoor.core import calendars
from frontdoor.core.selectors import school_calendar
from frontdoor.people.models import School


def school_calendar_for(school: School) -> calendars.SchoolCalendar:
    """The days this setting is open: its own calendar, else the partnership's default, else England's pattern."""
    return school_calendar(school.calendar)
