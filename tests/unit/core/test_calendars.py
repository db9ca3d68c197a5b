"""Working-day and school-day arithmetic against the real 2025-2027 England and Wales calendars.

Every expected value below was worked out by hand from the published bank holidays
(gov.uk/bank-holidays) and the default term pattern documented in ``england_default_terms``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise

import pytest

from frontdoor.core.calendars import (
    LONDON,
    SchoolCalendar,
    WorkingCalendar,
    bank_holidays,
    england_default_inset_days,
    england_default_school_calendar,
    england_default_terms,
    is_bank_holiday,
)

CAL = WorkingCalendar()
CHRISTMAS_CLOSURE = WorkingCalendar(closures=frozenset({date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)}))
SCHOOLS = england_default_school_calendar(2025, 2027)

HOUR = timedelta(hours=1)


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


# --- bank holidays -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 4, 18),  # Good Friday
        date(2025, 4, 21),  # Easter Monday
        date(2025, 5, 5),  # Early May
        date(2025, 5, 26),  # Spring
        date(2025, 8, 25),  # Summer
        date(2025, 12, 25),
        date(2025, 12, 26),
        date(2026, 1, 1),
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 4),  # Early May
        date(2026, 5, 25),  # Spring
        date(2026, 8, 31),  # Summer
        date(2026, 12, 25),
        date(2026, 12, 28),  # substitute: Boxing Day 2026 is a Saturday
        date(2027, 1, 1),
        date(2027, 3, 26),  # Good Friday
        date(2027, 3, 29),  # Easter Monday
        date(2027, 5, 3),
        date(2027, 5, 31),
        date(2027, 8, 30),
        date(2027, 12, 27),  # substitute: Christmas Day 2027 is a Saturday
        date(2027, 12, 28),  # substitute: Boxing Day 2027 is a Sunday
    ],
)
def test_bank_holidays_are_not_working_days(day: date) -> None:
    assert day.weekday() < 5
    assert is_bank_holiday(day)
    assert not CAL.is_working_day(day)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 4, 2),  # Maundy Thursday
        date(2026, 4, 7),  # Tuesday after Easter Monday
        date(2026, 5, 5),
        date(2026, 8, 28),
        date(2026, 12, 24),
        date(2026, 12, 29),
        date(2027, 12, 29),
    ],
)
def test_ordinary_weekdays_are_working_days(day: date) -> None:
    assert not is_bank_holiday(day)
    assert CAL.is_working_day(day)


def test_weekends_are_not_working_days_and_weekend_holidays_are_still_holidays() -> None:
    assert not CAL.is_working_day(date(2026, 6, 13))  # Saturday
    assert not CAL.is_working_day(date(2026, 6, 14))  # Sunday
    assert is_bank_holiday(date(2026, 12, 26))  # Boxing Day on a Saturday
    assert not is_bank_holiday(date(2026, 12, 27))  # an ordinary Sunday


def test_bank_holidays_are_cached_per_year() -> None:
    assert bank_holidays(2026) is bank_holidays(2026)
    assert date(2026, 4, 3) in bank_holidays(2026)
    assert date(2026, 4, 3) not in bank_holidays(2027)


def test_closures_are_not_working_days() -> None:
    assert CAL.is_working_day(date(2026, 12, 30))
    assert not CHRISTMAS_CLOSURE.is_working_day(date(2026, 12, 30))


def test_a_datetime_is_refused_where_a_date_is_expected() -> None:
    # It would otherwise compare unequal to every holiday date and count Christmas as a working day.
    with pytest.raises(TypeError):
        CAL.is_working_day(datetime(2026, 12, 25, 12, 0, tzinfo=LONDON))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 6, 8), date(2026, 6, 9)),  # Monday -> Tuesday
        (date(2026, 6, 12), date(2026, 6, 15)),  # Friday -> Monday
        (date(2026, 4, 2), date(2026, 4, 7)),  # over Easter
        (date(2026, 12, 24), date(2026, 12, 29)),  # over Christmas and the Boxing Day substitute
    ],
)
def test_next_working_day(day: date, expected: date) -> None:
    assert CAL.next_working_day(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 5), date(2026, 12, 4)),  # a Saturday: the Friday before
        (date(2026, 12, 7), date(2026, 12, 4)),  # a Monday: the Friday before, not the day itself
        (date(2026, 12, 29), date(2026, 12, 24)),  # back over Christmas and the Boxing Day substitute
    ],
)
def test_previous_working_day(day: date, expected: date) -> None:
    assert CAL.previous_working_day(day) == expected


# --- adding working days -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (london(2026, 6, 8, 10), 1, london(2026, 6, 9, 10)),  # Monday -> Tuesday
        (london(2026, 6, 12, 16), 1, london(2026, 6, 15, 16)),  # Friday -> Monday
        (london(2026, 6, 13, 11), 1, london(2026, 6, 15, 17)),  # Saturday: from Monday 09:00
        (london(2026, 4, 2, 15), 1, london(2026, 4, 7, 15)),  # Maundy Thursday -> Tuesday after Easter
        (london(2026, 5, 1, 12), 1, london(2026, 5, 5, 12)),  # over Early May bank holiday
        (london(2026, 5, 22, 10), 1, london(2026, 5, 26, 10)),  # over Spring bank holiday
        (london(2026, 8, 28, 10), 1, london(2026, 9, 1, 10)),  # over Summer bank holiday
        (london(2026, 12, 24, 16), 1, london(2026, 12, 29, 16)),  # Christmas, Boxing Day substitute
        (london(2027, 12, 24, 16), 1, london(2027, 12, 29, 16)),  # two substitute days in 2027
        (london(2026, 6, 8, 10), 0, london(2026, 6, 8, 10)),
        (london(2026, 6, 8, 10), 5, london(2026, 6, 15, 10)),
        # 45 working days from Monday 2 March 2026, skipping Good Friday, Easter Monday and Early May.
        (london(2026, 3, 2, 10), 45, london(2026, 5, 7, 10)),
    ],
)
def test_add_working_days(start: datetime, days: int, expected: datetime) -> None:
    assert CAL.add_working_days(start, days) == expected


def test_christmas_closure_days_push_the_deadline_into_january() -> None:
    # 1 hour on Christmas Eve; 25, 28 Dec and 1 Jan are bank holidays; 29-31 Dec are closed.
    result = CHRISTMAS_CLOSURE.add_working_days(london(2026, 12, 24, 16), 1)
    assert result == london(2027, 1, 4, 16)


def test_many_working_days_agree_with_counting_days() -> None:
    start = london(2026, 1, 5, 10)
    result = CHRISTMAS_CLOSURE.add_working_days(start, 300)
    assert result.time() == time(10, 0)
    assert CHRISTMAS_CLOSURE.is_working_day(result.date())
    assert CHRISTMAS_CLOSURE.working_days_between(start.date(), result.date()) == 300


def test_add_working_days_equals_add_working_hours_of_whole_days() -> None:
    start = london(2026, 4, 2, 15, 30)
    for days in (1, 2, 7, 20):
        assert CAL.add_working_days(start, days) == CAL.add_working_hours(start, days * 8)


def test_custom_working_hours() -> None:
    cal = WorkingCalendar(day_start=time(8, 0), day_end=time(16, 30))
    assert cal.hours_per_working_day == 8.5
    assert cal.add_working_days(london(2026, 6, 12, 16), 1) == london(2026, 6, 15, 16)
    assert cal.add_working_hours(london(2026, 6, 13, 12), 1) == london(2026, 6, 15, 9)


def test_opening_must_be_before_closing() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar(day_start=time(17, 0), day_end=time(9, 0))


# --- clock changes -------------------------------------------------------------------------------------


def test_deadline_across_the_spring_clock_change_stays_at_local_wall_clock_time() -> None:
    start = london(2026, 3, 27, 10)  # Friday, GMT
    result = CAL.add_working_days(start, 1)  # clocks go forward on Sunday 29 March
    assert result == london(2026, 3, 30, 10)
    assert (result.hour, result.minute) == (10, 0)
    assert start.utcoffset() == timedelta(0)
    assert result.utcoffset() == HOUR
    assert result == datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def test_deadline_across_the_autumn_clock_change_stays_at_local_wall_clock_time() -> None:
    start = london(2026, 10, 23, 10)  # Friday, BST
    result = CAL.add_working_days(start, 1)  # clocks go back on Sunday 25 October
    assert result == london(2026, 10, 26, 10)
    assert (result.hour, result.minute) == (10, 0)
    assert start.utcoffset() == HOUR
    assert result.utcoffset() == timedelta(0)
    assert result == datetime(2026, 10, 26, 10, 0, tzinfo=UTC)


def test_utc_input_is_read_as_london_local_time_and_the_result_is_in_london() -> None:
    result = CAL.add_working_days(datetime(2026, 3, 27, 10, 0, tzinfo=UTC), 1)
    assert result == london(2026, 3, 30, 10)
    assert result.tzinfo is LONDON
    # 08:30 UTC in June is 09:30 BST: already working time, so the deadline is 09:30 BST the next day.
    assert CAL.add_working_days(datetime(2026, 6, 9, 8, 30, tzinfo=UTC), 1) == london(2026, 6, 10, 9, 30)


def test_working_hours_across_the_clock_change() -> None:
    assert CAL.add_working_hours(london(2026, 3, 27, 16), 2) == london(2026, 3, 30, 10)
    assert CAL.add_working_hours(london(2026, 10, 23, 16), 2) == london(2026, 10, 26, 10)


# --- adding working hours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (london(2026, 6, 9, 20, 30), london(2026, 6, 10, 10)),  # weekday evening
        (london(2026, 6, 9, 6), london(2026, 6, 9, 10)),  # early morning
        (london(2026, 6, 13, 12), london(2026, 6, 15, 10)),  # Saturday
        (london(2026, 5, 25, 12), london(2026, 5, 26, 10)),  # Spring bank holiday
        (london(2026, 6, 9, 17), london(2026, 6, 10, 10)),  # exactly closing time is out of hours
        (london(2026, 6, 9, 9), london(2026, 6, 9, 10)),  # exactly opening time is in hours
        (london(2026, 6, 9, 16, 30), london(2026, 6, 10, 9, 30)),  # split across the night
        (london(2026, 6, 12, 16, 30), london(2026, 6, 15, 9, 30)),  # split across the weekend
    ],
)
def test_one_working_hour_from(start: datetime, expected: datetime) -> None:
    assert CAL.add_working_hours(start, 1) == expected


def test_start_on_a_closure_day_counts_from_the_next_opening() -> None:
    assert CHRISTMAS_CLOSURE.add_working_hours(london(2026, 12, 30, 11), 1) == london(2027, 1, 4, 10)


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (london(2026, 6, 9, 15), 4, london(2026, 6, 10, 11)),
        (london(2026, 6, 9, 15), 4.5, london(2026, 6, 10, 11, 30)),
        (london(2026, 6, 9, 16, 45), 0.5, london(2026, 6, 10, 9, 15)),
        (london(2026, 6, 9, 16), 2.25, london(2026, 6, 10, 10, 15)),
        (london(2026, 6, 9, 10), 0.25, london(2026, 6, 9, 10, 15)),
    ],
)
def test_fractional_working_hours(start: datetime, hours: float, expected: datetime) -> None:
    assert CAL.add_working_hours(start, hours) == expected


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (london(2026, 6, 9, 20, 30), london(2026, 6, 10, 9)),
        (london(2026, 6, 9, 17), london(2026, 6, 10, 9)),
        (london(2026, 6, 13, 11), london(2026, 6, 15, 9)),
        (london(2026, 4, 3, 11), london(2026, 4, 7, 9)),  # Good Friday
        (london(2026, 6, 9, 10), london(2026, 6, 9, 10)),  # in hours: unchanged
    ],
)
def test_zero_hours_is_the_next_opening_when_out_of_hours(start: datetime, expected: datetime) -> None:
    assert CAL.add_working_hours(start, 0) == expected


@pytest.mark.parametrize(
    ("start", "hours", "expected"),
    [
        (london(2026, 6, 9, 9), 8, london(2026, 6, 9, 17)),
        (london(2026, 6, 9, 15), 2, london(2026, 6, 9, 17)),
        (london(2026, 4, 2, 15), 2, london(2026, 4, 2, 17)),  # not Tuesday after Easter
        (london(2026, 6, 9, 15), 10, london(2026, 6, 10, 17)),
    ],
)
def test_hours_that_run_out_at_closing_time_end_at_closing_time(
    start: datetime, hours: float, expected: datetime
) -> None:
    assert CAL.add_working_hours(start, hours) == expected


@pytest.mark.parametrize("hours", [-1, float("nan"), float("inf")])
def test_invalid_hours_are_refused(hours: float) -> None:
    with pytest.raises(ValueError):
        CAL.add_working_hours(london(2026, 6, 9, 10), hours)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        CAL.add_working_days(london(2026, 6, 9, 10), -1)


# --- working time and counting days --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (london(2026, 6, 9, 9), True),
        (datetime(2026, 6, 9, 16, 59, 59, tzinfo=LONDON), True),
        (london(2026, 6, 9, 17), False),
        (london(2026, 6, 9, 8, 59), False),
        (london(2026, 6, 13, 12), False),  # Saturday
        (london(2026, 5, 4, 12), False),  # Early May bank holiday
        (datetime(2026, 6, 9, 8, 30, tzinfo=UTC), True),  # 09:30 BST
        (datetime(2026, 1, 6, 8, 30, tzinfo=UTC), False),  # 08:30 GMT
    ],
)
def test_is_working_time(moment: datetime, expected: bool) -> None:
    assert CAL.is_working_time(moment) is expected


@pytest.mark.parametrize(
    ("calendar", "start", "end", "expected"),
    [
        (CAL, date(2026, 3, 30), date(2026, 4, 10), 7),  # Easter fortnight: 9 weekdays less 2 bank holidays
        (CAL, date(2026, 12, 18), date(2027, 1, 1), 7),  # 21-24 and 29-31 December
        (CHRISTMAS_CLOSURE, date(2026, 12, 18), date(2027, 1, 1), 4),
        (CAL, date(2026, 6, 12), date(2026, 6, 15), 1),  # Friday to Monday: the Monday
        (CAL, date(2026, 6, 13), date(2026, 6, 14), 0),  # a weekend
        (CAL, date(2026, 6, 8), date(2026, 6, 8), 0),  # same day
        (CAL, date(2026, 6, 15), date(2026, 6, 8), 0),  # end before start
    ],
)
def test_working_days_between(calendar: WorkingCalendar, start: date, end: date, expected: int) -> None:
    assert calendar.working_days_between(start, end) == expected


# --- naive datetimes -----------------------------------------------------------------------------------


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2026, 6, 9, 10, 0)
    with pytest.raises(ValueError):
        CAL.add_working_hours(naive, 1)
    with pytest.raises(ValueError):
        CAL.add_working_days(naive, 1)
    with pytest.raises(ValueError):
        CAL.is_working_time(naive)
    with pytest.raises(ValueError):
        SCHOOLS.next_school_day_start(naive)


# --- school days ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (london(2026, 3, 6, 19), london(2026, 3, 9, 8, 45)),  # Friday evening -> Monday
        (london(2026, 3, 7, 14), london(2026, 3, 9, 8, 45)),  # Saturday -> Monday
        (london(2026, 3, 10, 7), london(2026, 3, 10, 8, 45)),  # before school: the same day
        (london(2026, 3, 10, 8, 44), london(2026, 3, 10, 8, 45)),
        (london(2026, 3, 10, 8, 45), london(2026, 3, 11, 8, 45)),  # the day has started
        (london(2026, 3, 10, 12), london(2026, 3, 11, 8, 45)),
        (london(2026, 2, 18, 12), london(2026, 2, 23, 8, 45)),  # February half term -> first day back
        (london(2025, 10, 29, 12), london(2025, 11, 4, 8, 45)),  # October half term; 3 Nov is INSET
        (london(2025, 12, 29, 10), london(2026, 1, 6, 8, 45)),  # Christmas; 5 Jan is INSET
        (london(2026, 7, 17, 15), london(2026, 9, 2, 8, 45)),  # last day of summer; 1 Sep is INSET
        (london(2027, 7, 16, 15), london(2027, 9, 1, 8, 45)),  # last day of summer; no INSET in September
        (london(2026, 5, 1, 18), london(2026, 5, 5, 8, 45)),  # over the Early May bank holiday in term
        (london(2026, 5, 4, 7), london(2026, 5, 5, 8, 45)),  # early on the bank holiday itself
    ],
)
def test_next_school_day_start(moment: datetime, expected: datetime) -> None:
    assert SCHOOLS.next_school_day_start(moment) == expected


def test_next_school_day_start_across_easter_and_the_clock_change() -> None:
    # Spring term ends Friday 27 March 2026 (GMT); summer starts Monday 13 April with an INSET day (BST).
    result = SCHOOLS.next_school_day_start(london(2026, 3, 27, 18))
    assert result == london(2026, 4, 14, 8, 45)
    assert result.utcoffset() == HOUR
    assert result.tzinfo is LONDON


def test_next_school_day_start_reads_utc_input_as_london_time() -> None:
    # 08:00 UTC is 08:00 GMT in March (before school) but 09:00 BST in June (school has started).
    assert SCHOOLS.next_school_day_start(datetime(2026, 3, 10, 8, 0, tzinfo=UTC)) == london(2026, 3, 10, 8, 45)
    assert SCHOOLS.next_school_day_start(datetime(2026, 6, 9, 8, 0, tzinfo=UTC)) == london(2026, 6, 10, 8, 45)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 1), False),  # INSET
        (date(2025, 9, 2), False),  # INSET
        (date(2025, 9, 3), True),  # pupils return
        (date(2026, 1, 5), False),  # INSET, first day of spring term
        (date(2026, 1, 6), True),
        (date(2026, 5, 4), False),  # Early May bank holiday inside summer term
        (date(2026, 5, 5), True),
        (date(2025, 10, 29), False),  # half term
        (date(2026, 3, 28), False),  # Saturday in term
        (date(2026, 8, 3), False),  # summer holiday
    ],
)
def test_is_school_day(day: date, expected: bool) -> None:
    assert SCHOOLS.is_school_day(day) is expected


def test_bank_holiday_inside_a_configured_term_is_not_a_school_day() -> None:
    calendar = SchoolCalendar(terms=((date(2026, 4, 27), date(2026, 5, 8)),))
    assert calendar.in_term(date(2026, 5, 4))
    assert not calendar.is_school_day(date(2026, 5, 4))
    assert calendar.next_school_day(date(2026, 5, 1)) == date(2026, 5, 5)


def test_no_school_day_in_sight_is_a_lookup_error() -> None:
    calendar = SchoolCalendar(terms=((date(2026, 9, 1), date(2026, 9, 30)),))
    assert calendar.next_school_day(date(2026, 9, 29)) == date(2026, 9, 30)
    with pytest.raises(LookupError):
        calendar.next_school_day(date(2026, 9, 30))


def test_a_term_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError):
        SchoolCalendar(terms=((date(2026, 9, 30), date(2026, 9, 1)),))


# --- default England terms -----------------------------------------------------------------------------


def test_default_terms_2025_26() -> None:
    assert england_default_terms(2025) == (
        (date(2025, 9, 1), date(2025, 10, 24)),
        (date(2025, 11, 3), date(2025, 12, 19)),
        (date(2026, 1, 5), date(2026, 2, 13)),
        (date(2026, 2, 23), date(2026, 3, 27)),
        (date(2026, 4, 13), date(2026, 5, 22)),
        (date(2026, 6, 1), date(2026, 7, 17)),
    )


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, {date(2025, 9, 1), date(2025, 9, 2), date(2025, 11, 3), date(2026, 1, 5), date(2026, 4, 13)}),
        # 1 Sep 2026 is a Tuesday: only one INSET day falls in September.
        (2026, {date(2026, 9, 1), date(2026, 11, 2), date(2027, 1, 4), date(2027, 2, 22), date(2027, 4, 5)}),
        # 1 Sep 2027 is a Wednesday: pupils start on it, so no INSET day in September.
        (
            2027,
            {date(2027, 11, 1), date(2028, 1, 10), date(2028, 2, 28), date(2028, 4, 24), date(2028, 6, 5)},
        ),
    ],
)
def test_default_inset_days(year: int, expected: set[date]) -> None:
    assert england_default_inset_days(year) == expected


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_default_terms_are_plausible(year: int) -> None:
    terms = england_default_terms(year)
    assert len(terms) == 6
    for first, last in terms:
        assert date(year, 9, 1) <= first <= last <= date(year + 1, 7, 31)
        assert first.weekday() < 5
        assert last.weekday() == 4  # periods end on a Friday
    for (_, end), (next_start, _) in pairwise(terms):
        assert (next_start - end).days >= 10  # at least a week's holiday between periods
    inset = england_default_inset_days(year)
    calendar = SchoolCalendar(terms=terms)
    assert len(inset) == 5
    assert all(calendar.is_school_day(d) for d in inset)


@pytest.mark.parametrize(("year", "expected"), [(2025, 189), (2026, 188), (2027, 187)])
def test_about_190_school_days_a_year(year: int, expected: int) -> None:
    # 2025-26: 8 + 7 + 6 + 5 + 6 + 7 = 39 weeks = 195 weekdays, less Early May and 5 INSET days.
    first, last = date(year, 9, 1), date(year + 1, 8, 31)
    count = sum(SCHOOLS.is_school_day(first + timedelta(days=n)) for n in range((last - first).days + 1))
    assert count == expected
    assert 185 <= count <= 195


def test_default_school_calendar_covers_the_years_asked_for() -> None:
    assert len(SCHOOLS.terms) == 18
    assert SCHOOLS.inset_days == (
        england_default_inset_days(2025) | england_default_inset_days(2026) | england_default_inset_days(2027)
    )
    assert SCHOOLS.day_start == time(8, 45)
    with pytest.raises(ValueError):
        england_default_school_calendar(2027, 2025)
