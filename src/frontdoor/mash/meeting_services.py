"""The daily vulnerability meeting's use cases: build a working day's agenda (once: by the worker's job from the
day's opening, or when someone first opens the meeting), record who attended, what was said and decided about an
item, the next steps agreed (each with its owner and its clock), and a next step done.

Each write runs in one transaction with its audit row; the clocks are `mash.meeting_clocks`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.core import outbox
from frontdoor.core.clocks import meet_clock, start_clock, working_calendar
from frontdoor.core.logging import log_after_commit
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake.models import Referral, RiskGrade, Vist
from frontdoor.mash import priority
from frontdoor.mash.meeting_clocks import STEP_RULES, STEP_SUBJECT
from frontdoor.mash.models import ReferralPriority
from frontdoor.mash.models_meeting import AgendaItem, Attendance, Discussion, ItemDecision, Meeting, NextStep

log = logging.getLogger(__name__)


class MeetingRefused(Exception):
    """The change cannot be made; `field` names the form field the reason belongs to."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _by(actor: Actor) -> User:
    if actor.user is None:
        raise ValueError("the meeting is recorded by its people, not by an API client")
    return actor.user


def _opening(day: date) -> datetime:
    calendar = working_calendar()
    return datetime.combine(day, calendar.day_start, tzinfo=calendar.tz)


def _is_red(referral: Referral) -> bool:
    latest = ReferralPriority.objects.filter(referral=referral).select_related("set_by").first()
    return priority.of_referral(referral.level_of_need, referral.presenting_issues, latest).grade == RiskGrade.RED


def build_meeting(day: date, now: datetime | None = None) -> Meeting | None:
    """The meeting of a working day, its agenda built the first time it is asked for: every VIST and every red
    referral that arrived since the previous meeting's cut-off (or the previous working day's opening, for the first
    meeting) and before now. Asked again, it is returned as it is. None on a day that is not a working day."""
    now = now or timezone.now()
    if not working_calendar().is_working_day(day):
        return None
    existing = Meeting.objects.filter(held_on=day).first()
    if existing is not None:
        return existing
    previous = Meeting.objects.filter(held_on__lt=day).order_by("-held_on").first()
    since = previous.cut_off if previous is not None else _opening(working_calendar().previous_working_day(day))
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(held_on=day, cut_off=now, built_at=now)
            window = {"received_at__gte": since, "received_at__lt": now, "meeting_item__isnull": True}
            vists = Vist.objects.filter(**window).order_by("received_at", "id")
            referrals = [r for r in Referral.objects.filter(**window).order_by("received_at", "id") if _is_red(r)]
            AgendaItem.objects.bulk_create(
                [AgendaItem(vist=v, first_meeting=meeting) for v in vists]
                + [AgendaItem(referral=r, first_meeting=meeting) for r in referrals]
            )
    except IntegrityError:  # another worker, or another person opening the page, built it first
        return Meeting.objects.get(held_on=day)
    log_after_commit(log, "mash.meeting_built meeting=%s", meeting.pk)
    return meeting


def build_todays_meeting(now: datetime | None = None) -> int:
    """The worker's job: from the opening of a working day, that day's agenda is built (once)."""
    now = now or timezone.now()
    local = timezone.localtime(now, working_calendar().tz)
    calendar = working_calendar()
    if not calendar.is_working_day(local.date()) or local.time() < calendar.day_start:
        return 0
    if Meeting.objects.filter(held_on=local.date()).exists():
        return 0
    return int(build_meeting(local.date(), now) is not None)


def set_attendance(meeting: Meeting, *, actor: Actor, users: Iterable[User]) -> list[Attendance]:
    """Who attended the meeting, for their agencies: those chosen are added, anyone no longer chosen removed."""
    chosen = {u.pk: u for u in users}
    with transaction.atomic():
        Attendance.objects.filter(meeting=meeting).exclude(user_id__in=list(chosen)).delete()
        present = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
        now = timezone.now()
        Attendance.objects.bulk_create(
            Attendance(meeting=meeting, user=u, agency_id=u.agency_id, recorded_at=now, recorded_by=_by(actor))
            for pk, u in chosen.items()
            if pk not in present
        )
        purpose = f"daily meeting {meeting.pk}: {len(chosen)} attending"
        record_access(actor, None, action="record_meeting_attendance", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        return list(Attendance.objects.filter(meeting=meeting).select_related("user", "agency"))


def record_discussion(
    item: AgendaItem, meeting: Meeting, *, actor: Actor, note: str, decision: str, outcome: str
) -> Discussion:
    """What the meeting said and decided about an item. Closing it needs its next steps done; kept open, it is
    carried forward to the next meeting."""
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if item.closed_meeting_id is not None and item.closed_meeting_id != meeting.pk:
            raise MeetingRefused(f"{item.reference} was closed at an earlier meeting.", "outcome")
        if outcome == ItemDecision.CLOSE:
            still_open = NextStep.objects.filter(item=item, done_at__isnull=True).count()
            if still_open:
                steps = "next step is" if still_open == 1 else "next steps are"
                raise MeetingRefused(
                    f"{still_open} {steps} not done yet: keep the item on the agenda until they are", "outcome"
                )
        now = timezone.now()
        discussion = Discussion.objects.create(
            item=item,
            meeting=meeting,
            note=note,
            decision=decision,
            outcome=outcome,
            recorded_at=now,
            recorded_by=_by(actor),
        )
        if outcome == ItemDecision.CLOSE:
            item.closed_at, item.closed_meeting = now, meeting
        else:
            item.closed_at, item.closed_meeting = None, None
        item.save(update_fields=["closed_at", "closed_meeting"])
        purpose = f"{item.reference} at daily meeting {meeting.pk}: {outcome}"
        record_access(actor, None, action="record_meeting_decision", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        log_after_commit(log, "mash.meeting_item_discussed item=%s meeting=%s", item.pk, meeting.pk)
        return discussion


def add_next_step(item: AgendaItem, meeting: Meeting, *, actor: Actor, action: str, owner: User, rule: str) -> NextStep:
    """A next step the meeting agreed: its owner is told, and its clock starts."""
    if rule not in STEP_RULES:
        raise MeetingRefused("Select when the next step is due", "due")
    with transaction.atomic():
        item = AgendaItem.objects.select_for_update().get(pk=item.pk)
        if item.closed_at is not None:
            raise MeetingRefused(f"{item.reference} is closed: a closed item takes no next steps.", "action")
        now = timezone.now()
        step = NextStep.objects.create(
            item=item, meeting=meeting, action=action, owner=owner, rule=rule, agreed_at=now, agreed_by=_by(actor)
        )
        start_clock(subject_type=STEP_SUBJECT, subject_id=step.pk, rule=rule, started_at=now)
        outbox.enqueue(
            kind="meeting.next_step",
            dedupe_key=f"meeting-step:{step.pk}",
            recipient=owner,
            subject="The daily vulnerability meeting gave you a next step",
            link_path=f"/mash/meeting/{meeting.held_on.isoformat()}/items/{item.pk}/",
        )
        purpose = f"{item.reference} at daily meeting {meeting.pk}"
        record_access(actor, None, action="agree_meeting_step", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        log_after_commit(log, "mash.meeting_step_agreed step=%s owner=%s", step.pk, owner.pk)
        return step


def complete_step(step: NextStep, *, actor: Actor) -> NextStep:
    """A next step is done: its clock is met (late, if it was missed)."""
    with transaction.atomic():
        step = NextStep.objects.select_for_update().get(pk=step.pk)
        if step.done_at is not None:
            return step
        step.done_at = timezone.now()
        step.save(update_fields=["done_at"])
        running = Clock.objects.filter(
            subject_type=STEP_SUBJECT, subject_id=str(step.pk), state__in=[ClockState.RUNNING, ClockState.BREACHED]
        )
        for clock in running:
            meet_clock(clock, step.done_at)
        record_access(
            actor, None, action="complete_meeting_step", purpose=f"step {step.pk}", outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.meeting_step_done step=%s", step.pk)
        return step
