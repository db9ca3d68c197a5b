"""Reads of the daily vulnerability meeting: a meeting by its day, its agenda (new items and those carried forward,
with what was said and decided and the next steps and their deadlines), who attended by agency, who may attend or
own a next step, and today's meeting for the home page.

A meeting's agenda is every item first on it or on an earlier meeting and not closed before it: an item is carried
forward until a meeting closes it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.access.role_permissions import PERMISSIONS
from frontdoor.core.clocks import working_calendar
from frontdoor.core.display import Deadline, deadline
from frontdoor.core.registry import Subject
from frontdoor.core.selectors import map_clocks
from frontdoor.intake.models import Referral
from frontdoor.mash import priority
from frontdoor.mash.meeting_clocks import STEP_RULES, STEP_SUBJECT
from frontdoor.mash.models import ReferralPriority
from frontdoor.mash.models_meeting import AgendaItem, Attendance, Discussion, Meeting, NextStep


def day_words(day: date) -> str:
    """ "Thursday 3 December 2026"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def today() -> date:
    return timezone.localtime(timezone.now(), working_calendar().tz).date()


def find_meeting(day: date) -> Meeting | None:
    return Meeting.objects.filter(held_on=day).first()


def find_latest_meeting(before: date | None = None) -> Meeting | None:
    meetings = Meeting.objects.all() if before is None else Meeting.objects.filter(held_on__lte=before)
    return meetings.order_by("-held_on").first()


def on_the_agenda(meeting: Meeting) -> Q:
    """The items on a meeting's agenda: first on it or earlier, and not closed at an earlier meeting."""
    return Q(first_meeting__held_on__lte=meeting.held_on) & (
        Q(closed_meeting__isnull=True) | Q(closed_meeting__held_on__gte=meeting.held_on)
    )


def count_agenda(meeting: Meeting) -> int:
    return AgendaItem.objects.filter(on_the_agenda(meeting)).count()


@dataclass
class StepRow:
    step: NextStep
    deadline: Deadline | None
    due: str  # what the meeting asked: "By the next meeting (1 working day)"


@dataclass
class AgendaRow:
    item: AgendaItem
    kind: str  # "VIST" or "Referral"
    link: str
    children: list[str]
    priority: priority.Priority
    received_at: datetime
    carried_forward: bool
    discussion: Discussion | None  # at this meeting (the latest)
    earlier: list[Discussion] = field(default_factory=list)  # at earlier meetings, latest first
    steps: list[StepRow] = field(default_factory=list)

    @property
    def open_steps(self) -> int:
        return sum(row.step.done_at is None for row in self.steps)

    @property
    def closed(self) -> bool:
        return self.item.closed_at is not None


def _children(item: AgendaItem) -> list[str]:
    if item.vist_id:
        people = [p for p in item.vist.persons.all() if p.is_child]  # type: ignore[union-attr]
        return [f"{p.first_name} {p.last_name}".strip() or "Name not given" for p in people]
    return [f"{c.first_name} {c.last_name}".strip() or "Unborn baby" for c in item.referral.children.all()]  # type: ignore[union-attr]


def _priority(item: AgendaItem) -> priority.Priority:
    if item.vist_id:
        return priority.of_vist(item.vist)  # type: ignore[arg-type]
    referral: Referral = item.referral  # type: ignore[assignment]
    latest = ReferralPriority.objects.filter(referral=referral).select_related("set_by").first()
    return priority.of_referral(referral.level_of_need, referral.presenting_issues, latest)


def step_rows(steps: list[NextStep], now: datetime | None = None) -> list[StepRow]:
    now = now or timezone.now()
    clocks = map_clocks(STEP_SUBJECT, [s.pk for s in steps], list(STEP_RULES))
    return [StepRow(s, deadline(clocks.get(s.pk), now), STEP_RULES[s.rule].description.split(": ")[-1]) for s in steps]


def list_agenda(meeting: Meeting) -> list[AgendaRow]:
    """The meeting's agenda: items carried forward first (oldest first), then the new ones in order of arrival."""
    items = list(
        AgendaItem.objects.filter(on_the_agenda(meeting))
        .select_related("vist", "referral", "first_meeting", "closed_meeting")
        .prefetch_related("vist__persons", "referral__children")
    )
    discussions: dict[int, list[Discussion]] = defaultdict(list)
    for d in (
        Discussion.objects.filter(item__in=items, meeting__held_on__lte=meeting.held_on)
        .select_related("meeting", "recorded_by")
        .order_by("-meeting__held_on", "-recorded_at", "-id")
    ):
        discussions[d.item_id].append(d)
    steps: dict[int, list[NextStep]] = defaultdict(list)
    all_steps = list(
        NextStep.objects.filter(item__in=items, meeting__held_on__lte=meeting.held_on).select_related(
            "owner", "meeting"
        )
    )
    for s in all_steps:
        steps[s.item_id].append(s)
    rows_by_step = {row.step.pk: row for row in step_rows(all_steps)}
    rows = []
    for item in items:
        here = [d for d in discussions[item.pk] if d.meeting_id == meeting.pk]
        arrival = item.arrival
        rows.append(
            AgendaRow(
                item=item,
                kind="VIST" if item.vist_id else "Referral",
                link=f"/mash/vists/{arrival.reference}/" if item.vist_id else f"/mash/referrals/{arrival.reference}/",
                children=_children(item),
                priority=_priority(item),
                received_at=arrival.received_at,
                carried_forward=item.first_meeting_id != meeting.pk,
                discussion=here[0] if here else None,
                earlier=[d for d in discussions[item.pk] if d.meeting_id != meeting.pk],
                steps=[rows_by_step[s.pk] for s in steps[item.pk]],
            )
        )
    return sorted(rows, key=lambda r: (not r.carried_forward, r.received_at, r.item.pk))


def find_agenda_row(meeting: Meeting, item_id: int) -> AgendaRow | None:
    return next((row for row in list_agenda(meeting) if row.item.pk == item_id), None)


def list_attendance(meeting: Meeting) -> list[tuple[str, list[Attendance]]]:
    """Who attended, by agency (in the agency's name order)."""
    by_agency: dict[str, list[Attendance]] = defaultdict(list)
    for row in Attendance.objects.filter(meeting=meeting).select_related("user", "agency"):
        by_agency[row.agency.name if row.agency else "No agency recorded"].append(row)
    return sorted(by_agency.items())


def list_possible_attendees() -> list[User]:
    """Everyone who may attend the meeting or own a next step: active accounts holding a role that works it."""
    roles = PERMISSIONS["mash.meeting"]
    return list(
        User.objects.filter(is_active=True, role_grants__role__in=roles, role_grants__revoked_at__isnull=True)
        .select_related("agency")
        .distinct()
        .order_by("agency__name", "first_name", "last_name", "id")
    )


def find_step(step_id: int) -> NextStep | None:
    return NextStep.objects.filter(pk=step_id).select_related("item", "meeting", "owner").first()


def describe_steps(ids: list[str]) -> dict[str, Subject]:
    """Next steps as clock subjects: "Next step on VIST-... from the daily meeting", linking to the item."""
    steps = NextStep.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).select_related(
        "item__vist", "item__referral", "meeting"
    )
    return {
        str(s.pk): Subject(
            f"Next step on {s.item.reference} from the daily meeting",
            f"/mash/meeting/{s.meeting.held_on.isoformat()}/items/{s.item_id}/",
        )
        for s in steps
    }
