"""One transposition of day and month (people.birthdates): the twin guard, the model's transposed-date level and
finding a person all use it, so they agree on every date of a year."""

from __future__ import annotations

from datetime import date, timedelta

from frontdoor.linkage.alike import same_birth, unordered
from frontdoor.linkage.conditions import CONDITIONS
from frontdoor.linkage.splink_settings import settings
from frontdoor.people.birthdates import transposed, transposed_date


def every_day_of(year: int) -> list[date]:
    return [date(year, 1, 1) + timedelta(days=n) for n in range((date(year + 1, 1, 1) - date(year, 1, 1)).days)]


def transposed_level() -> str:
    dob = next(c for c in settings()["comparisons"] if c["output_column_name"] == "dob")
    return next(
        lv["sql_condition"] for lv in dob["comparison_levels"] if lv["label_for_charts"] == "Day and month transposed"
    )


def test_day_and_month_swap_as_text_and_as_a_real_date() -> None:
    assert transposed("2015-03-07") == "2015-07-03"
    assert transposed(transposed("2015-03-07")) == "2015-03-07"
    assert transposed_date(date(2015, 3, 7)) == date(2015, 7, 3)
    assert transposed_date(date(2015, 3, 17)) is None  # no 17th month
    assert transposed_date(date(2015, 3, 3)) is None  # the same date


def test_the_guard_the_model_and_the_search_agree_on_every_date() -> None:
    level = CONDITIONS[transposed_level()]
    for born in every_day_of(2016):
        iso = transposed(born.isoformat())
        swapped = transposed_date(born)
        if swapped is None:
            continue
        assert level({"dob": born.isoformat()}, {"dob": swapped.isoformat()})
        assert same_birth(born.isoformat(), swapped.isoformat())
        assert unordered(born.isoformat()) == unordered(swapped.isoformat()) == min(born.isoformat(), iso)
    assert not level({"dob": "2016-03-07"}, {"dob": "2016-03-08"})
    assert not same_birth("2016-03-07", "2017-07-03")  # transposed, but the year differs too
