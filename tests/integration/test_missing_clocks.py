"""The return home interview's 72-hour clock: counted from the moment the child came back (not when it was typed),
through weekends, bank holidays and the clock change, from any hour; and escalated to the missing and exploitation
coordinator by the sweep when the offer is missed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.core.calendars import LONDON
from frontdoor.core.clocks import sweep_due_clocks
from frontdoor.core.models import Clock, ClockState, Escalation, OutboxMessage
from frontdoor.missing import interviews
from frontdoor.missing.clocks import INTERVIEW_OFFER
from frontdoor.missing.models import INTERVIEW_SUBJECT
from support.factories import AgencyFactory, PersonFactory, UserFactory
from support.missing import bring_back, interview_of, report, rhi_worker

pytestmark = pytest.mark.django_db


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def clock_after_return(returned_at: datetime, recorded_at: datetime | None = None) -> Clock:
    with time_machine.travel(recorded_at or returned_at + timedelta(minutes=20), tick=False):
        episode = report(went_missing_at=returned_at - timedelta(hours=10))
        episode = bring_back(episode, at=returned_at)
    interview = interview_of(episode)
    return Clock.objects.get(subject_type=INTERVIEW_SUBJECT, subject_id=str(interview.pk), rule=INTERVIEW_OFFER.code)


def test_the_rule_is_registered_escalating_to_the_coordinator() -> None:
    assert INTERVIEW_OFFER.amount == 72 and INTERVIEW_OFFER.escalate_to == "missing_exploitation_coordinator"


def test_a_child_found_on_friday_evening_is_offered_an_interview_by_monday_evening() -> None:
    clock = clock_after_return(london(2026, 11, 6, 18))  # Friday
    assert clock.due_at.astimezone(LONDON) == london(2026, 11, 9, 18)  # Monday: the weekend counts


def test_the_clock_counts_72_elapsed_hours_across_the_clock_change() -> None:
    # Saturday 24 October 2026, 10pm British Summer Time; the clocks go back at 2am on Sunday 25 October.
    clock = clock_after_return(london(2026, 10, 24, 22))
    assert clock.due_at == datetime(2026, 10, 27, 21, tzinfo=UTC)  # 72 hours later: 9pm GMT on Tuesday
    local = clock.due_at.astimezone(LONDON)
    assert (local.day, local.hour, local.utcoffset()) == (27, 21, timedelta(0))


def test_the_clock_counts_72_elapsed_hours_when_the_clocks_go_forward() -> None:
    clock = clock_after_return(london(2026, 3, 28, 12))  # Saturday before British Summer Time starts
    assert clock.due_at.astimezone(LONDON) == london(2026, 3, 31, 13)


def test_bank_holidays_do_not_stop_the_clock() -> None:
    clock = clock_after_return(london(2026, 12, 24, 16))  # Christmas Eve; Christmas and Boxing Day follow
    assert clock.due_at.astimezone(LONDON) == london(2026, 12, 27, 16)


def test_an_out_of_hours_return_starts_the_clock_at_once() -> None:
    clock = clock_after_return(london(2026, 11, 8, 3, 10))  # 3:10am on a Sunday
    assert clock.due_at.astimezone(LONDON) == london(2026, 11, 11, 3, 10)


def test_a_return_recorded_late_still_counts_from_the_return() -> None:
    clock = clock_after_return(london(2026, 11, 6, 18), recorded_at=london(2026, 11, 9, 9))
    assert clock.started_at.astimezone(LONDON) == london(2026, 11, 6, 18)
    assert clock.due_at.astimezone(LONDON) == london(2026, 11, 9, 18)


def test_a_missed_offer_is_escalated_to_the_coordinator_by_the_sweep(client) -> None:
    coordinator = UserFactory(roles=["missing_exploitation_coordinator"], agency=AgencyFactory(name="Youth Support"))
    other = UserFactory(roles=["mash_social_worker"])
    child = PersonFactory()
    found = london(2026, 11, 6, 18)  # Friday evening
    with time_machine.travel(found + timedelta(minutes=5), tick=False):
        episode = bring_back(report(child, went_missing_at=found - timedelta(hours=4)), at=found)
    clock = Clock.objects.get(subject_type=INTERVIEW_SUBJECT)
    assert sweep_due_clocks(now=london(2026, 11, 9, 17, 59)) == 0
    assert sweep_due_clocks(now=london(2026, 11, 9, 18, 1)) == 1
    clock.refresh_from_db()
    assert clock.state == ClockState.BREACHED
    escalation = Escalation.objects.get(clock=clock)
    assert escalation.notify_role == "missing_exploitation_coordinator"
    told = OutboxMessage.objects.get(kind="clock.breached", recipient=coordinator)
    assert told.subject == f"Deadline missed: Offer of a return home interview: episode {episode.reference}"
    assert child.last_name not in told.subject + told.body
    assert not OutboxMessage.objects.filter(kind="clock.breached", recipient=other).exists()
    # The coordinator's home counts it; an offer made late meets the clock late.
    client.force_login(coordinator)
    session = client.session
    session[ACTIVE_ROLE_KEY] = "missing_exploitation_coordinator"
    session.save()
    home = client.get("/").content.decode()
    assert "1 past 72 hours" in home
    interviews.offer_interview(interview_of(episode), actor=rhi_worker(), at=timezone.now(), answer="accepted")
    clock.refresh_from_db()
    assert clock.state == ClockState.MET and clock.met_late
