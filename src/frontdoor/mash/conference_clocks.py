"""The first review child protection conference's clock, started when an initial conference makes a child the
subject of a child protection plan.

`mash.conference.review`: the first review conference within 3 months of the initial conference (`domain.md` §1,
"First review conference: within 3 months of the ICPC, then at intervals of not more than 6 months while the plan
continues"). Three calendar months from the day the initial conference was held, by the end of the last working day
on or before that date (from 30 November, 28 or 29 February: a month without the day takes its last). Counted on
the partnership's working calendar; missed, it escalates to the MASH manager. The pre-birth pathway's sooner review
after the birth (`domain.md` §1, Tees) is outside this clock. Its subject is the strategy discussion that started
the enquiry, as the initial conference's clock is, so the child's page, "My deadlines" and "Team deadlines" find it
with the discussion's other clocks.
"""

from __future__ import annotations

import calendar as months
from datetime import date, datetime, timedelta

from frontdoor.core.clocks import ClockRule, Unit, register_rule, working_calendar
from frontdoor.core.models import Clock
from frontdoor.mash.strategy_clocks import STRATEGY_SUBJECT

REVIEW_MONTHS = 3
# Months are not a unit of the shared calendar: the due time is computed here (`review_due`) and the rule carries the
# words and whom a missed review escalates to.
REVIEW = ClockRule(
    "mash.conference.review",
    "First review child protection conference held",
    Unit.WORKING_DAYS,
    0,
    "mash_manager",
    phrase="first review conference after {subject}",
)


def register() -> None:
    register_rule(REVIEW)


def add_months(day: date, count: int) -> date:
    month = day.month - 1 + count
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def review_due(held_on: date) -> datetime:
    """The close of the last working day on or before 3 months after the initial conference."""
    calendar = working_calendar()
    last = add_months(held_on, REVIEW_MONTHS)
    while not calendar.is_working_day(last):
        last -= timedelta(days=1)
    return datetime.combine(last, calendar.day_end, tzinfo=calendar.tz)


def start_review_clock(discussion_id: int, held_at: datetime) -> Clock:
    held_on = held_at.astimezone(working_calendar().tz).date()
    return Clock.objects.create(
        subject_type=STRATEGY_SUBJECT,
        subject_id=str(discussion_id),
        rule=REVIEW.code,
        started_at=held_at,
        due_at=review_due(held_on),
    )
