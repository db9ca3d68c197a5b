"""The deadline a notice starts: before the start of the establishment's next school day after the incident.

Counted on the establishment's own calendar (its terms, INSET days, weekends and bank holidays; the partnership's
default calendar, else England's pattern, where it has none) with the start of the school day from
`settings.FRONTDOOR_ENCOMPASS_DAY_START` (08:30 by default). An incident before the start of a school day is due
that morning; one in the holidays is due before the first day back. The clock starts at the incident (not when
the police system sent it), is met when the establishment acknowledges the notice, and when missed the worker's
sweep escalates it to the council's education safeguarding officer. Registered in `EncompassConfig.ready`.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import date, datetime

from django.conf import settings

from frontdoor.core import calendars
from frontdoor.core.clocks import ClockRule, Unit, register_rule
from frontdoor.core.selectors import school_calendar
from frontdoor.people.models import School
from frontdoor.people.selectors import school_calendar_for

ESCALATE_TO = "education_safeguarding_officer"

NOTICE = ClockRule(
    "encompass.notice",
    "Operation Encompass: acknowledged before the start of the next school day",
    Unit.NEXT_SCHOOL_DAY,
    1,
    ESCALATE_TO,
    phrase="acknowledgement of {subject} before the school day starts",
    escalation_link="/encompass/",  # the officer's own list: the MASH's escalations page is not theirs
)


def day_start():
    return datetime.strptime(settings.FRONTDOOR_ENCOMPASS_DAY_START, "%H:%M").time()


_cache: dict[tuple[int | None, str, date], tuple[float, calendars.SchoolCalendar]] = {}


def calendar_for(school: School | None) -> calendars.SchoolCalendar:
    """The establishment's school days, with the partnership's start of the school day.

    Kept for a minute per calendar (routing one incident may need several, and a school without its own calendar
    shares the default): a change to term dates reaches new notices within the minute.
    """
    key = (school.calendar_id if school is not None else None, settings.FRONTDOOR_ENCOMPASS_DAY_START, date.today())
    held = _cache.get(key)
    now = time.monotonic()
    if held is not None and now - held[0] < settings.FRONTDOOR_CALENDAR_CACHE_SECONDS:
        return held[1]
    days = school_calendar_for(school) if school is not None else school_calendar(None)
    calendar = dataclasses.replace(days, day_start=day_start())
    _cache[key] = (now, calendar)
    return calendar


def forget_calendars(*args: object, **kwargs: object) -> None:
    _cache.clear()


def register() -> None:
    register_rule(NOTICE)
