"""The MACE workspace's use cases, each one transaction with its audit row: intelligence recorded; a disruption
action agreed (its clock started) and completed with its outcome (its clock met); the monthly meeting's agenda built
from the children listed, its attendance, and its decision on each child (which may close the child's listing)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.core.clocks import meet_clock, start_clock
from frontdoor.core.models import Clock, ClockState
from frontdoor.exploitation.models import MaceListing
from frontdoor.mace import agenda
from frontdoor.mace.clocks import DISRUPTION_RULE
from frontdoor.mace.entities import key_for
from frontdoor.mace.models import ACTION_SUBJECT, DisruptionAction, Entity, Intelligence, Meeting, MeetingItem
from frontdoor.people.models import Person

log = logging.getLogger(__name__)


class MaceRefused(Exception):
    """What was asked cannot be done, in words for the page."""


def _user(actor: Actor) -> User:
    if actor.user is None:
        raise MaceRefused("The MACE workspace is worked by signed-in users")
    return actor.user


def find_or_add_entity(kind: str, label: str) -> Entity:
    """The entity of this kind with this name (made comparable), added if the workspace did not know it."""
    label = " ".join(label.split()).strip(".").strip()[:200]
    key = key_for(kind, label)
    if not key:
        raise MaceRefused("Give the name, address, registration or number")
    entity, _ = Entity.objects.get_or_create(
        kind=kind, key=key, defaults={"label": label, "created_at": timezone.now()}
    )
    return entity


@dataclass
class IntelligenceData:
    received_on: date
    summary: str
    source_evaluation: str
    assessment: str
    handling: str
    children: list[Person]
    entities: list[tuple[str, str]]  # (kind, name)
    handling_conditions: str = ""


def record_intelligence(data: IntelligenceData, *, actor: Actor) -> Intelligence:
    """Record a piece of intelligence linking children with persons of concern, places, vehicles or phones."""
    user = _user(actor)
    if not data.children or not data.entities:
        raise MaceRefused("Intelligence links at least one child with at least one person, place, vehicle or phone")
    with transaction.atomic():
        intel = Intelligence.objects.create(
            received_on=data.received_on,
            summary=data.summary.strip(),
            source_evaluation=data.source_evaluation,
            assessment=data.assessment,
            handling=data.handling,
            handling_conditions=data.handling_conditions.strip(),
            recorded_at=timezone.now(),
            recorded_by=user,
            recorded_as=actor.role or "",
        )
        intel.children.set(data.children)
        intel.entities.set([find_or_add_entity(kind, name) for kind, name in data.entities])
        for child in data.children:
            record_access(
                actor,
                child,
                action="record_mace_intelligence",
                purpose=f"MACE intelligence {intel.pk}",
                outcome=AuditOutcome.ALLOWED,
            )
    log.info("mace.intelligence_recorded intelligence=%s", intel.pk)
    return intel


@dataclass
class ActionData:
    what: str
    owner: User
    entity: Entity | None = None
    person: Person | None = None
    item: MeetingItem | None = None
    agreed_at: datetime | None = None


def agree_action(data: ActionData, *, actor: Actor) -> DisruptionAction:
    """A disruption action agreed, with its owner; its clock starts (escalating to the coordinator when missed)."""
    user = _user(actor)
    if not data.what.strip():
        raise MaceRefused("Say what will be done")
    at = data.agreed_at or timezone.now()
    with transaction.atomic():
        action = DisruptionAction.objects.create(
            what=data.what.strip(),
            owner=data.owner,
            entity=data.entity,
            person=data.person,
            item=data.item,
            agreed_at=at,
            agreed_by=user,
        )
        clock = start_clock(subject_type=ACTION_SUBJECT, subject_id=action.pk, rule=DISRUPTION_RULE, started_at=at)
        action.due_at = clock.due_at
        action.save(update_fields=["due_at"])
        record_access(
            actor,
            data.person,
            action="agree_mace_action",
            purpose=f"MACE disruption action {action.pk}",
            outcome=AuditOutcome.ALLOWED,
        )
    return action


def complete_action(action: DisruptionAction, outcome: str, *, actor: Actor, at: datetime | None = None) -> None:
    """The action is done, with what came of it; its clock is met (late, if it was missed)."""
    _user(actor)
    if not outcome.strip():
        raise MaceRefused("Say what came of the action")
    at = at or timezone.now()
    with transaction.atomic():
        action = DisruptionAction.objects.select_for_update().get(pk=action.pk)
        if action.completed_at is not None:
            raise MaceRefused("This action is already complete")
        action.completed_at, action.outcome = at, outcome.strip()
        action.save(update_fields=["completed_at", "outcome"])
        for clock in Clock.objects.filter(
            subject_type=ACTION_SUBJECT,
            subject_id=str(action.pk),
            state__in=[ClockState.RUNNING, ClockState.BREACHED],
            closed_at__isnull=True,
        ):
            meet_clock(clock, at)
        record_access(
            actor,
            action.person,
            action="complete_mace_action",
            purpose=f"MACE disruption action {action.pk}",
            outcome=AuditOutcome.ALLOWED,
        )


def build_meeting(held_on: date, *, actor: Actor) -> Meeting:
    """The meeting's agenda, built once: every child listed for MACE, newly listed, raised and overdue first."""
    user = _user(actor)
    with transaction.atomic():
        existing = Meeting.objects.filter(held_on=held_on).first()
        if existing is not None:
            return existing
        previous = Meeting.objects.filter(held_on__lt=held_on).order_by("-held_on").first()
        meeting = Meeting.objects.create(held_on=held_on, built_at=timezone.now(), built_by=user)
        for position, entry in enumerate(agenda.entries(held_on, previous.held_on if previous else None), start=1):
            MeetingItem.objects.create(
                meeting=meeting,
                person_id=entry.listing.person_id,
                listing=entry.listing,
                level=entry.listing.level,
                reasons=entry.reasons,
                position=position,
            )
        record_access(
            actor, None, action="build_mace_meeting", purpose=f"MACE meeting {held_on}", outcome=AuditOutcome.ALLOWED
        )
    return meeting


def record_attendance(meeting: Meeting, *, chair: str, attendees: str, notes: str, actor: Actor) -> None:
    """Who chaired and attended the meeting, and its general notes, for the minutes."""
    _user(actor)
    with transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(
            chair=chair.strip(), attendees=attendees.strip(), notes=notes.strip()
        )
        record_access(
            actor,
            None,
            action="record_mace_attendance",
            purpose=f"MACE meeting {meeting.held_on}",
            outcome=AuditOutcome.ALLOWED,
        )


@dataclass
class DecisionData:
    decision: str
    close_listing: bool = False
    actions: list[ActionData] = field(default_factory=list)


def decide_item(item: MeetingItem, data: DecisionData, *, actor: Actor) -> MeetingItem:
    """The meeting's decision about a child, any actions agreed for them, and their listing closed if decided."""
    user = _user(actor)
    if not data.decision.strip():
        raise MaceRefused("Say what the meeting decided")
    with transaction.atomic():
        item = MeetingItem.objects.select_for_update().select_related("meeting", "person").get(pk=item.pk)
        item.decision, item.close_listing = data.decision.strip(), data.close_listing
        item.decided_at, item.decided_by = timezone.now(), user
        item.save(update_fields=["decision", "close_listing", "decided_at", "decided_by"])
        if data.close_listing:
            MaceListing.objects.filter(pk=item.listing_id, closed_on__isnull=True).update(
                closed_on=item.meeting.held_on
            )
        for action in data.actions:
            action.item, action.person = item, item.person
            agree_action(action, actor=actor)
        record_access(
            actor,
            item.person,
            action="decide_mace_item",
            purpose=f"MACE meeting {item.meeting.held_on}",
            outcome=AuditOutcome.ALLOWED,
        )
    return item
