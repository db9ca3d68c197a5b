"""Reads for missing children's pages: the lists (open episodes, returns awaiting an interview, overdue offers,
trigger plans to review), one episode in full (through the access gate: each look at a child is audited), a child's
current trigger plan and its versions, and the counts on the home pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.access.selectors import PersonAccess, access_person
from frontdoor.core.display import Deadline, deadline
from frontdoor.core.models import Clock, ClockState
from frontdoor.core.selectors import map_clocks
from frontdoor.missing.clocks import INTERVIEW_OFFER
from frontdoor.missing.models import (
    INTERVIEW_SUBJECT,
    CareProfile,
    Category,
    Episode,
    EpisodeStatus,
    InterviewRequest,
    InterviewStatus,
    Prompt,
    PromptKind,
    TriggerPlan,
)

AWAITING_OFFER = (InterviewStatus.REQUESTED,)
TO_COMPLETE = (InterviewStatus.OFFERED, InterviewStatus.ACCEPTED)


def record_list_look(actor: Actor, purpose: str) -> None:
    """A list naming children is a read of their data: one audit row for the look, as family help's lists do."""
    with transaction.atomic():
        record_access(actor, None, action="view_missing_list", purpose=purpose, outcome=AuditOutcome.ALLOWED)


def list_categories() -> list[Category]:
    return list(Category.objects.filter(active=True).order_by("order", "label"))


def find_episode(reference: str) -> Episode | None:
    return Episode.objects.select_related("category", "person", "vist").filter(reference=reference).first()


def find_interview(reference: str) -> InterviewRequest | None:
    return (
        InterviewRequest.objects.select_related("episode", "episode__category", "offered_by", "interviewer")
        .filter(episode__reference=reference)
        .first()
    )


def current_plan(person_id: int | None) -> TriggerPlan | None:
    if person_id is None:
        return None
    return TriggerPlan.objects.filter(person_id=person_id).select_related("made_by").order_by("-version").first()


def list_plan_versions(person_id: int) -> list[TriggerPlan]:
    return list(TriggerPlan.objects.filter(person_id=person_id).select_related("made_by").order_by("-version"))


def find_care_profile(person_id: int | None) -> CareProfile | None:
    if person_id is None:
        return None
    return CareProfile.objects.filter(person_id=person_id).select_related("updated_by").first()


@dataclass
class EpisodeRow:
    episode: Episode
    interview: InterviewRequest | None
    deadline: Deadline | None
    overdue: bool
    plan: TriggerPlan | None = None


def _rows(episodes: QuerySet[Episode]) -> list[EpisodeRow]:
    episodes = episodes.select_related("category")
    listed = list(episodes)
    interviews = {i.episode_id: i for i in InterviewRequest.objects.filter(episode__in=listed)}
    clocks = map_clocks(INTERVIEW_SUBJECT, [i.pk for i in interviews.values()], [INTERVIEW_OFFER.code])
    plans = {p.person_id: p for p in TriggerPlan.objects.filter(person_id__in=[e.person_id for e in listed])}
    rows = []
    for episode in listed:
        interview = interviews.get(episode.pk)
        clock = clocks.get(interview.pk) if interview else None
        shown = deadline(clock) if clock is not None and clock.closed_at is None else None
        overdue = shown is not None and shown.overdue
        plan = plans.get(episode.person_id) if episode.person_id else None
        rows.append(EpisodeRow(episode, interview, shown, overdue, plan))
    return rows


def list_open_episodes() -> list[EpisodeRow]:
    """Children missing now, the longest missing first."""
    return _rows(Episode.objects.filter(status=EpisodeStatus.OPEN).order_by("went_missing_at", "id"))


def list_awaiting_interview() -> list[EpisodeRow]:
    """Children back whose return home interview has not been offered yet, the soonest due first."""
    waiting = Episode.objects.filter(interview__status__in=AWAITING_OFFER).order_by("ended_at", "id")
    return _rows(waiting)


def list_overdue() -> list[EpisodeRow]:
    """Returns whose interview was not offered within 72 hours (the clock breached and still open)."""
    return [row for row in list_awaiting_interview() if row.overdue]


def list_interviews_to_complete() -> list[EpisodeRow]:
    return _rows(Episode.objects.filter(interview__status__in=TO_COMPLETE).order_by("interview__offered_at", "id"))


def list_plans_to_review() -> list[Prompt]:
    return list(
        Prompt.objects.filter(kind=PromptKind.TRIGGER_PLAN, done_at__isnull=True)
        .select_related("episode", "person")
        .order_by("raised_at", "id")
    )


def list_strategy_prompts() -> list[Prompt]:
    return list(
        Prompt.objects.filter(kind=PromptKind.STRATEGY, done_at__isnull=True)
        .select_related("episode", "person")
        .order_by("raised_at", "id")
    )


@dataclass
class EpisodeRecord:
    episode: Episode
    access: PersonAccess | None
    interview: InterviewRequest | None
    deadline: Deadline | None
    plan: TriggerPlan | None
    care: CareProfile | None
    transitions: list
    repeats: int


def get_episode_for(actor: Actor, episode: Episode, purpose: str) -> EpisodeRecord:
    """One episode in full, its child read through the access gate (audited; raises as `access_person` does). An
    episode not yet matched to a child's record is audited as a look at the episode."""
    from frontdoor.missing.services import count_recent_episodes

    access = None
    if episode.person_id is not None:
        access = access_person(actor, episode.person_id, purpose=f"{purpose} {episode.reference}")
    else:
        with transaction.atomic():
            record_access(
                actor, None, action="view_missing_episode", purpose=episode.reference, outcome=AuditOutcome.ALLOWED
            )
    interview = InterviewRequest.objects.filter(episode=episode).select_related("offered_by", "interviewer").first()
    clock = None
    if interview is not None:
        clock = map_clocks(INTERVIEW_SUBJECT, [interview.pk], [INTERVIEW_OFFER.code]).get(interview.pk)
    return EpisodeRecord(
        episode=episode,
        access=access,
        interview=interview,
        deadline=deadline(clock) if clock is not None else None,
        plan=current_plan(episode.person_id),
        care=find_care_profile(episode.person_id),
        transitions=list(episode.transitions.select_related("category", "by").order_by("at", "id")),
        repeats=count_recent_episodes(episode.person_id, episode.went_missing_at) if episode.person_id else 0,
    )


@dataclass(frozen=True)
class Counts:
    open: int
    awaiting: int
    overdue: int
    to_complete: int
    plans_to_review: int


def count_work() -> Counts:
    awaiting = InterviewRequest.objects.filter(status__in=AWAITING_OFFER)
    overdue = Clock.objects.filter(
        subject_type=INTERVIEW_SUBJECT,
        rule=INTERVIEW_OFFER.code,
        state__in=[ClockState.RUNNING, ClockState.BREACHED],
        due_at__lte=timezone.now(),
        closed_at__isnull=True,
        subject_id__in=[str(pk) for pk in awaiting.values_list("pk", flat=True)],
    )
    return Counts(
        open=Episode.objects.filter(status=EpisodeStatus.OPEN).count(),
        awaiting=awaiting.count(),
        overdue=overdue.count(),
        to_complete=InterviewRequest.objects.filter(status__in=TO_COMPLETE).count(),
        plans_to_review=Prompt.objects.filter(kind=PromptKind.TRIGGER_PLAN, done_at__isnull=True).count(),
    )


def interview_subjects(statuses: Any = None) -> list[tuple[str, str]]:
    """Every return home interview still to be offered, as clock subjects (the service's deadlines)."""
    open_ones = InterviewRequest.objects.filter(status__in=statuses or AWAITING_OFFER)
    return [(INTERVIEW_SUBJECT, str(pk)) for pk in open_ones.values_list("pk", flat=True)]
