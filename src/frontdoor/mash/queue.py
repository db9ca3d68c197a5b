"""The triage queue: referrals awaiting a decision and VISTs awaiting triage, in one list.

Each item carries its priority (and where that came from), the level of need, how long it has waited, its clock and
who is working it. The queue is filtered and sorted here, and counted per filter over the whole queue, so the page
always says how much is waiting, whatever is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.core.display import Deadline, deadline, duration
from frontdoor.core.models import Clock
from frontdoor.core.selectors import map_clocks
from frontdoor.intake.clocks import REFERRAL_DECISION, VIST_RULE_CODES
from frontdoor.intake.models import (
    REFERRAL_SUBJECT,
    VIST_SUBJECT,
    LevelOfNeed,
    Referral,
    ReferralStatus,
    RiskGrade,
    Vist,
)
from frontdoor.intake.vist_lag import late_words
from frontdoor.mash import priority
from frontdoor.mash.edt_clocks import HANDOVER, HANDOVER_SUBJECT
from frontdoor.mash.models import Assignment, ReferralPriority
from frontdoor.mash.models_edt import EdtContact

OPEN_STATUSES = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING)

KINDS = {"referral": "Referrals", "vist": "VISTs", "handover": "Out-of-hours hand-overs"}
ASSIGNED = {"me": "Assigned to me", "unassigned": "Unassigned"}
SORTS = {"due": "Due soonest", "oldest": "Waiting longest", "priority": "Priority (red first)"}


def name_of(user: User) -> str:
    """A worker as people know them: their name, never an account number."""
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class Child:
    name: str
    unborn: bool = False


@dataclass(frozen=True)
class QueueItem:
    kind: str  # "referral" or "vist"
    reference: str
    children: tuple[Child, ...]
    priority: priority.Priority
    level_of_need: int | None  # referrals only
    received_at: datetime
    waiting: str
    deadline: Deadline | None
    due_at: datetime | None
    worker: User | None
    status: str = ""  # a referral's status in words
    late: str = ""  # a VIST sent days after its incident: "Submitted 3 days after the incident"

    @property
    def overdue(self) -> bool:
        return self.deadline is not None and self.deadline.overdue

    @property
    def level_label(self) -> str:
        return str(LevelOfNeed(self.level_of_need).label) if self.level_of_need else ""

    @property
    def level_short(self) -> str:
        """ "Level 4: specialist", without the examples in brackets."""
        return self.level_label.split(" (")[0]

    @property
    def worker_name(self) -> str:
        return name_of(self.worker) if self.worker is not None else ""


@dataclass(frozen=True)
class QueueFilters:
    """What a worker asked to see. Defaults show everything, the soonest due first."""

    kind: str = ""  # "", "referral", "vist"
    priority: str = ""  # "", "red", "amber", "green"
    assigned: str = ""  # "", "me", "unassigned"
    overdue: bool = False
    sort: str = "due"

    @property
    def narrowed(self) -> bool:
        return bool(self.kind or self.priority or self.assigned or self.overdue)

    def keeps(self, item: QueueItem, me: User | None) -> bool:
        if self.kind and item.kind != self.kind:
            return False
        if self.priority and item.priority.grade != self.priority:
            return False
        if self.assigned == "me" and (me is None or item.worker != me):
            return False
        if self.assigned == "unassigned" and item.worker is not None:
            return False
        return item.overdue or not self.overdue

    def query(self, **changes: Any) -> str:
        """These filters (with `changes`) as a query string for a link: "?assigned=me&overdue=yes"."""
        chosen = replace(self, **changes)
        params = {
            "kind": chosen.kind,
            "priority": chosen.priority,
            "assigned": chosen.assigned,
            "overdue": "yes" if chosen.overdue else "",
            "sort": "" if chosen.sort == "due" else chosen.sort,
        }
        return "?" + urlencode({k: v for k, v in params.items() if v}) if any(params.values()) else ""


def _sort_key(sort: str):
    never = datetime.max.replace(tzinfo=timezone.get_current_timezone())

    def oldest(item: QueueItem) -> tuple:
        return (item.received_at, item.reference)

    def due(item: QueueItem) -> tuple:
        return (item.due_at or never, *oldest(item))

    if sort == "oldest":
        return oldest
    if sort == "priority":
        return lambda item: (item.priority.rank, *due(item))
    return due


@dataclass
class Queue:
    items: list[QueueItem]  # what the filters keep, in the order asked for
    total: int  # everything waiting
    counts: dict[str, int] = field(default_factory=dict)  # over the whole queue, per filter option


def _current_worker(item: Referral | Vist) -> User | None:
    current = getattr(item, "current_assignments", [])
    return current[0].worker if current else None


def _clock_parts(clock: Clock | None, now: datetime) -> tuple[Deadline | None, datetime | None]:
    return deadline(clock, now), clock.due_at if clock is not None else None


def _current() -> Prefetch:
    return Prefetch(
        "mash_assignments",
        queryset=Assignment.objects.filter(ended_at__isnull=True).select_related("worker"),
        to_attr="current_assignments",
    )


def _referral_items(now: datetime) -> list[QueueItem]:
    referrals = list(
        Referral.objects.filter(status__in=OPEN_STATUSES)
        .prefetch_related(
            "children",
            _current(),
            Prefetch(
                "mash_priorities",
                queryset=ReferralPriority.objects.select_related("set_by").order_by("-set_at", "-id"),
                to_attr="priorities",
            ),
        )
        .order_by("received_at", "id")
    )
    clocks = map_clocks(REFERRAL_SUBJECT, [r.pk for r in referrals], [REFERRAL_DECISION.code])
    items = []
    for referral in referrals:
        due, due_at = _clock_parts(clocks.get(referral.pk), now)
        latest = referral.priorities[0] if referral.priorities else None
        items.append(
            QueueItem(
                kind="referral",
                reference=referral.reference,
                children=tuple(referral_children(referral)),
                priority=priority.of_referral(referral.level_of_need, referral.presenting_issues, latest),
                level_of_need=referral.level_of_need,
                received_at=referral.received_at,
                waiting=duration((now - referral.received_at).total_seconds()),
                deadline=due,
                due_at=due_at,
                worker=_current_worker(referral),
                status=str(ReferralStatus(referral.status).label),
            )
        )
    return items


def referral_children(referral: Referral) -> list[Child]:
    """Each child on a referral by name, an unborn baby marked as unborn."""
    children = []
    for number, child in enumerate(referral.children.all(), start=1):
        unborn = child.date_of_birth is None and child.expected_date_of_delivery is not None
        name = f"{child.first_name} {child.last_name}".strip()
        if not name:
            name = f"Unborn baby {child.last_name}".strip() if unborn else f"Child {number}"
        children.append(Child(name, unborn))
    return children


def _vist_items(now: datetime) -> list[QueueItem]:
    vists = list(
        Vist.objects.filter(mash_triage__isnull=True)
        .prefetch_related("persons", _current())
        .order_by("received_at", "id")
    )
    clocks = map_clocks(VIST_SUBJECT, [v.pk for v in vists], VIST_RULE_CODES)
    items = []
    for vist in vists:
        due, due_at = _clock_parts(clocks.get(vist.pk), now)
        children = [p for p in vist.persons.all() if p.is_child]
        items.append(
            QueueItem(
                kind="vist",
                reference=vist.reference,
                children=tuple(Child(f"{p.first_name} {p.last_name}".strip() or "Name not given") for p in children),
                priority=priority.of_vist(vist),
                level_of_need=None,
                received_at=vist.received_at,
                waiting=duration((now - vist.received_at).total_seconds()),
                deadline=due,
                due_at=due_at,
                worker=_current_worker(vist),
                late=late_words(vist),
            )
        )
    return items


def _handover_items(now: datetime) -> list[QueueItem]:
    """The emergency duty team's hand-overs, from the next working day's opening until a MASH worker picks one up."""
    contacts = list(
        EdtContact.objects.filter(picked_up_at__isnull=True, handover_at__lte=now).order_by("handover_at", "id")
    )
    clocks = map_clocks(HANDOVER_SUBJECT, [c.pk for c in contacts], [HANDOVER.code])
    items = []
    for contact in contacts:
        due, due_at = _clock_parts(clocks.get(contact.pk), now)
        items.append(
            QueueItem(
                kind="handover",
                reference=contact.reference,
                children=(Child(contact.child_name or "Name not given"),),
                priority=priority.Priority(contact.priority, set=True, note="Graded by the emergency duty team"),
                level_of_need=None,
                received_at=contact.handover_at,
                waiting=duration((now - contact.handover_at).total_seconds()),
                deadline=due,
                due_at=due_at,
                worker=None,
            )
        )
    return items


def open_items(now: datetime | None = None) -> list[QueueItem]:
    """Everything waiting for the MASH, soonest due first."""
    now = now or timezone.now()
    return sorted(_referral_items(now) + _vist_items(now) + _handover_items(now), key=_sort_key("due"))


def count(items: list[QueueItem], me: User | None) -> dict[str, int]:
    """How many of the whole queue each filter option would show on its own."""
    counts = {"all": len(items), "overdue": sum(item.overdue for item in items)}
    for kind in KINDS:
        counts[kind] = sum(item.kind == kind for item in items)
    for grade in RiskGrade:
        counts[grade.value] = sum(item.priority.grade == grade.value for item in items)
    counts["me"] = sum(me is not None and item.worker == me for item in items)
    counts["unassigned"] = sum(item.worker is None for item in items)
    counts["me_overdue"] = sum(me is not None and item.worker == me and item.overdue for item in items)
    counts["unassigned_overdue"] = sum(item.worker is None and item.overdue for item in items)
    return counts


def list_queue(actor: Actor, filters: QueueFilters) -> Queue:
    """The queue as this worker asked to see it, with the counts of the whole queue; the look is audited."""
    with transaction.atomic():
        items = open_items()
        kept = sorted((i for i in items if filters.keeps(i, actor.user)), key=_sort_key(filters.sort))
        record_access(
            actor,
            None,
            action="view_triage_queue",
            purpose=f"{len(kept)} of {len(items)} shown",
            outcome=AuditOutcome.ALLOWED,
        )
        return Queue(items=kept, total=len(items), counts=count(items, actor.user))
