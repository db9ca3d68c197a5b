"""Recording the initial child protection conference that a section 47 enquiry leads to: when it was held, its
chair, the agencies that attended, the child's and the family's views, and each child's outcome. Its clock
(`mash.strategy.conference`, from the strategy discussion that started the enquiry) is met; a child protection plan
starts the first review conference's clock (`mash.conference_clocks`). One transaction, audited."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.clocks import meet_clock
from frontdoor.core.logging import log_after_commit
from frontdoor.mash.conference_clocks import start_review_clock
from frontdoor.mash.models_conference import (
    CategoryOfAbuse,
    ChildProtectionConference,
    ConferenceAttendance,
    ConferenceOutcome,
)
from frontdoor.mash.models_strategy import Attending, StrategyDiscussion
from frontdoor.mash.strategy_clocks import CONFERENCE, STRATEGY_SUBJECT, find_open_clock
from frontdoor.mash.strategy_convening import StrategyRefused

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChildOutcome:
    """One child's outcome: `child_id` is the child's row on the discussion (`StrategyPerson`)."""

    child_id: int
    plan: bool
    category: str = ""
    plan_start: date | None = None


@dataclass(frozen=True)
class Conference:
    held_at: datetime
    chair: str
    agencies: list[str]
    child_views: str
    family_views: str
    outcomes: list[ChildOutcome]


def _check(discussion: StrategyDiscussion, given: Conference, now: datetime) -> None:
    if not given.chair.strip():
        raise StrategyRefused("chair", "Enter who chaired the conference")
    if given.held_at > now:
        raise StrategyRefused("held_on", "The date it was held must be today or in the past")
    if discussion.held_at and timezone.localdate(given.held_at) < timezone.localdate(discussion.held_at):
        raise StrategyRefused("held_on", "The date it was held must be on or after the strategy discussion")
    if not given.agencies or any(a not in Attending.values for a in given.agencies):
        raise StrategyRefused("agencies", "Select the agencies that attended")
    if not given.child_views.strip():
        raise StrategyRefused("child_views", "Enter the child's views, or why they could not be given")
    if not given.family_views.strip():
        raise StrategyRefused("family_views", "Enter the family's views")
    children = set(discussion.people.filter(is_child=True).values_list("pk", flat=True))
    answered = {o.child_id: o for o in given.outcomes}
    for child_id in sorted(children):
        outcome = answered.get(child_id)
        if outcome is None:
            raise StrategyRefused(f"plan_{child_id}", "Select whether the child is to have a child protection plan")
        if not outcome.plan:
            continue
        if outcome.category not in CategoryOfAbuse.values:
            raise StrategyRefused(f"category_{child_id}", "Select the category of abuse")
        if outcome.plan_start is None:
            raise StrategyRefused(f"plan_start_{child_id}", "Enter the date the plan starts")
        if outcome.plan_start < timezone.localdate(given.held_at):
            raise StrategyRefused(f"plan_start_{child_id}", "The plan must start on or after the conference")
    if set(answered) - children:
        raise StrategyRefused("outcomes", "Give an outcome for the children this discussion was about")


def record_conference(discussion: StrategyDiscussion, *, actor: Actor, given: Conference) -> ChildProtectionConference:
    """Record the initial child protection conference after the discussion that started the section 47 enquiry.
    Its clock is met (late if missed); a plan for any child starts the first review's clock. Recorded once."""
    if actor.user is None:
        raise ValueError("conferences are recorded by workers")
    now = timezone.now()
    with transaction.atomic():
        discussion = StrategyDiscussion.objects.select_for_update().get(pk=discussion.pk)
        clock = find_open_clock(STRATEGY_SUBJECT, discussion.pk, CONFERENCE.code)
        if ChildProtectionConference.objects.filter(discussion=discussion).exists():
            raise StrategyRefused("held_on", f"The conference after {discussion.reference} has already been recorded")
        if clock is None:
            raise StrategyRefused("held_on", "A conference follows a strategy discussion that started section 47")
        _check(discussion, given, now)
        conference = ChildProtectionConference.objects.create(
            discussion=discussion,
            held_at=given.held_at,
            chair=given.chair.strip(),
            child_views=given.child_views.strip(),
            family_views=given.family_views.strip(),
            recorded_at=now,
            recorded_by=actor.user,
        )
        ConferenceAttendance.objects.bulk_create(
            ConferenceAttendance(conference=conference, attending_for=a) for a in dict.fromkeys(given.agencies)
        )
        ConferenceOutcome.objects.bulk_create(
            ConferenceOutcome(
                conference=conference,
                child_id=o.child_id,
                plan=o.plan,
                category=o.category if o.plan else "",
                plan_start=o.plan_start if o.plan else None,
            )
            for o in given.outcomes
        )
        meet_clock(clock, given.held_at)
        if any(o.plan for o in given.outcomes):
            start_review_clock(discussion.pk, given.held_at)
        record_access(
            actor, None, action="record_conference", purpose=discussion.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.conference_recorded discussion=%s conference=%s", discussion.pk, conference.pk)
        return conference
