"""Deadlines: when a clock falls due, what a breach does, who is told, and that two workers never double-escalate."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from frontdoor.access import audit
from frontdoor.access import services as access_services
from frontdoor.config import mash as settings_module
from frontdoor.core import clocks
from frontdoor.core.calendars import LONDON, england_default_school_calendar
from frontdoor.core.clocks import (
    RULES,
    ClockRule,
    Unit,
    cancel_clock,
    meet_clock,
    register_rule,
    start_clock,
    sweep_due_clocks,
)
from frontdoor.core.models import (
    Clock,
    ClockState,
    Escalation,
    Notification,
    OutboxChannel,
    OutboxMessage,
    OutboxState,
)
from frontdoor.core.registry import Job, list_jobs
from frontdoor.intake import matching
from frontdoor.intake.clocks import VIST_RULE_CODES, vist_rules
from frontdoor.intake.models import RiskGrade
from frontdoor.linkage import incremental
from frontdoor.web.management.commands import worker as worker_command
from support.factories import ClosureDayFactory, UserFactory

pytestmark = pytest.mark.django_db

# Rules of the kinds capabilities still to come will register (before the next school day; hours, escalating to
# another role), registered here under test names so the clock machinery is proved for them now.
register_rule(ClockRule("test.next_school_day", "Notify the school", Unit.NEXT_SCHOOL_DAY, 0, "mash_education"))
register_rule(
    ClockRule("test.hours_to_coordinator", "Offer an interview", Unit.HOURS, 72, "missing_exploitation_coordinator")
)

ON_POSTGRES = connection.vendor == "postgresql"
SCHOOLS = england_default_school_calendar(2025, 2026)
SECOND = timedelta(seconds=1)


def london(y: int, m: int, d: int, hh: int = 0, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def start(
    rule: str = "referral.decision",
    at: datetime | None = None,
    subject_id: int = 1,
    subject_type: str = "intake.referral",
    **kwargs,
) -> Clock:
    return start_clock(subject_type=subject_type, subject_id=subject_id, rule=rule, started_at=at, **kwargs)


def due_locally(clock: Clock) -> datetime:
    """The due time as stored and read back, in London wall-clock time."""
    clock.refresh_from_db()
    return clock.due_at.astimezone(LONDON)


# --- when a clock is due -------------------------------------------------------------------------------------


def test_a_referral_started_friday_afternoon_is_due_monday_afternoon() -> None:
    clock = start(at=london(2026, 3, 6, 16))  # Friday
    assert clock.due_at == london(2026, 3, 9, 16)
    assert clock.due_at.tzinfo is not None
    local = due_locally(clock)
    assert (local.date(), local.hour, local.minute) == (date(2026, 3, 9), 16, 0)
    assert clock.state == ClockState.RUNNING
    assert clock.subject_id == "1"


def test_the_due_time_stays_at_four_in_the_afternoon_across_the_clock_change() -> None:
    clock = start(at=london(2026, 3, 27, 16))  # Friday before British Summer Time starts on Sunday 29 March
    local = due_locally(clock)
    assert (local.date(), local.hour) == (date(2026, 3, 30), 16)
    assert local.utcoffset() == timedelta(hours=1)
    assert clock.due_at == datetime(2026, 3, 30, 15, tzinfo=UTC)


def test_a_closure_day_moves_the_due_date() -> None:
    ClosureDayFactory(date=date(2026, 3, 9), reason="Staff training day")
    clock = start(at=london(2026, 3, 6, 16))
    assert due_locally(clock) == london(2026, 3, 10, 16)


def test_a_closure_day_added_later_does_not_move_a_running_clock() -> None:
    clock = start(at=london(2026, 3, 6, 16))
    ClosureDayFactory(date=date(2026, 3, 9), reason="Staff training day")
    assert due_locally(clock) == london(2026, 3, 9, 16)


@pytest.mark.parametrize(
    ("started", "due"),
    [
        # Maundy Thursday: Good Friday and Easter Monday are bank holidays.
        (london(2026, 4, 2, 16), london(2026, 4, 7, 16)),
        # Friday before the spring bank holiday (Monday 25 May 2026).
        (london(2026, 5, 22, 16), london(2026, 5, 26, 16)),
        # Christmas Eve 2026 is a Thursday; Christmas Day and Boxing Day (substitute Monday 28th) follow.
        (london(2026, 12, 24, 16), london(2026, 12, 29, 16)),
    ],
    ids=["easter", "spring-bank-holiday", "christmas"],
)
def test_bank_holidays_are_not_working_days(started: datetime, due: datetime) -> None:
    assert due_locally(start(at=started)) == due


def test_a_closure_day_next_to_a_bank_holiday_adds_a_further_day() -> None:
    ClosureDayFactory(date=date(2026, 4, 7), reason="Easter closure")
    assert due_locally(start(at=london(2026, 4, 2, 16))) == london(2026, 4, 8, 16)


def test_working_hours_come_from_settings_when_the_clock_starts(settings) -> None:
    friday_4pm = london(2026, 3, 6, 16)
    assert due_locally(start("mash.red", at=friday_4pm)) == london(2026, 3, 9, 12)  # 1 h Friday + 3 h Monday
    settings.FRONTDOOR_WORKING_HOURS = "08:00-18:00"
    assert due_locally(start("mash.red", at=friday_4pm, subject_id=2)) == london(2026, 3, 9, 10)


def test_a_clock_started_now_uses_the_current_time() -> None:
    before = timezone.now()
    clock = start("test.hours_to_coordinator")
    assert before <= clock.started_at <= timezone.now()
    assert clock.due_at == clock.started_at + timedelta(hours=72)


# --- a VIST's clock: the MASH's working hours ----------------------------------------------------------------


def test_a_green_vist_on_thursday_afternoon_is_due_in_working_hours_not_on_sunday() -> None:
    # 72 calendar hours from Thursday 2pm was Sunday 2pm: nobody is in the MASH then.
    clock = start("mash.green", at=london(2026, 3, 5, 14))
    local = due_locally(clock)
    assert local == london(2026, 3, 18, 14)  # 3 h Thursday, 8 h a working day for eight days, 5 h Wednesday
    assert local.weekday() < 5 and 9 <= local.hour < 17


@pytest.mark.parametrize(
    ("rule", "started", "due"),
    [
        # Saturday morning: the clock starts when the MASH opens on Monday.
        ("mash.red", london(2026, 3, 7, 10), london(2026, 3, 9, 13)),
        # Friday 3pm before British Summer Time starts (Sunday 29 March): 2 h Friday, 2 h Monday, in BST.
        ("mash.red", london(2026, 3, 27, 15), london(2026, 3, 30, 11)),
        # Maundy Thursday 4pm: Good Friday and Easter Monday are bank holidays.
        ("mash.amber", london(2026, 4, 2, 16), london(2026, 4, 9, 16)),
        # Friday 4pm before the clocks go back (Sunday 25 October): three working days on, in GMT.
        ("mash.amber", london(2026, 10, 23, 16), london(2026, 10, 28, 16)),
        # Across the clock change and Easter: 1 + 32 + 32 + 7 working hours.
        ("mash.green", london(2026, 3, 27, 16), london(2026, 4, 13, 16)),
    ],
    ids=["red-weekend", "red-clock-change", "amber-bank-holiday", "amber-clocks-back", "green-easter"],
)
def test_a_vist_clock_counts_only_the_mash_working_hours(rule: str, started: datetime, due: datetime) -> None:
    clock = start(rule, at=started, subject_type="intake.vist")
    assert due_locally(clock) == due


def test_the_red_clock_across_the_clock_change_is_due_at_ten_utc() -> None:
    clock = start("mash.red", at=london(2026, 3, 27, 15))
    assert clock.due_at == datetime(2026, 3, 30, 10, tzinfo=UTC)  # 11am BST


def test_every_vist_grade_counts_working_hours_by_default() -> None:
    assert {code: (RULES[code].unit, RULES[code].amount) for code in VIST_RULE_CODES} == {
        "mash.red": (Unit.WORKING_HOURS, 4),
        "mash.amber": (Unit.WORKING_HOURS, 24),
        "mash.green": (Unit.WORKING_HOURS, 72),
    }


def test_the_vist_hours_a_partnership_sets_make_the_rules() -> None:
    rules = vist_rules(settings_module._grade_hours("red=2, amber=8, green=16"))
    assert {grade.value: (rule.code, rule.amount) for grade, rule in rules.items()} == {
        "red": ("mash.red", 2),
        "amber": ("mash.amber", 8),
        "green": ("mash.green", 16),
    }
    friday_4pm = london(2026, 3, 6, 16)
    assert rules[RiskGrade.GREEN].due(friday_4pm, clocks.working_calendar()) == london(2026, 3, 10, 16)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("red=4,amber=24", "green is missing"),
        ("red=4", "amber and green are missing"),
        ("red=4,amber=24,green=72,red=5", "red is given twice"),
        ("red=4,amber=24,purple=72", "'purple=72' is not a grade and a whole number of hours"),
        ("red=4,amber=24,green=3.5", "'green=3.5' is not a grade and a whole number of hours"),
        ("red=4,amber=24,green=", "'green=' is not a grade and a whole number of hours"),
        ("red 4, amber 24, green 72", "'red 4' is not a grade"),
        ("red=0,amber=24,green=72", "each between 1 and 999"),
        ("red=24,amber=4,green=72", "red no longer than amber"),
        ("", "'' is not a grade"),
    ],
)
def test_vist_hours_that_make_no_sense_are_refused_with_a_clear_message(value: str, says: str) -> None:
    with pytest.raises(ImproperlyConfigured) as refused:
        settings_module._grade_hours(value)
    message = str(refused.value)
    assert message.startswith("FRONTDOOR_VIST_HOURS must give red, amber and green in whole working hours")
    assert says in message


def test_the_application_will_not_start_with_vist_hours_it_cannot_read() -> None:
    env = {**os.environ, "FRONTDOOR_VIST_HOURS": "red=4,amber=24"}
    env.pop("FRONTDOOR_TEST_DATABASE_URL", None)
    ran = subprocess.run(
        [sys.executable, "-c", "import frontdoor.settings"], env=env, capture_output=True, text=True, timeout=60
    )
    assert ran.returncode != 0
    assert "FRONTDOOR_VIST_HOURS must give red, amber and green" in ran.stderr and "green is missing" in ran.stderr


# --- school-day rules ---------------------------------------------------------------------------------------


def test_a_school_day_rule_needs_a_school_calendar() -> None:
    with pytest.raises(ValueError, match="school calendar is needed"):
        start("test.next_school_day", at=london(2026, 1, 16, 19))
    assert not Clock.objects.exists()


def test_an_encompass_notice_after_school_on_friday_is_due_before_school_on_monday() -> None:
    clock = start("test.next_school_day", at=london(2026, 1, 16, 19), school=SCHOOLS)
    assert due_locally(clock) == london(2026, 1, 19, 8, 45)


def test_an_encompass_notice_before_school_starts_is_due_that_morning() -> None:
    clock = start("test.next_school_day", at=london(2026, 1, 20, 7, 30), school=SCHOOLS)
    assert due_locally(clock) == london(2026, 1, 20, 8, 45)


def test_an_encompass_notice_in_half_term_is_due_when_school_reopens() -> None:
    clock = start("test.next_school_day", at=london(2026, 2, 13, 19), school=SCHOOLS)  # last day before half term
    assert due_locally(clock) == london(2026, 2, 23, 8, 45)


# --- the sweep ----------------------------------------------------------------------------------------------


@pytest.fixture
def managers():
    """Two managers who should hear of a breach, and three people who should not."""
    active = UserFactory(roles=["mash_manager"])
    also_social_worker = UserFactory(roles=["mash_social_worker", "mash_manager"])
    revoked = UserFactory(roles=["mash_manager"])
    access_services.revoke_role(revoked, "mash_manager")
    disabled = UserFactory(roles=["mash_manager"])
    access_services.disable_user(disabled)
    UserFactory(roles=["mash_social_worker"])
    return [active, also_social_worker]


def test_a_sweep_before_the_due_time_breaches_nothing(managers) -> None:
    clock = start(at=london(2026, 3, 6, 16))
    assert sweep_due_clocks(london(2026, 3, 9, 16) - SECOND) == 0
    clock.refresh_from_db()
    assert clock.state == ClockState.RUNNING
    assert clock.breached_at is None
    assert not Escalation.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_sweep_after_the_due_time_breaches_escalates_and_tells_each_active_manager(managers) -> None:
    clock = start(at=london(2026, 3, 6, 16))
    now = london(2026, 3, 9, 16) + SECOND
    assert sweep_due_clocks(now) == 1

    clock.refresh_from_db()
    assert clock.state == ClockState.BREACHED
    assert clock.breached_at == now
    assert clock.closed_at is None  # still open until the work is done

    escalation = Escalation.objects.get()
    assert escalation.clock == clock
    assert escalation.notify_role == RULES["referral.decision"].escalate_to == "mash_manager"
    assert escalation.raised_at == now

    messages = OutboxMessage.objects.order_by("recipient_id")
    assert [m.recipient for m in messages] == sorted(managers, key=lambda u: u.pk)
    for message in messages:
        assert message.kind == "clock.breached"
        assert message.channel == OutboxChannel.IN_APP
        assert message.state == OutboxState.PENDING
        assert message.subject == "Deadline missed: Acknowledge and decide on a referral"  # its referral is not held
        assert message.body == "It was due 9 March 2026 at 4:00pm."
        assert message.link_path == f"/mash/escalations/#escalation-{escalation.pk}"


def test_sweeping_again_does_nothing_more(managers) -> None:
    start(at=london(2026, 3, 6, 16))
    now = london(2026, 3, 9, 17)
    sweep_due_clocks(now)
    assert sweep_due_clocks(now) == 0
    assert sweep_due_clocks(now + timedelta(days=3)) == 0
    assert Escalation.objects.count() == 1
    assert OutboxMessage.objects.count() == 2
    assert Clock.objects.get().breached_at == now


def test_a_breach_goes_to_the_role_the_rule_names(managers) -> None:
    coordinator = UserFactory(roles=["missing_exploitation_coordinator"])
    start("test.hours_to_coordinator", at=london(2026, 3, 6, 16))
    sweep_due_clocks(london(2026, 3, 9, 17))
    assert Escalation.objects.get().notify_role == "missing_exploitation_coordinator"
    assert [m.recipient for m in OutboxMessage.objects.all()] == [coordinator]


def test_a_sweep_takes_only_the_clocks_that_are_due(managers) -> None:
    early = start("mash.red", at=london(2026, 3, 9, 9))  # due 13:00
    late = start("referral.decision", at=london(2026, 3, 9, 9), subject_id=2)  # due Tuesday 09:00
    assert sweep_due_clocks(london(2026, 3, 9, 14)) == 1
    early.refresh_from_db()
    late.refresh_from_db()
    assert (early.state, late.state) == (ClockState.BREACHED, ClockState.RUNNING)


def test_a_sweep_works_through_more_clocks_than_one_batch(managers) -> None:
    for i in range(25):
        start("mash.green", at=london(2026, 3, 1, 9) + timedelta(minutes=i), subject_id=i)
    assert sweep_due_clocks(london(2026, 3, 20, 9), batch=10) == 25  # 72 working hours: due by 12 March
    assert Escalation.objects.count() == 25
    assert not Clock.objects.filter(state=ClockState.RUNNING).exists()


# --- meeting and cancelling ---------------------------------------------------------------------------------


def test_a_clock_met_before_it_is_due_is_met_on_time() -> None:
    clock = start(at=london(2026, 3, 6, 16))
    done = london(2026, 3, 9, 11)
    meet_clock(clock, at=done)
    clock.refresh_from_db()
    assert (clock.state, clock.met_late, clock.closed_at) == (ClockState.MET, False, done)
    assert sweep_due_clocks(london(2026, 3, 20)) == 0
    assert not Escalation.objects.exists()


def test_a_clock_met_after_its_breach_is_met_late(managers) -> None:
    clock = start(at=london(2026, 3, 6, 16))
    sweep_due_clocks(london(2026, 3, 9, 17))
    clock.refresh_from_db()
    meet_clock(clock, at=london(2026, 3, 10, 10))
    clock.refresh_from_db()
    assert (clock.state, clock.met_late) == (ClockState.MET, True)
    assert clock.closed_at == london(2026, 3, 10, 10)
    assert clock.breached_at == london(2026, 3, 9, 17)  # the breach stays on record
    assert Escalation.objects.count() == 1


def test_a_clock_met_after_its_due_time_but_before_a_sweep_is_met_late() -> None:
    clock = start(at=london(2026, 3, 6, 16))
    meet_clock(clock, at=london(2026, 3, 9, 16, 1))
    clock.refresh_from_db()
    assert (clock.state, clock.met_late) == (ClockState.MET, True)


def test_a_met_clock_cannot_be_met_again_or_cancelled() -> None:
    clock = start(at=london(2026, 3, 6, 16))
    meet_clock(clock, at=london(2026, 3, 9, 11))
    meet_clock(clock, at=london(2026, 3, 12))
    cancel_clock(clock, at=london(2026, 3, 12))
    clock.refresh_from_db()
    assert (clock.state, clock.met_late, clock.closed_at) == (ClockState.MET, False, london(2026, 3, 9, 11))


def test_a_cancelled_clock_is_never_swept(managers) -> None:
    clock = start(at=london(2026, 3, 6, 16))
    cancel_clock(clock, at=london(2026, 3, 9, 10))
    clock.refresh_from_db()
    assert (clock.state, clock.closed_at) == (ClockState.CANCELLED, london(2026, 3, 9, 10))
    assert sweep_due_clocks(london(2026, 4, 1)) == 0
    clock.refresh_from_db()
    assert clock.state == ClockState.CANCELLED
    assert clock.breached_at is None
    assert not Escalation.objects.exists()
    assert not OutboxMessage.objects.exists()
    meet_clock(clock, at=london(2026, 4, 2))
    clock.refresh_from_db()
    assert clock.state == ClockState.CANCELLED


# --- two workers at once ------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("threads", "batch"), [(2, 200), (4, 10)])
def test_concurrent_sweeps_escalate_every_clock_exactly_once(threads: int, batch: int) -> None:
    """PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: writers serialise on BEGIN IMMEDIATE with a busy timeout."""
    manager = UserFactory(roles=["mash_manager"])
    started = london(2026, 3, 2, 9)
    Clock.objects.bulk_create(
        Clock(
            subject_type="intake.referral",
            subject_id=str(i),
            rule="mash.red",
            started_at=started,
            due_at=started + timedelta(hours=4, seconds=i),
        )
        for i in range(200)
    )
    now = london(2026, 3, 3, 9)
    barrier = threading.Barrier(threads)
    counts: list[int] = []
    errors: list[BaseException] = []

    def sweep() -> None:
        try:
            barrier.wait(timeout=30)
            counts.append(sweep_due_clocks(now, batch=batch))
        except BaseException as exc:  # reported below: an exception in a thread would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=sweep) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert not any(w.is_alive() for w in workers)
    assert errors == []
    assert sum(counts) == 200
    assert Escalation.objects.count() == 200
    assert not Clock.objects.annotate(n=Count("escalations")).exclude(n=1).exists()
    assert Clock.objects.filter(state=ClockState.BREACHED).count() == 200
    assert OutboxMessage.objects.filter(recipient=manager).count() == 200


# --- the worker ---------------------------------------------------------------------------------------------


@pytest.fixture
def keep_signal_handlers():
    """The worker installs SIGINT/SIGTERM handlers; put pytest's back afterwards."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_the_worker_runs_every_scheduled_job_once(monkeypatch, keep_signal_handlers) -> None:
    runs: list[str] = []
    jobs = list_jobs()
    fake_jobs = [Job(job.name, lambda name=job.name: runs.append(name) or 0, 3600) for job in jobs]
    monkeypatch.setattr(worker_command, "list_jobs", lambda: fake_jobs)
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    assert runs == [job.name for job in jobs]
    assert {job.run for job in jobs} >= {
        clocks.sweep_due_clocks,
        clocks.outbox.deliver_due,
        matching.match_arrivals,
        incremental.link_pending_records,
        audit.seal_chain,
    }
    assert f"{len(jobs)} jobs" in out.getvalue()


def test_the_worker_lists_its_jobs(keep_signal_handlers) -> None:
    out = StringIO()
    call_command("worker", "--list", stdout=out)
    assert "sweep_due_clocks: every 15 seconds" in out.getvalue()
    assert "match_arrivals: every 2 seconds" in out.getvalue()


def test_one_failing_job_does_not_stop_the_others(monkeypatch, keep_signal_handlers, caplog) -> None:
    runs: list[str] = []

    def broken() -> int:
        raise RuntimeError("boom")

    monkeypatch.setattr(
        worker_command,
        "list_jobs",
        lambda: [Job("broken", broken, 1), Job("fine", lambda: runs.append("fine") or 1, 1)],
    )
    call_command("worker", "--once", stdout=StringIO())
    assert runs == ["fine"]
    assert "worker.job_failed job=broken" in caplog.text


def test_the_worker_breaches_a_due_clock_and_delivers_the_escalation(keep_signal_handlers, caplog) -> None:
    manager = UserFactory(roles=["mash_manager"])
    clock = start("mash.green", at=timezone.now() - timedelta(days=30))  # 72 working hours are long gone
    call_command("worker", "--once", stdout=StringIO())
    assert "worker.job_failed" not in caplog.text
    clock.refresh_from_db()
    assert clock.state == ClockState.BREACHED
    escalation = Escalation.objects.get(clock=clock)
    notification = Notification.objects.get(user=manager)
    assert notification.subject == "Deadline missed: MASH green: enquiries complete"
    assert notification.link_path == f"/mash/escalations/#escalation-{escalation.pk}"
    assert OutboxMessage.objects.get().state == OutboxState.DELIVERED


def test_the_cached_calendar_sees_a_new_closure_day_at_once(settings) -> None:
    settings.FRONTDOOR_CALENDAR_CACHE_SECONDS = 60.0
    from frontdoor.core.clocks import forget_working_calendar, working_calendar

    forget_working_calendar()
    try:
        assert date(2026, 3, 9) not in working_calendar().closures
        ClosureDayFactory(date=date(2026, 3, 9), reason="Staff training day")
        assert date(2026, 3, 9) in working_calendar().closures  # the save cleared the cache
    finally:
        forget_working_calendar()
