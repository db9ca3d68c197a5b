"""School days per setting: its own term dates, the partnership default, or the England pattern."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from frontdoor.core.calendars import LONDON
from frontdoor.people.selectors import school_calendar_for
from support.factories import InsetDayFactory, SchoolCalendarFactory, SchoolFactory, TermPeriodFactory

pytestmark = pytest.mark.django_db


def test_a_school_with_its_own_terms_and_inset_days() -> None:
    own = SchoolCalendarFactory(name="Independent calendar")
    TermPeriodFactory(calendar=own, name="Autumn", first_day=date(2026, 9, 8), last_day=date(2026, 10, 16))
    InsetDayFactory(calendar=own, date=date(2026, 9, 8))
    school = SchoolFactory(calendar=own)

    days = school_calendar_for(school)

    assert not days.is_school_day(date(2026, 9, 7))  # before its term
    assert not days.is_school_day(date(2026, 9, 8))  # its INSET day
    assert days.is_school_day(date(2026, 9, 9))
    friday_night = datetime(2026, 9, 11, 21, 0, tzinfo=LONDON)
    assert days.next_school_day_start(friday_night) == datetime(2026, 9, 14, 8, 45, tzinfo=LONDON)


def test_a_school_without_a_calendar_uses_the_partnership_default() -> None:
    default = SchoolCalendarFactory(name="County", is_default=True)
    TermPeriodFactory(calendar=default, name="Short", first_day=date(2026, 11, 2), last_day=date(2026, 11, 6))
    days = school_calendar_for(SchoolFactory(calendar=None))
    assert days.is_school_day(date(2026, 11, 4))
    assert not days.is_school_day(date(2026, 11, 11))


def test_with_no_calendars_at_all_the_england_pattern_applies() -> None:
    days = school_calendar_for(SchoolFactory(calendar=None))
    assert days.is_school_day(date(2026, 11, 18))  # a Wednesday in the autumn term
    assert not days.is_school_day(date(2026, 8, 12))  # the summer holiday
    assert not days.is_school_day(date(2026, 12, 25))
