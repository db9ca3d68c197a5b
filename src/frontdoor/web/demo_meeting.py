"""Demo data: the daily vulnerability meeting and the emergency duty team. Today's meeting (the last working day's,
when today is not one) with its agenda built from the demo's VISTs and red referral, the MASH and its partners
attending, a decision and a next step on the first item; and an out-of-hours contact from the evening before the
last working day's opening, handed over and waiting in the MASH's triage queue. Idempotent: the meeting is built
once, a decision and a next step are recorded only where there are none, and the contact is found by its account.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.core.clocks import working_calendar
from frontdoor.mash import edt_services, meeting_selectors, meeting_services
from frontdoor.mash.models_edt import EdtContact
from frontdoor.mash.models_meeting import Attendance, Discussion, ItemDecision, NextStep

ATTENDING = ["mash.manager", "mash.sw", "mash.police", "mash.health", "mash.education"]
EDT_ACCOUNT = "Police called at 10pm: Kayden, 12, found alone at home; his mother had not come back from work."


def _meeting_day(today: date) -> date:
    calendar = working_calendar()
    return today if calendar.is_working_day(today) else calendar.previous_working_day(today)


def _last_opening(now: datetime) -> datetime:
    """The most recent working day's opening at or before now."""
    calendar = working_calendar()
    local = timezone.localtime(now, calendar.tz)
    day = local.date()
    while not (calendar.is_working_day(day) and datetime.combine(day, calendar.day_start, tzinfo=calendar.tz) <= now):
        day -= timedelta(days=1)
    return datetime.combine(day, calendar.day_start, tzinfo=calendar.tz)


def load_demo_meeting(today: date) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=[*ATTENDING, "edt"])}
    chair = users["mash.manager"]
    as_chair = Actor(user=chair, role="mash_manager", agency=chair.agency)
    meeting = meeting_services.build_meeting(_meeting_day(today))
    if meeting is not None:
        if not Attendance.objects.filter(meeting=meeting).exists():
            meeting_services.set_attendance(meeting, actor=as_chair, users=[users[u] for u in ATTENDING if u in users])
        agenda = meeting_selectors.list_agenda(meeting)
        first = agenda[0].item if agenda else None
        if first is not None and not Discussion.objects.filter(item=first, meeting=meeting).exists():
            meeting_services.record_discussion(
                first,
                meeting,
                actor=as_chair,
                note="Police shared the arrest and the welfare check; health confirmed the children are registered "
                "with the GP; school said attendance has dropped this term.",
                decision="Strategy discussion to be convened today; the school to be told before the end of the day.",
                outcome=ItemDecision.CARRY_FORWARD,
            )
        if first is not None and not NextStep.objects.filter(item=first).exists():
            meeting_services.add_next_step(
                first,
                meeting,
                actor=as_chair,
                action="Share the arrest details with the strategy discussion; check for other children at home.",
                owner=users["mash.police"],
                rule="mash.meeting.step.1",
            )
    edt = users["edt"]
    if not EdtContact.objects.filter(what_happened=EDT_ACCOUNT).exists():
        edt_services.record_contact(
            edt_services.ContactData(
                first_name="Kayden",
                last_name="Marsh",
                date_of_birth=date(today.year - 12, 6, 14),
                what_happened=EDT_ACCOUNT,
                action_taken="Kayden stayed with his aunt overnight, with police agreement; his mother was reached "
                "at midnight and collects him in the morning.",
                priority="amber",
            ),
            actor=Actor(user=edt, role="edt_worker", agency=edt.agency),
            at=_last_opening(timezone.now()) - timedelta(hours=11),
        )
