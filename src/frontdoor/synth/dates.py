"""Dates as ordinals and moments as minutes, with the formats each system writes.

Days are ``date.toordinal()`` integers and moments are local (UK wall-clock) minutes since the start of day 0, so
the generator does arithmetic on ints and formats only when it writes. UK summer time is computed from its rule
(last Sunday of March to last Sunday of October), not from the machine's time-zone database.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

MINUTES_PER_DAY = 1440


def ordinal(d: date) -> int:
    return d.toordinal()


@lru_cache(maxsize=65536)
def iso(o: int) -> str:
    """YYYY-MM-DD."""
    return date.fromordinal(o).isoformat()


@lru_cache(maxsize=65536)
def dmy(o: int) -> str:
    """DD/MM/YYYY."""
    d = date.fromordinal(o)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def dmy_hm(minutes: int) -> str:
    """DD/MM/YYYY HH:MM (local time)."""
    day, rest = divmod(minutes, MINUTES_PER_DAY)
    return f"{dmy(day)} {rest // 60:02d}:{rest % 60:02d}"


def iso_hms(minutes: int) -> str:
    """YYYY-MM-DD HH:MM:SS (local time)."""
    day, rest = divmod(minutes, MINUTES_PER_DAY)
    return f"{iso(day)} {rest // 60:02d}:{rest % 60:02d}:00"


def iso_offset(minutes: int) -> str:
    """An ISO 8601 local date-time with its UK offset, e.g. 2026-07-01T14:05:00+01:00."""
    day, rest = divmod(minutes, MINUTES_PER_DAY)
    offset = "+01:00" if _summer_time(day, rest) else "+00:00"
    return f"{iso(day)}T{rest // 60:02d}:{rest % 60:02d}:00{offset}"


@lru_cache(maxsize=256)
def _summer_bounds(year: int) -> tuple[int, int]:
    """Ordinals of the last Sundays of March and October: summer time runs from 01:00 on one to 02:00 on the other."""
    march = date(year, 3, 31)
    october = date(year, 10, 31)
    start = march - timedelta(days=(march.weekday() + 1) % 7)
    end = october - timedelta(days=(october.weekday() + 1) % 7)
    return start.toordinal(), end.toordinal()


def _summer_time(day: int, minute_of_day: int) -> bool:
    start, end = _summer_bounds(date.fromordinal(day).year)
    if start < day < end:
        return True
    if day == start:
        return minute_of_day >= 60
    if day == end:
        return minute_of_day < 120
    return False


def add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February in a year without one
        return d.replace(year=d.year + years, day=28)


def age_on(dob: int, on: int) -> int:
    """Whole years of age on day ``on``."""
    born, then = date.fromordinal(dob), date.fromordinal(on)
    return then.year - born.year - ((then.month, then.day) < (born.month, born.day))


def easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday (Monday 0) of a month."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def latest_census(extract: date) -> tuple[str, date, int]:
    """The latest school census on or before ``extract``: its label (``2026-AUT``), day and academic year.

    Census days: autumn the first Thursday of October, spring the third Thursday of January, summer the third
    Thursday of May.
    """
    for year in (extract.year, extract.year - 1):
        autumn = nth_weekday(year, 10, 3, 1)
        if autumn <= extract:
            return f"{year}-AUT", autumn, year
        summer = nth_weekday(year, 5, 3, 3)
        if summer <= extract:
            return f"{year}-SUM", summer, year - 1
        spring = nth_weekday(year, 1, 3, 3)
        if spring <= extract:
            return f"{year}-SPR", spring, year - 1
    raise AssertionError("unreachable: a census falls in every year")


def school_year_group(dob: int, academic_year: int) -> int:
    """National curriculum year in the academic year starting September ``academic_year`` (Reception is 0)."""
    born = date.fromordinal(dob)
    age_at_31_august = academic_year - born.year - ((born.month, born.day) > (8, 31))
    return age_at_31_august - 4
