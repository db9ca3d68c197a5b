"""The clocks a strategy discussion runs, each counted on the partnership's working calendar (weekends, bank
holidays and closure days do not count; Europe/London wall-clock time across the clock changes):

- `mash.strategy.hold`: held within 1 working day of being convened. Working Together says "as soon as possible";
  one working day is the common local standard (`domain.md` §1, Northumberland: within 1, at most 3).
- `mash.strategy.record`: the record circulated to the attendees within 1 working day of the discussion (local
  practice standard, `domain.md` §1 after the table).
- `mash.strategy.action`: each agreed action by its due date (the end of that working day).
- `mash.strategy.conference`: the initial child protection conference within 15 working days of the strategy
  discussion that started the section 47 enquiry (`domain.md` §1, unchanged by Working Together 2026, §12). For an
  unborn child (the pre-birth pathway) the conference is held before the baby is due: by the end of the last working
  day before the expected date of delivery when that comes sooner than 15 working days (the first review then falls
  within 10 working days of the birth, Tees, `domain.md` §1: outside this clock).

A discussion held out of hours counts from the next opening, as every working-day clock does. Missed clocks escalate
to the MASH manager. Registered in `MashConfig.ready`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from frontdoor.core.clocks import ClockRule, Unit, register_rule, working_calendar
from frontdoor.core.models import Clock, ClockState

STRATEGY_SUBJECT = "mash.strategy"
ACTION_SUBJECT = "mash.strategy_action"

HOLD = ClockRule(
    "mash.strategy.hold",
    "Strategy discussion held",
    Unit.WORKING_DAYS,
    1,
    "mash_manager",
    phrase="holding {subject}",
)
RECORD = ClockRule(
    "mash.strategy.record",
    "Strategy discussion record circulated to attendees",
    Unit.WORKING_DAYS,
    1,
    "mash_manager",
    phrase="circulating the record of {subject}",
)
CONFERENCE = ClockRule(
    "mash.strategy.conference",
    "Initial child protection conference held",
    Unit.WORKING_DAYS,
    15,
    "mash_manager",
    phrase="initial child protection conference after {subject}",
)
# The owner chooses the due date; the rule carries the words and whom a missed action escalates to.
ACTION = ClockRule(
    "mash.strategy.action",
    "Strategy discussion action done",
    Unit.WORKING_DAYS,
    0,
    "mash_manager",
    phrase="{subject}",
)
RULES = (HOLD, RECORD, CONFERENCE, ACTION)


def register() -> None:
    for rule in RULES:
        register_rule(rule)


def _close_of(day: date) -> datetime:
    calendar = working_calendar()
    return datetime.combine(day, calendar.day_end, tzinfo=calendar.tz)


def conference_due(held_at: datetime, expected_date_of_delivery: date | None = None) -> datetime:
    """When the initial child protection conference is due: 15 working days after the discussion that started the
    section 47 enquiry; for an unborn child, sooner if the baby is due sooner (before the expected date)."""
    due = CONFERENCE.due(held_at, working_calendar())
    if expected_date_of_delivery is None:
        return due
    calendar = working_calendar()
    last = expected_date_of_delivery - timedelta(days=1)
    while not calendar.is_working_day(last):
        last -= timedelta(days=1)
    before_birth = _close_of(last)
    return max(min(due, before_birth), held_at)


def action_due(due_on: date) -> datetime:
    """The end of the working day an action is due (the next working day's end if it falls on a day off)."""
    calendar = working_calendar()
    day = due_on if calendar.is_working_day(due_on) else calendar.next_working_day(due_on)
    return _close_of(day)


def start_conference_clock(discussion_id: int, held_at: datetime, expected: date | None) -> Clock:
    return Clock.objects.create(
        subject_type=STRATEGY_SUBJECT,
        subject_id=str(discussion_id),
        rule=CONFERENCE.code,
        started_at=held_at,
        due_at=conference_due(held_at, expected),
    )


def start_action_clock(action_id: int, started_at: datetime, due_on: date) -> Clock:
    return Clock.objects.create(
        subject_type=ACTION_SUBJECT,
        subject_id=str(action_id),
        rule=ACTION.code,
        started_at=started_at,
        due_at=max(action_due(due_on), started_at),
    )


def working_hours_now(now: datetime) -> bool:
    """Whether the MASH is open now (its working hours on a working day): out of it, the EDT convenes."""
    return working_calendar().is_working_time(now)


def find_open_clock(subject_type: str, subject_id: int, rule: str) -> Clock | None:
    """The earliest clock of this rule still running (or breached) for the subject, if any."""
    return (
        Clock.objects.filter(
            subject_type=subject_type,
            subject_id=str(subject_id),
            rule=rule,
            state__in=[ClockState.RUNNING, ClockState.BREACHED],
        )
        .order_by("started_at", "id")
        .first()
    )
