"""A strategy discussion's clocks on the working calendar: the initial child protection conference 15 working days
from the discussion that started section 47 (sooner for an unborn baby due sooner), the record circulated within a
working day, the discussion held within a working day of being convened, and each action by the end of its day;
across weekends, bank holidays, the clock changes and out-of-hours starts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine

from frontdoor.access.roles import Role
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.core.models import Clock, ClockState, Escalation, OutboxMessage
from frontdoor.mash import strategy_recording
from frontdoor.mash.strategy_clocks import action_due, conference_due
from support.factories import UserFactory
from support.strategy import convene, hold_conference, make_team, record, refer_child

pytestmark = pytest.mark.django_db


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("held", "due"),
    [
        # Monday morning: three weeks on, at the same time.
        (london(2026, 3, 2, 10), london(2026, 3, 23, 10)),
        # Friday afternoon: weekends do not count.
        (london(2026, 3, 6, 15), london(2026, 3, 27, 15)),
        # The Thursday before Easter: Good Friday and Easter Monday do not count.
        (london(2026, 4, 2, 10), london(2026, 4, 27, 10)),
        # Across the spring clock change (29 March) and Easter: 2pm on each side, 1pm UTC when due.
        (london(2026, 3, 20, 14), london(2026, 4, 14, 14)),
        # Across the autumn clock change (25 October): 11am on each side.
        (london(2026, 10, 16, 11), london(2026, 11, 6, 11)),
        # Out of hours on a Friday night: counted from Monday's opening, due at the close of the fifteenth day.
        (london(2026, 3, 6, 22), london(2026, 3, 27, 17)),
    ],
)
def test_the_conference_is_due_fifteen_working_days_after_the_discussion(held: datetime, due: datetime) -> None:
    assert conference_due(held) == due


def test_the_conference_due_time_is_kept_in_utc_across_the_clock_change() -> None:
    assert conference_due(london(2026, 3, 20, 14)) == datetime(2026, 4, 14, 13, tzinfo=UTC)
    assert conference_due(london(2026, 10, 16, 11)) == datetime(2026, 11, 6, 11, tzinfo=UTC)


@pytest.mark.parametrize(
    ("held", "expected", "due"),
    [
        # Due in a fortnight: the conference by the close of the Friday before.
        (london(2026, 3, 2, 10), date(2026, 3, 16), london(2026, 3, 13, 17)),
        # Due the Tuesday after Easter: the Thursday before Good Friday, in summer time.
        (london(2026, 3, 23, 10), date(2026, 4, 7), london(2026, 4, 2, 17)),
        # Due months away: the 15 working days stand.
        (london(2026, 3, 2, 10), date(2026, 7, 1), london(2026, 3, 23, 10)),
    ],
)
def test_for_an_unborn_baby_the_conference_is_before_the_birth_or_in_15_working_days_whichever_is_sooner(
    held: datetime, expected: date, due: datetime
) -> None:
    assert conference_due(held, expected) == due


def test_an_unborn_baby_due_before_the_discussion_gets_the_conference_as_soon_as_it_is_held() -> None:
    held = london(2026, 3, 2, 10)
    assert conference_due(held, date(2026, 3, 2)) == held


@pytest.mark.parametrize(
    ("due_on", "due"),
    [
        (date(2026, 3, 4), london(2026, 3, 4, 17)),  # a Wednesday: its close
        (date(2026, 3, 7), london(2026, 3, 9, 17)),  # a Saturday: Monday's close
        (date(2026, 4, 3), london(2026, 4, 7, 17)),  # Good Friday: the Tuesday after Easter Monday
        (date(2026, 3, 30), london(2026, 3, 30, 17)),  # the Monday after the clock change: 5pm summer time
    ],
)
def test_an_action_is_due_at_the_close_of_its_working_day(due_on: date, due: datetime) -> None:
    assert action_due(due_on) == due


def _clock(discussion, rule: str) -> Clock:
    return Clock.objects.get(subject_id=str(discussion.pk), rule=rule)


def test_a_discussion_convened_friday_night_by_the_edt_is_to_be_held_by_monday_close_and_its_record_a_day_later() -> (
    None
):
    team = make_team()
    referral = refer_child(team, born=date(2014, 6, 11))
    with time_machine.travel(london(2026, 3, 6, 22), tick=False):
        discussion = convene(team, referral, out_of_hours=True)
    assert discussion.out_of_hours
    assert _clock(discussion, "mash.strategy.hold").due_at == london(2026, 3, 9, 17)
    with time_machine.travel(london(2026, 3, 6, 23), tick=False):
        record(team, discussion, held_at=london(2026, 3, 6, 23))
    # Held out of hours too: the record is due by the close of Monday; the conference 15 working days on.
    assert _clock(discussion, "mash.strategy.record").due_at == london(2026, 3, 9, 17)
    assert _clock(discussion, "mash.strategy.conference").due_at == london(2026, 3, 27, 17)
    assert _clock(discussion, "mash.strategy.hold").state == ClockState.MET


def test_a_record_held_before_a_bank_holiday_is_due_after_it() -> None:
    team = make_team()
    referral = refer_child(team, born=date(2014, 6, 11))
    with time_machine.travel(london(2026, 4, 2, 11), tick=False):
        discussion = convene(team, referral)
        record(team, discussion, held_at=london(2026, 4, 2, 12), decisions=("assessment",))
    assert _clock(discussion, "mash.strategy.record").due_at == london(2026, 4, 7, 12)
    assert not Clock.objects.filter(rule="mash.strategy.conference").exists()


def test_a_missed_conference_is_escalated_to_the_mash_manager_by_the_sweep() -> None:
    manager = UserFactory(roles=[Role.MASH_MANAGER])
    team = make_team()
    referral = refer_child(team, born=date(2014, 6, 11))
    with time_machine.travel(london(2026, 3, 2, 10), tick=False):
        discussion = convene(team, referral)
        record(team, discussion)
    sweep_due_clocks(now=london(2026, 3, 23, 9, 59))
    assert _clock(discussion, "mash.strategy.conference").state == ClockState.RUNNING
    sweep_due_clocks(now=london(2026, 3, 23, 10, 1))
    conference = _clock(discussion, "mash.strategy.conference")
    assert conference.state == ClockState.BREACHED
    escalation = Escalation.objects.get(clock=conference)
    assert escalation.notify_role == "mash_manager"
    told = OutboxMessage.objects.get(kind="clock.breached", recipient=manager, subject__contains="conference")
    assert told.subject.startswith("Deadline missed: Initial child protection conference after strategy discussion")
    assert "Maisie" not in told.subject + told.body
    with time_machine.travel(london(2026, 3, 24, 10), tick=False):
        hold_conference(team, discussion, london(2026, 3, 24, 10))
    conference.refresh_from_db()
    assert conference.state == ClockState.MET and conference.met_late


def test_an_action_clock_runs_to_its_due_date_and_is_met_when_done() -> None:
    team = make_team()
    referral = refer_child(team, born=date(2014, 6, 11))
    with time_machine.travel(london(2026, 3, 2, 10), tick=False):
        discussion = convene(team, referral)
        action = strategy_recording.Action("Joint visit to see Maisie alone.", team.police, date(2026, 3, 7))
        record(team, discussion, actions=[action])
    (saved,) = discussion.actions.all()
    clock = Clock.objects.get(subject_type="mash.strategy_action", subject_id=str(saved.pk))
    assert clock.due_at == london(2026, 3, 9, 17) and clock.rule == "mash.strategy.action"
    with time_machine.travel(london(2026, 3, 5, 10), tick=False):
        strategy_recording.complete_action(saved, actor=team.actor(Role.MASH_POLICE, team.police))
    clock.refresh_from_db()
    assert clock.state == ClockState.MET and not clock.met_late
