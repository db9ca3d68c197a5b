"""Reads for the statutory returns made from missing episodes: the looked-after children (a care profile marked in
care), their local authority child id, sex, date of birth, ethnicity and UPN, and their episodes touching a
collection year, as the plain facts `returns_rows` turns into rows. Each child read is on the access audit, in the
transaction of the read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.missing.models import CareProfile, Episode, InterviewStatus, TransitionKind
from frontdoor.missing.returns_rows import CollectionYear, EpisodeFacts, LookedAfterChild
from frontdoor.people.models import IdentifierScheme, PersonIdentifier

RETURN_ACTION = "statutory_return"

OFFERED = {InterviewStatus.OFFERED, InterviewStatus.ACCEPTED, InterviewStatus.DECLINED, InterviewStatus.COMPLETED}
ACCEPTED = {InterviewStatus.ACCEPTED, InterviewStatus.COMPLETED}


@dataclass(frozen=True)
class ReturnFacts:
    children: list[LookedAfterChild]
    episodes: list[EpisodeFacts]
    unlinked_episodes: int  # episodes in the year not yet linked to anyone in frontdoor


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _identifier(person_id: int, scheme: str, year: CollectionYear, by: dict[tuple[int, str], list]) -> str:
    """The person's identifier of a scheme valid in the year; the latest if several were."""
    valid = [
        i
        for i in by.get((person_id, scheme), [])
        if (i.valid_from is None or i.valid_from <= year.end) and (i.valid_to is None or i.valid_to >= year.start)
    ]
    valid.sort(key=lambda i: (i.valid_from or date.min, i.pk))
    return valid[-1].value if valid else ""


def read_return_facts(actor: Actor, year: CollectionYear, purpose: str) -> ReturnFacts:
    """Every child in care (by their care profile) and their episodes going on at some time in the year."""
    start, end = _local_midnight(year.start), _local_midnight(year.end + timedelta(days=1))
    in_year = Q(went_missing_at__lt=end) & (Q(ended_at__isnull=True) | Q(ended_at__gte=start))
    with transaction.atomic():
        profiles = list(CareProfile.objects.filter(in_care=True).select_related("person").order_by("person_id"))
        person_ids = [p.person_id for p in profiles]
        identifiers: dict[tuple[int, str], list] = {}
        for ident in PersonIdentifier.objects.filter(
            person_id__in=person_ids, scheme__in=[IdentifierScheme.LA_CHILD_ID, IdentifierScheme.UPN]
        ):
            identifiers.setdefault((ident.person_id, ident.scheme), []).append(ident)
        episodes = list(
            Episode.objects.filter(in_year, person_id__in=person_ids)
            .select_related("category", "interview")
            .prefetch_related("transitions__category")
            .order_by("went_missing_at", "id")
        )
        unlinked = Episode.objects.filter(in_year, person__isnull=True).count()
        children = [
            LookedAfterChild(
                person_id=p.person_id,
                child_id=_identifier(p.person_id, IdentifierScheme.LA_CHILD_ID, year, identifiers),
                sex=p.person.sex,
                date_of_birth=p.person.date_of_birth,
                ethnicity=p.person.ethnicity,
                upn=_identifier(p.person_id, IdentifierScheme.UPN, year, identifiers),
                placement_since=p.placement_since,
            )
            for p in profiles
        ]
        with_episodes = {e.person_id for e in episodes}
        for profile in profiles:
            if profile.person_id in with_episodes:
                record_access(
                    actor, profile.person, action=RETURN_ACTION, purpose=purpose, outcome=AuditOutcome.ALLOWED
                )
    return ReturnFacts(children=children, episodes=[episode_facts(e) for e in episodes], unlinked_episodes=unlinked)


def episode_facts(episode: Episode) -> EpisodeFacts:
    """An episode as the returns and the exports read it: its categories as SSDA903 codes, and its interview."""
    local = timezone.localtime
    codes = [(local(episode.went_missing_at), episode.category.ssda903_code)]
    history = [t for t in episode.transitions.all() if t.kind in (TransitionKind.OPENED, TransitionKind.CATEGORY)]
    if history and history[0].category is not None:
        # The category it was reported in (the episode's own category is its latest).
        codes = [(local(episode.went_missing_at), history[0].category.ssda903_code)]
    for step in history[1:]:
        if step.category is not None:
            codes.append((local(step.at), step.category.ssda903_code))
    interview = getattr(episode, "interview", None)
    offered = accepted = None
    if interview is not None:
        offered = interview.status in OFFERED
        accepted = interview.status in ACCEPTED if offered else None
    return EpisodeFacts(
        reference=episode.reference,
        person_id=episode.person_id,  # type: ignore[arg-type]
        started_at=local(episode.went_missing_at),
        ended_at=local(episode.ended_at) if episode.ended_at else None,
        codes=codes,
        interview_offered=offered,
        interview_accepted=accepted,
    )
