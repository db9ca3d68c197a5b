"""Working-day and school-day arithmetic for statutory and local deadlines.

Pure domain code: no Django, no I/O. Local data (closure days, term dates) is passed in by callers;
England and Wales bank holidays come from the ``holidays`` package.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

LONDON = ZoneInfo("Europe/London")

_ONE_DAY = timedelta(days=1)
_SCHOOL_DAY_HORIZON = 400


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in ``year``, including substitute days."""
    # England and Wales share one list of bank holidays; the package keys it by the England subdivision.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(d: date) -> bool:
    """Whether ``d`` is an England and Wales bank holiday (or substitute day)."""
    return _plain_date(d) in bank_holidays(d.year)


def _plain_date(d: date) -> date:
    # A datetime is a date subclass but never equal to one, so it would silently miss every holiday lookup.
    if isinstance(d, datetime):
        raise TypeError("expected a date, not a datetime")
    return d


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return moment


def _span(day_start: time, day_end: time) -> timedelta:
    return datetime.combine(date.min, day_end) - datetime.combine(date.min, day_start)


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days (Mon-Fri, not bank holidays, not closures) and working hours in local wall-clock time."""

    closures: frozenset[date] = frozenset()
    day_start: time = time(9, 0)
    day_end: time = time(17, 0)
    tz: ZoneInfo = LONDON

    def __post_init__(self) -> None:
        object.__setattr__(self, "closures", frozenset(self.closures))
        if self.day_start.tzinfo is not None or self.day_end.tzinfo is not None:
            raise ValueError("day_start and day_end are local wall-clock times and must be naive")
        if self.day_start >= self.day_end:
            raise ValueError("day_start must be before day_end")

    @property
    def working_day_length(self) -> timedelta:
        """The length of one working day (8 hours by default)."""
        return _span(self.day_start, self.day_end)

    @property
    def hours_per_working_day(self) -> float:
        """The length of one working day in hours."""
        return self.working_day_length / timedelta(hours=1)

    def is_working_day(self, d: date) -> bool:
        """Mon-Fri, not an England and Wales bank holiday, not a closure day."""
        d = _plain_date(d)
        return d.weekday() < 5 and d not in self.closures and not is_bank_holiday(d)

    def next_working_day(self, d: date) -> date:
        """The first working day strictly after ``d``."""
        d = _plain_date(d) + _ONE_DAY
        while not self.is_working_day(d):
            d += _ONE_DAY
        return d

    def previous_working_day(self, d: date) -> date:
        """The last working day strictly before ``d``."""
        d = _plain_date(d) - _ONE_DAY
        while not self.is_working_day(d):
            d -= _ONE_DAY
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in (start, end]; 0 if ``end`` is not after ``start``."""
        start, end = _plain_date(start), _plain_date(end)
        count = 0
        d = start + _ONE_DAY
        while d <= end:
            count += self.is_working_day(d)
            d += _ONE_DAY
        return count

    def is_working_time(self, moment: datetime) -> bool:
        """Whether ``moment`` falls in working hours, [day_start, day_end), on a working day."""
        local = _aware(moment).astimezone(self.tz)
        return self.is_working_day(local.date()) and self.day_start <= local.time() < self.day_end

    def add_working_hours(self, start: datetime, hours: float) -> datetime:
        """The moment ``hours`` working hours after ``start``, counting from the next opening if out of hours.

        If the hours run out exactly at a day's close, that close is returned, not the next opening.
        """
        if not math.isfinite(hours) or hours < 0:
            raise ValueError("hours must be a finite, non-negative number")
        return self._add_working_time(start, timedelta(hours=hours))

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """``days`` whole working days after ``start``: ``days`` working-day lengths of working hours."""
        if days < 0:
            raise ValueError("days must be non-negative")
        return self._add_working_time(start, days * self.working_day_length)

    def _add_working_time(self, start: datetime, remaining: timedelta) -> datetime:
        local = _aware(start).astimezone(self.tz)
        day = local.date()
        # Naive local wall-clock times throughout, so a clock change never shifts opening hours.
        clock = local.time().replace(fold=0)
        if not self.is_working_day(day) or clock >= self.day_end:
            day, clock = self.next_working_day(day), self.day_start
        clock = max(clock, self.day_start)
        while True:
            available = _span(clock, self.day_end)
            if remaining <= available:
                wall = datetime.combine(day, clock) + remaining
                return wall.replace(tzinfo=self.tz)
            remaining -= available
            day, clock = self.next_working_day(day), self.day_start


@dataclass(frozen=True)
class SchoolCalendar:
    """School days: Mon-Fri inside a term period, not an INSET day, not a bank holiday."""

    terms: tuple[tuple[date, date], ...]
    inset_days: frozenset[date] = frozenset()
    day_start: time = time(8, 45)
    tz: ZoneInfo = LONDON

    def __post_init__(self) -> None:
        terms = tuple((_plain_date(first), _plain_date(last)) for first, last in self.terms)
        for first, last in terms:
            if first > last:
                raise ValueError(f"term period ends before it starts: {first} to {last}")
        object.__setattr__(self, "terms", terms)
        object.__setattr__(self, "inset_days", frozenset(self.inset_days))
        if self.day_start.tzinfo is not None:
            raise ValueError("day_start is a local wall-clock time and must be naive")

    def in_term(self, d: date) -> bool:
        """Whether ``d`` falls inside one of the term periods (weekends and holidays included)."""
        d = _plain_date(d)
        return any(first <= d <= last for first, last in self.terms)

    def is_school_day(self, d: date) -> bool:
        """Mon-Fri, inside a term period, not an INSET day, not an England and Wales bank holiday."""
        d = _plain_date(d)
        return d.weekday() < 5 and d not in self.inset_days and self.in_term(d) and not is_bank_holiday(d)

    def next_school_day(self, d: date) -> date:
        """The first school day strictly after ``d``; LookupError if there is none within 400 days."""
        start = _plain_date(d)
        for offset in range(1, _SCHOOL_DAY_HORIZON + 1):
            candidate = start + timedelta(days=offset)
            if self.is_school_day(candidate):
                return candidate
        raise LookupError(f"no school day within {_SCHOOL_DAY_HORIZON} days after {start}: term dates missing?")

    def next_school_day_start(self, moment: datetime) -> datetime:
        """The deadline "before the start of the next school day" for something that happened at ``moment``.

        Before ``day_start`` on a school day that is the same day's start; from ``day_start`` on
        (the day has begun) it is the start of the next school day.
        """
        local = _aware(moment).astimezone(self.tz)
        day = local.date()
        if not (self.is_school_day(day) and local.time() < self.day_start):
            day = self.next_school_day(day)
        return datetime.combine(day, self.day_start, tzinfo=self.tz)


def _weekday_on_or_after(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def _weekday_on_or_before(d: date, weekday: int) -> date:
    return d - timedelta(days=(d.weekday() - weekday) % 7)


_MON, _WED, _FRI = 0, 2, 4


@dataclass(frozen=True)
class _EnglandYear:
    """Key dates of the default England pattern for the academic year starting September ``year``."""

    year: int

    @property
    def pupils_return(self) -> date:
        return _weekday_on_or_after(date(self.year, 9, 1), _WED)

    @property
    def autumn_start(self) -> date:
        # Staff start on the Monday before pupils, but the summer holiday runs to the end of August.
        return max(date(self.year, 9, 1), self.pupils_return - timedelta(days=2))

    @property
    def october_half_term(self) -> date:
        return _weekday_on_or_before(date(self.year, 10, 31), _FRI) - timedelta(days=4)

    @property
    def autumn_end(self) -> date:
        return _weekday_on_or_before(date(self.year, 12, 20), _FRI)

    @property
    def spring_start(self) -> date:
        return _weekday_on_or_after(date(self.year + 1, 1, 4), _MON)

    @property
    def february_half_term(self) -> date:
        return _weekday_on_or_after(date(self.year + 1, 2, 1), _MON) + timedelta(weeks=2)

    @property
    def easter_monday(self) -> date:
        easter_sunday: date = easter(self.year + 1)
        return easter_sunday + _ONE_DAY

    @property
    def spring_end(self) -> date:
        return self.easter_monday - timedelta(days=10)

    @property
    def summer_start(self) -> date:
        return self.easter_monday + timedelta(days=7)

    @property
    def may_half_term(self) -> date:
        return _weekday_on_or_before(date(self.year + 1, 5, 31), _MON)

    @property
    def summer_end(self) -> date:
        return _weekday_on_or_before(date(self.year + 1, 7, 22), _FRI)


def _around_half_term(first: date, half_term_monday: date, last: date) -> tuple[tuple[date, date], ...]:
    return ((first, half_term_monday - timedelta(days=3)), (half_term_monday + timedelta(days=7), last))


def england_default_terms(academic_year: int) -> tuple[tuple[date, date], ...]:
    """Plausible default term periods for the England academic year starting in September ``academic_year``.

    Not any local authority's real dates; a deterministic pattern for when none are configured:

    - autumn: from the Monday before the first Wednesday of September (not before 1 September; the days
      before the Wednesday are INSET) to the last Friday on or before 20 December, with half term the
      Mon-Fri week containing the last Friday of October;
    - spring: from the first Monday on or after 4 January to the Friday 10 days before Easter Monday,
      with half term the week of the third Monday of February;
    - Easter holiday: the two weeks from the Monday before Good Friday, so Good Friday falls in the
      first and Easter Monday in the second;
    - summer: from the Monday 7 days after Easter Monday to the last Friday on or before 22 July,
      with half term the week of the late-May bank holiday (last Monday of May).

    Each term is returned as two inclusive periods either side of its half term, six in date order.
    """
    y = _EnglandYear(academic_year)
    return (
        *_around_half_term(y.autumn_start, y.october_half_term, y.autumn_end),
        *_around_half_term(y.spring_start, y.february_half_term, y.spring_end),
        *_around_half_term(y.summer_start, y.may_half_term, y.summer_end),
    )


def england_default_inset_days(academic_year: int) -> frozenset[date]:
    """Five default INSET days, all inside the default terms of the academic year starting ``academic_year``.

    The September days before pupils return (0-2, those falling in September), then the first day of the
    spring term, the first day of the summer term, the Mondays after the October, February and May half
    terms and the last day of the summer term, in that order, skipping bank holidays, until there are five.
    """
    y = _EnglandYear(academic_year)
    september = [y.autumn_start + timedelta(days=n) for n in range((y.pupils_return - y.autumn_start).days)]
    candidates = [
        *september,
        y.spring_start,
        y.summer_start,
        y.october_half_term + timedelta(days=7),
        y.february_half_term + timedelta(days=7),
        y.may_half_term + timedelta(days=7),
        y.summer_end,
    ]
    # An INSET day on a bank holiday would close the school on no extra day.
    return frozenset([d for d in candidates if not is_bank_holiday(d)][:5])


def england_default_school_calendar(first_year: int, last_year: int) -> SchoolCalendar:
    """The default England school calendar for the academic years starting ``first_year`` to ``last_year``."""
    if first_year > last_year:
        raise ValueError("first_year must not be after last_year")
    terms: list[tuple[date, date]] = []
    inset: set[date] = set()
    for year in range(first_year, last_year + 1):
        terms.extend(england_default_terms(year))
        inset |= england_default_inset_days(year)
    return SchoolCalendar(terms=tuple(terms), inset_days=frozenset(inset))
