"""The scorecard's named periods, as dates: this month so far, last month (across a year's end), and the last 12
months (the 11 whole months before this one and this month so far); and a share from its count."""

from __future__ import annotations

from datetime import date

from frontdoor.reports.figures import Row
from frontdoor.reports.forms import dates_of, period_words


def test_this_month_runs_from_its_first_day_to_today() -> None:
    assert dates_of("this_month", date(2026, 12, 3)) == (date(2026, 12, 1), date(2026, 12, 3))


def test_last_month_crosses_the_years_end() -> None:
    assert dates_of("last_month", date(2026, 1, 15)) == (date(2025, 12, 1), date(2025, 12, 31))
    assert dates_of("last_month", date(2024, 3, 31)) == (date(2024, 2, 1), date(2024, 2, 29))


def test_the_last_12_months_start_on_the_first_of_the_month_eleven_months_back() -> None:
    assert dates_of("last_12_months", date(2026, 12, 3)) == (date(2026, 1, 1), date(2026, 12, 3))
    assert dates_of("last_12_months", date(2026, 3, 9)) == (date(2025, 4, 1), date(2026, 3, 9))


def test_a_period_in_words() -> None:
    assert period_words(date(2026, 3, 1), date(2026, 3, 31)) == "1 March 2026 to 31 March 2026"


def test_a_share_needs_something_to_be_a_share_of() -> None:
    assert Row("All", count=3, of=4).share == 0.75
    assert Row("All", count=0, of=0).share is None
    assert Row("All", count=5).share is None
