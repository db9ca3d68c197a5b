"""Recording a strategy discussion once held (attendance by agency, what each shared, the decisions with their
rationale, the actions with owners and due dates), circulating the record to the attendees, and an action done.

Each runs in one transaction with its audit row, its clocks (`mash.strategy_clocks`) and its outbox rows (no personal
data). The referrer is told the outcome through `intake.services.tell_referrer`, as the MASH's decisions are, and
the force that sent a VIST the discussion was convened from through `intake.services.tell_force`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.core.clocks import meet_clock, start_clock
from frontdoor.core.logging import log_after_commit
from frontdoor.intake.models import ReferralStatus, VistStatus
from frontdoor.intake.services import tell_force, tell_referrer
from frontdoor.mash.models import Outcome
from frontdoor.mash.models_strategy import (
    SECTION_47,
    DecisionKind,
    StrategyAction,
    StrategyDecision,
    StrategyDiscussion,
    StrategyStatus,
)
from frontdoor.mash.strategy_clocks import (
    ACTION_SUBJECT,
    HOLD,
    RECORD,
    STRATEGY_SUBJECT,
    find_open_clock,
    start_action_clock,
    start_conference_clock,
)
from frontdoor.mash.strategy_convening import Attendance, StrategyRefused, check_attendance, tell

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Action:
    what: str
    owner: User
    due_on: date


def _check_decisions(decisions: set) -> None:
    if not decisions:
        raise StrategyRefused("decisions", "Select what the discussion decided")
    if DecisionKind.NO_FURTHER_ACTION in decisions and len(decisions) > 1:
        raise StrategyRefused("decisions", "No further action cannot be decided with anything else")
    if decisions >= SECTION_47:
        raise StrategyRefused("decisions", "Select one section 47 enquiry: by children's social care alone, or jointly")


def record_discussion(
    discussion: StrategyDiscussion,
    *,
    actor: Actor,
    attendance: list[Attendance],
    decisions: list[str],
    rationale: str,
    actions: list[Action],
    held_at: datetime | None = None,
) -> StrategyDiscussion:
    """Record a discussion once held: who attended (an absent agency of the minimum with its reason), what each
    shared, what it decided and why, and its actions, each with its clock. The record is to be circulated within a
    working day (its clock starts); a section 47 enquiry starts the initial child protection conference clock from
    this discussion; the referrer is told the outcome. Recorded once: a second record is refused."""
    if actor.user is None:
        raise ValueError("strategy discussions are recorded by workers")
    held_at = held_at or timezone.now()
    chosen = {DecisionKind(d) for d in decisions}
    if not rationale.strip():
        raise StrategyRefused("rationale", "Say why the discussion decided this")
    with transaction.atomic():
        discussion = StrategyDiscussion.objects.select_for_update().get(pk=discussion.pk)
        if discussion.status != StrategyStatus.CONVENED:
            raise StrategyRefused("decisions", f"Strategy discussion {discussion.reference} has already been recorded")
        if timezone.localtime(held_at).date() < timezone.localtime(discussion.convened_at).date():
            raise StrategyRefused("held_on", "The date it was held must be on or after the day it was convened")
        invitees = {i.pk: i for i in discussion.invitees.all()}
        check_attendance(discussion, invitees, attendance)
        _check_decisions(chosen)
        for a in attendance:
            invitee = invitees[a.invitee_id]
            invitee.attended = a.attended
            invitee.absence_reason = "" if a.attended else a.absence_reason.strip()
            invitee.information_shared = a.information_shared.strip() if a.attended else ""
            invitee.save(update_fields=["attended", "absence_reason", "information_shared"])
        StrategyDecision.objects.bulk_create(
            StrategyDecision(discussion=discussion, kind=kind) for kind in sorted(chosen)
        )
        discussion.status = StrategyStatus.RECORDED
        discussion.held_at = held_at
        discussion.recorded_by = actor.user
        discussion.rationale = rationale.strip()
        discussion.save(update_fields=["status", "held_at", "recorded_by", "rationale"])
        hold = find_open_clock(STRATEGY_SUBJECT, discussion.pk, HOLD.code)
        if hold is not None:
            meet_clock(hold, held_at)
        start_clock(subject_type=STRATEGY_SUBJECT, subject_id=discussion.pk, rule=RECORD.code, started_at=held_at)
        if chosen & SECTION_47:
            start_conference_clock(discussion.pk, held_at, discussion.expected_date_of_delivery)
        for given in actions:
            action = StrategyAction.objects.create(
                discussion=discussion, what=given.what.strip(), owner=given.owner, due_on=given.due_on
            )
            start_action_clock(action.pk, held_at, given.due_on)
        tell(discussion, [a.owner for a in actions], "action", "You have an action from a strategy discussion")
        _tell_the_referrer(discussion, chosen, timezone.now())  # told now, after the decision it follows
        record_access(
            actor, None, action="record_strategy_discussion", purpose=discussion.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.strategy_recorded discussion=%s decisions=%s", discussion.pk, len(chosen))
        return discussion


def _tell_the_referrer(discussion: StrategyDiscussion, decisions: set[DecisionKind], at: datetime) -> None:
    """The referrer, or the force that sent the VIST, sees what the discussion decided (never its rationale: that
    holds what agencies shared)."""
    labels = [DecisionKind(d).label for d in sorted(decisions)]
    said = "; ".join(label[:1].lower() + label[1:] for label in labels)
    if discussion.vist_id is not None:
        tell_force(
            discussion.vist,  # type: ignore[arg-type]
            status=VistStatus.DISCUSSED,
            at=at,
            outcome=Outcome.STRATEGY_DISCUSSION,
            outcome_label=f"Strategy discussion held: {said}",
            summary=f"A strategy discussion was held about the children in your VIST. It decided: {said}.",
        )
    if discussion.referral_id is None:
        return
    tell_referrer(
        discussion.referral,  # type: ignore[arg-type]
        status=ReferralStatus.DECIDED,
        at=at,
        outcome=Outcome.STRATEGY_DISCUSSION,
        outcome_label=f"Strategy discussion held: {said}",
        summary=f"A strategy discussion was held about the children you referred. It decided: {said}.",
    )


def circulate_record(discussion: StrategyDiscussion, *, actor: Actor) -> StrategyDiscussion:
    """Send the record to everyone who attended (and to the convening worker): each is told there is a record to
    read. The circulation clock is met (late if it was missed). Circulating twice changes nothing."""
    with transaction.atomic():
        discussion = StrategyDiscussion.objects.select_for_update().get(pk=discussion.pk)
        if discussion.status == StrategyStatus.CIRCULATED:
            return discussion
        if discussion.status != StrategyStatus.RECORDED:
            raise StrategyRefused("circulate", "Record the discussion before circulating it")
        now = timezone.now()
        discussion.status = StrategyStatus.CIRCULATED
        discussion.circulated_at = now
        discussion.save(update_fields=["status", "circulated_at"])
        clock = find_open_clock(STRATEGY_SUBJECT, discussion.pk, RECORD.code)
        if clock is not None:
            meet_clock(clock, now)
        attendees = [
            i.user for i in discussion.invitees.filter(attended=True, user__isnull=False).select_related("user")
        ]
        tell(discussion, [*attendees, discussion.convened_by], "circulated", "A strategy discussion record to read")  # type: ignore[list-item]
        record_access(
            actor, None, action="circulate_strategy_record", purpose=discussion.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.strategy_circulated discussion=%s", discussion.pk)
        return discussion


def complete_action(action: StrategyAction, *, actor: Actor) -> StrategyAction:
    """An action is done: its clock is met (late if missed). Done twice changes nothing."""
    with transaction.atomic():
        action = StrategyAction.objects.select_for_update().get(pk=action.pk)
        if action.done_at is not None:
            return action
        action.done_at = timezone.now()
        action.save(update_fields=["done_at"])
        clock = find_open_clock(ACTION_SUBJECT, action.pk, "mash.strategy.action")
        if clock is not None:
            meet_clock(clock, action.done_at)
        record_access(
            actor, None, action="complete_strategy_action", purpose=f"action {action.pk}", outcome=AuditOutcome.ALLOWED
        )
        return action


def add_action(discussion: StrategyDiscussion, *, actor: Actor, action: Action) -> StrategyAction:
    """After the record is saved: another action, with its owner, its due date and its clock from now; the owner is
    told."""
    if not action.what.strip():
        raise StrategyRefused("what", "Say what the action is")
    now = timezone.now()
    if action.due_on < timezone.localdate(now):
        raise StrategyRefused("due_on", "The due date must be today or in the future")
    with transaction.atomic():
        discussion = StrategyDiscussion.objects.select_for_update().get(pk=discussion.pk)
        if discussion.status not in (StrategyStatus.RECORDED, StrategyStatus.CIRCULATED):
            raise StrategyRefused("what", "Record the discussion first: its actions are part of the record")
        added = StrategyAction.objects.create(
            discussion=discussion, what=action.what.strip(), owner=action.owner, due_on=action.due_on
        )
        start_action_clock(added.pk, now, action.due_on)
        tell(discussion, [action.owner], "action", "You have an action from a strategy discussion", f":{added.pk}")
        record_access(
            actor, None, action="add_strategy_action", purpose=discussion.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.strategy_action_added discussion=%s action=%s", discussion.pk, added.pk)
        return added
