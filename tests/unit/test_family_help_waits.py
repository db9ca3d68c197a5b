"""A family's wait in words, and the deadline of the four-week alert: calendar weeks, whatever the calendar says of
weekends, bank holidays, the office's hours or the clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from frontdoor.access.role_permissions import role_grants
from frontdoor.config import familyhelp as settings_module
from frontdoor.core.calendars import WorkingCalendar
from frontdoor.familyhelp.clocks import FAMILY_HELP_MANAGER_ROLE, allocation_rule
from frontdoor.familyhelp.waits import waited_words, weeks_waited

LONDON = ZoneInfo("Europe/London")
RULE = allocation_rule(4)


def due(start: datetime) -> datetime:
    """When the alert falls for a wait started at `start`, in UK time (started as the app starts it: in UTC)."""
    return RULE.due(start.astimezone(UTC), WorkingCalendar()).astimezone(LONDON)


@pytest.mark.parametrize(
    ("waited", "words", "weeks"),
    [
        (timedelta(hours=5), "less than a day", 0),
        (timedelta(days=1), "1 day", 0),
        (timedelta(days=6, hours=23), "6 days", 0),
        (timedelta(days=7), "1 week", 1),
        (timedelta(days=16), "2 weeks and 2 days", 2),
        (timedelta(days=36), "5 weeks and 1 day", 5),
        (timedelta(weeks=10), "10 weeks", 10),
    ],
)
def test_a_wait_is_said_in_weeks_and_days(waited: timedelta, words: str, weeks: int) -> None:
    assert waited_words(waited) == words
    assert weeks_waited(waited) == weeks


def test_the_alert_falls_four_calendar_weeks_after_the_step_down_over_weekends_and_bank_holidays() -> None:
    friday_before_christmas = datetime(2026, 12, 18, 16, 0, tzinfo=LONDON)
    assert due(friday_before_christmas) == datetime(2027, 1, 15, 16, 0, tzinfo=LONDON)
    saturday_night = datetime(2026, 11, 7, 22, 0, tzinfo=LONDON)  # a decision out of hours counts from then
    assert due(saturday_night) == datetime(2026, 12, 5, 22, 0, tzinfo=LONDON)


def test_across_the_clock_change_the_alert_comes_after_the_same_elapsed_hours() -> None:
    """Weeks are counted in elapsed hours: across the end of summer time the wall clock shows an hour earlier."""
    before_the_change = datetime(2026, 10, 12, 10, 0, tzinfo=LONDON)  # BST; the clocks go back on 25 October
    assert due(before_the_change).astimezone(UTC) - before_the_change.astimezone(UTC) == timedelta(weeks=4)
    assert due(before_the_change) == datetime(2026, 11, 9, 9, 0, tzinfo=LONDON)


def test_the_rule_says_its_weeks_and_tells_the_family_help_manager() -> None:
    assert RULE.description == "Allocate a family help lead practitioner within 4 weeks"
    assert allocation_rule(1).description.endswith("within 1 week")
    assert RULE.escalate_to == FAMILY_HELP_MANAGER_ROLE
    assert role_grants(RULE.escalate_to, "familyhelp.allocate")  # whoever is told can allocate
    assert RULE.about("Family FH-7K2M-9QXA") == "Allocation of a family help lead practitioner for family FH-7K2M-9QXA"


@pytest.mark.parametrize("value", ["0", "53", "four", "4.5", "", "-1"])
def test_alert_weeks_that_make_no_sense_stop_the_start_up(value: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="FRONTDOOR_FAMILY_HELP_ALERT_WEEKS must be a whole number of weeks"):
        settings_module._alert_weeks(value)


def test_alert_weeks_are_read_as_a_whole_number() -> None:
    assert settings_module._alert_weeks("6") == 6
