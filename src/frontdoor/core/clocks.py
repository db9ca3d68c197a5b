"""Deadlines: the rules that set them, and the services that start, stop and sweep them.

Each rule is data: a timescale counted on a calendar and the role told when it is missed. The shared kernel holds
none: each capability registers its own with `register_rule` in its `AppConfig.ready()` (intake's decision and
VIST clocks are in `intake/clocks.py`), from the national timescales and common local MASH practice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from frontdoor.core import outbox
from frontdoor.core.calendars import SchoolCalendar, WorkingCalendar
from frontdoor.core.display import when
from frontdoor.core.models import Clock, ClockState, Escalation
from frontdoor.core.registry import describe_subjects

log = logging.getLogger(__name__)


class Unit(Enum):
    WORKING_HOURS = "working hours"
    WORKING_DAYS = "working days"
    HOURS = "hours"
    NEXT_SCHOOL_DAY = "before the next school day"


@dataclass(frozen=True)
class ClockRule:
    code: str
    description: str
    unit: Unit
    amount: int
    escalate_to: str
    # What a clock under this rule is, with its subject in the sentence: "decision on {subject}".
    phrase: str = ""
    # Where the role told of a missed deadline works it, when that is not the MASH's list of missed deadlines (a
    # police supervisor may not open the MASH's pages).
    escalation_link: str = ""
    # Which of the role's holders are told of a missed deadline on a clock, when not all of them: a police
    # supervisor hears only of their own force's incidents. `audience(clock, holders)` returns those told.
    audience: Callable[[Clock, list[Any]], list[Any]] | None = None

    def about(self, subject_label: str) -> str:
        """ "Decision on referral FD-7K2M-9QXA": the clock by what it is, for pages and notifications."""
        if not subject_label:  # the subject is no longer held (or no capability names it)
            return self.description
        if not self.phrase:
            return f"{self.description}: {subject_label}"
        said = self.phrase.format(subject=subject_label[:1].lower() + subject_label[1:])
        return said[:1].upper() + said[1:]

    def due(self, start: datetime, working: WorkingCalendar, school: SchoolCalendar | None = None) -> datetime:
        if self.unit is Unit.WORKING_HOURS:
            return working.add_working_hours(start, self.amount)
        if self.unit is Unit.WORKING_DAYS:
            return working.add_working_days(start, self.amount)
        if self.unit is Unit.HOURS:
            # Real hours, whatever zone the start was given in: adding to a Europe/London time would count the wall
            # clock, so a start across the clock change would be due an hour early or late.
            return start.astimezone(UTC) + timedelta(hours=self.amount)
        if school is None:
            raise ValueError(f"rule {self.code} counts school days: a school calendar is needed")
        return school.next_school_day_start(start)


RULES: dict[str, ClockRule] = {}


def register_rule(rule: ClockRule) -> ClockRule:
    if rule.code in RULES and RULES[rule.code] != rule:
        raise ValueError(f"clock rule {rule.code} is already registered differently")
    RULES[rule.code] = rule
    return rule


_calendar_cache: tuple[float, WorkingCalendar] | None = None


def working_calendar() -> WorkingCalendar:
    """The partnership's working calendar: bank holidays, its closure days and its working hours.

    Kept for a minute (every clock start needs it); a change to closure days clears it at once in this process.
    """
    global _calendar_cache
    from frontdoor.core.models import ClosureDay

    now = time.monotonic()
    if _calendar_cache is not None and now - _calendar_cache[0] < settings.FRONTDOOR_CALENDAR_CACHE_SECONDS:
        return _calendar_cache[1]
    start, end = settings.FRONTDOOR_WORKING_HOURS.split("-")
    calendar = WorkingCalendar(
        closures=frozenset(ClosureDay.objects.values_list("date", flat=True)),
        day_start=datetime.strptime(start, "%H:%M").time(),
        day_end=datetime.strptime(end, "%H:%M").time(),
    )
    _calendar_cache = (now, calendar)
    return calendar


def forget_working_calendar(*args: object, **kwargs: object) -> None:
    global _calendar_cache
    _calendar_cache = None


def start_clock(
    *,
    subject_type: str,
    subject_id: str | int,
    rule: str,
    started_at: datetime | None = None,
    school: SchoolCalendar | None = None,
) -> Clock:
    """Start the clock the rule sets for a subject; call inside the transaction that creates the subject."""
    started_at = started_at or timezone.now()
    due_at = RULES[rule].due(started_at, working_calendar(), school)
    return Clock.objects.create(
        subject_type=subject_type, subject_id=str(subject_id), rule=rule, started_at=started_at, due_at=due_at
    )


def meet_clock(clock: Clock, at: datetime | None = None) -> Clock:
    """The work is done: a running clock is met; a breached one is met late."""
    at = at or timezone.now()
    if clock.state not in (ClockState.RUNNING, ClockState.BREACHED) or clock.closed_at:
        return clock
    clock.met_late = clock.state == ClockState.BREACHED or at > clock.due_at
    clock.state = ClockState.MET
    clock.closed_at = at
    clock.save(update_fields=["state", "closed_at", "met_late"])
    return clock


def cancel_clock(clock: Clock, at: datetime | None = None) -> Clock:
    """The deadline no longer applies (the work was withdrawn or superseded)."""
    if clock.closed_at is None:
        clock.state = ClockState.CANCELLED
        clock.closed_at = at or timezone.now()
        clock.save(update_fields=["state", "closed_at"])
    return clock


def _role_directory() -> Callable[[str], Iterable]:
    # The users who hold a role live in `access`, which depends on core: it is named in settings, not imported.
    return import_string(settings.FRONTDOOR_ROLE_DIRECTORY)


def sweep_due_clocks(now: datetime | None = None, batch: int = 200) -> int:
    """Mark every running clock past its due time as breached and escalate it; return how many were breached.

    Rows are taken with FOR UPDATE SKIP LOCKED (on PostgreSQL), so two workers never process the same clock.
    """
    now = now or timezone.now()
    breached = 0
    users_with_role = _role_directory()
    while True:
        with transaction.atomic():
            due = list(
                Clock.objects.select_for_update(skip_locked=True)
                .filter(state=ClockState.RUNNING, due_at__lte=now)
                .order_by("due_at", "id")[:batch]
            )
            for clock in due:
                _breach(clock, now, users_with_role)
        breached += len(due)
        if len(due) < batch:
            return breached


def _breach(clock: Clock, now: datetime, users_with_role: Callable[[str], Iterable]) -> None:
    rule = RULES.get(clock.rule)
    role = rule.escalate_to if rule else "mash_manager"
    clock.state = ClockState.BREACHED
    clock.breached_at = now
    clock.save(update_fields=["state", "breached_at"])
    escalation = Escalation.objects.create(clock=clock, raised_at=now, notify_role=role)
    about = describe_subjects([(clock.subject_type, clock.subject_id)])[(clock.subject_type, clock.subject_id)]
    told = list(users_with_role(role))
    if rule is not None and rule.audience is not None:
        told = rule.audience(clock, told)
    for user in told:
        outbox.enqueue(
            kind="clock.breached",
            dedupe_key=f"escalation:{escalation.pk}:user:{user.pk}",
            recipient=user,
            subject=f"Deadline missed: {rule.about(about.label) if rule else about.label}",
            body=f"It was due {when(clock.due_at)}.",
            link_path=(rule.escalation_link if rule else "") or f"/mash/escalations/#escalation-{escalation.pk}",
        )
    log.warning("clock.breached clock=%s escalation=%s", clock.pk, escalation.pk)


def acknowledge_escalation(escalation: Escalation, user: Any, at: datetime | None = None) -> Escalation:
    """Someone has taken the missed deadline in hand: it leaves the list of open escalations."""
    with transaction.atomic():
        updated = Escalation.objects.filter(pk=escalation.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=at or timezone.now(), acknowledged_by=user
        )
        if updated:
            log.info("clock.escalation_acknowledged escalation=%s user=%s", escalation.pk, user.pk)
        escalation.refresh_from_db()
        return escalation
