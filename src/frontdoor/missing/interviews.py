"""Return home interviews: offered (which meets the 72-hour clock) and answered, accepted or declined with the
child's reason; completed with its findings as a structure shared with police, and the trigger plan due a review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction

from frontdoor.access.audit import Actor
from frontdoor.core.clocks import meet_clock
from frontdoor.core.models import Clock, ClockState
from frontdoor.missing.actors import MissingRefused, audit_episode, signed_in_user
from frontdoor.missing.clocks import INTERVIEW_OFFER
from frontdoor.missing.models import INTERVIEW_SUBJECT, InterviewFindings, InterviewRequest, InterviewStatus
from frontdoor.missing.plans import prompt_trigger_plan


def _open_clock(interview: InterviewRequest) -> Clock | None:
    return (
        Clock.objects.filter(
            subject_type=INTERVIEW_SUBJECT,
            subject_id=str(interview.pk),
            rule=INTERVIEW_OFFER.code,
            state__in=[ClockState.RUNNING, ClockState.BREACHED],
            closed_at__isnull=True,
        )
        .order_by("id")
        .first()
    )


def offer_interview(
    interview: InterviewRequest, *, actor: Actor, at: datetime, answer: str, declined_reason: str = ""
) -> InterviewRequest:
    """The interview was offered (which meets the 72-hour clock), and the child's answer if they gave one:
    accepted, or declined with their reason."""
    with transaction.atomic():
        interview = InterviewRequest.objects.select_for_update().select_related("episode").get(pk=interview.pk)
        if interview.status not in (InterviewStatus.REQUESTED, InterviewStatus.OFFERED):
            raise MissingRefused("This interview has already been answered")
        if answer == InterviewStatus.DECLINED and not declined_reason.strip():
            raise MissingRefused("Say why the child declined")
        if interview.offered_at is None:
            interview.offered_at = at
            interview.offered_by = actor.user
        interview.status = answer if answer in (InterviewStatus.ACCEPTED, InterviewStatus.DECLINED) else "offered"
        if interview.status != InterviewStatus.OFFERED:
            interview.answered_at = at
        interview.declined_reason = declined_reason if answer == InterviewStatus.DECLINED else ""
        interview.interviewer = actor.user if interview.status == InterviewStatus.ACCEPTED else interview.interviewer
        interview.save()
        clock = _open_clock(interview)
        if clock is not None:
            meet_clock(clock, interview.offered_at)
        audit_episode(actor, interview.episode, "offer_return_interview")
        return interview


@dataclass
class FindingsData:
    held_at: datetime
    push_factors: str
    pull_factors: str
    where: str
    with_whom: str
    indicators: list[str] = field(default_factory=list)
    indicators_detail: str = ""
    child_account: str = ""


def complete_interview(interview: InterviewRequest, data: FindingsData, *, actor: Actor) -> InterviewFindings:
    """The interview is done: its findings as a structure shared with police, and the trigger plan due a review."""
    with transaction.atomic():
        interview = InterviewRequest.objects.select_for_update().select_related("episode").get(pk=interview.pk)
        if interview.status != InterviewStatus.ACCEPTED:
            raise MissingRefused("Only an accepted interview can be completed")
        findings = InterviewFindings.objects.create(
            request=interview,
            held_at=data.held_at,
            push_factors=data.push_factors,
            pull_factors=data.pull_factors,
            where=data.where,
            with_whom=data.with_whom,
            indicators=list(data.indicators),
            indicators_detail=data.indicators_detail,
            child_account=data.child_account,
            recorded_by=signed_in_user(actor),
        )
        interview.status = InterviewStatus.COMPLETED
        interview.completed_at = data.held_at
        interview.interviewer = actor.user
        interview.save(update_fields=["status", "completed_at", "interviewer"])
        prompt_trigger_plan(interview.episode, "a return home interview was completed")
        audit_episode(actor, interview.episode, "complete_return_interview")
        return findings
