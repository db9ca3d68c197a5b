"""The police feed: missing and "concern for safety" incidents in the force's extract become episodes.

The police extract (`people/ingest/police.py`) brings each incident in as a `SourceEvent` (kind `missing_episode` or
`concern_for_safety`, its risk level, the time the child was found) and the child's part in it (role
`missing_person`), which linkage ties to a person. The worker's `take_police_episodes` job turns each recent one into
an episode (once: `Episode.source_event`), follows an upgrade from concern for safety to missing, and records the
find when a later extract carries it, which sends the MASH its VIST and asks for the return home interview, whatever
the category. Only incidents from the last `LOOKBACK` are taken: older ones are history the child's chronology
already shows, and would only raise interview requests years overdue.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.missing import actors, services
from frontdoor.missing.models import EndedHow, Episode, EpisodeStatus
from frontdoor.people.models import Agency, AgencyKind, SourceEvent, SourceParticipation, SourceRecord

log = logging.getLogger(__name__)

LOOKBACK = timedelta(days=7)
KINDS = ("missing_episode", "concern_for_safety")
RISKS = {"HIGH": "missing-high", "MEDIUM": "missing-medium", "LOW": "missing-low"}


def category_of(event: SourceEvent) -> str:
    if event.kind == "concern_for_safety":
        return "concern-for-safety"
    return RISKS.get(str(event.attributes.get("risk_level", "")).upper(), "missing-medium")


def _child(event: SourceEvent) -> SourceRecord | None:
    taking_part = SourceParticipation.objects.filter(
        system="police", event_source_id=event.source_id, role="missing_person"
    ).first()
    if taking_part is None:
        return None
    return SourceRecord.objects.filter(system="police", source_id=taking_part.record_source_id).first()


def take_police_episodes() -> int:
    """Episodes from the police extract's recent missing incidents; returns how many episodes it made or moved on."""
    police = Agency.objects.filter(kind=AgencyKind.POLICE, active=True).order_by("id").first()
    if police is None:
        return 0
    actor = Actor(user=None, role=None, agency=police, api_client=services.stand_in_client(police, "police extract"))
    since = timezone.now() - LOOKBACK
    done = 0
    recent = SourceEvent.objects.filter(system="police", kind__in=KINDS, occurred_at__gte=since).order_by("id")
    taken = dict(Episode.objects.filter(source_event__in=recent).values_list("source_event_id", "pk"))
    for event in recent:
        try:
            if event.pk in taken:
                done += _follow(Episode.objects.get(pk=taken[event.pk]), event, actor)
            else:
                done += _take(event, actor)
        except actors.MissingRefused as refused:
            log.warning("missing.feed_refused event=%s reason=%s", event.pk, type(refused).__name__)
    return done


def _take(event: SourceEvent, actor: Actor) -> int:
    record = _child(event)
    if record is None:
        return 0
    episode = services.report_episode(
        services.EpisodeData(
            first_name=record.first_name or "Not named",
            last_name=record.last_name,
            date_of_birth=record.date_of_birth,
            category=category_of(event),
            went_missing_at=event.occurred_at,
            reported_at=event.occurred_at,
            police_reference=event.source_id,
            circumstances=str(event.attributes.get("summary", "")),
            person_id=record.person_id,
            ended=services.ReturnData(at=event.ended_at, how=EndedHow.FOUND) if event.ended_at else None,
        ),
        actor=actor,
        source_event=event,
    )
    log.info("missing.feed_took event=%s episode=%s", event.pk, episode.pk)
    return 1


def _follow(episode: Episode, event: SourceEvent, actor: Actor) -> int:
    """A later extract of an open episode: an upgrade of its category, or the child found."""
    if episode.status != EpisodeStatus.OPEN:
        return 0
    moved = 0
    category = services.find_category(category_of(event))
    if category is not None and category != episode.category:
        # The extract does not say when the control room changed it: no later than the find, else when we learnt it.
        changed_at = min(event.ended_at or timezone.now(), timezone.now())
        episode = services.change_category(episode, category, changed_at, actor=actor)
        moved = 1
    if event.ended_at:
        services.record_return(episode, services.ReturnData(at=event.ended_at, how=EndedHow.FOUND), actor=actor)
        moved = 1
    return moved
