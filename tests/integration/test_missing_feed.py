"""The police feed: the force's extract brings missing and concern-for-safety incidents in as agency events; the
worker's job makes each recent one an episode once, follows an upgrade, and records the find from a later extract,
which sends the MASH a VIST and asks for the return home interview, whatever the category."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.core.registry import list_jobs
from frontdoor.missing.feed import take_police_episodes
from frontdoor.missing.models import Episode, EpisodeStatus, InterviewRequest, TransitionKind
from support.factories import PersonFactory, SourceEventFactory, SourceParticipationFactory, SourceRecordFactory
from support.missing import police_agency

pytestmark = pytest.mark.django_db


def incident(kind: str, *, hours_ago: float = 6, found_hours_ago: float | None = None, risk: str = "", person=None):
    child = person or PersonFactory()
    record = SourceRecordFactory(system="police", person=child, first_name=child.first_name,
                                 last_name=child.last_name, date_of_birth=child.date_of_birth)  # fmt: skip
    now = timezone.now()
    event = SourceEventFactory(
        kind=kind,
        occurred_at=now - timedelta(hours=hours_ago),
        ended_at=now - timedelta(hours=found_hours_ago) if found_hours_ago is not None else None,
        attributes={"risk_level": risk, "summary": "Child not home at the agreed time"},
    )
    SourceParticipationFactory(record=record, event=event, role="missing_person")
    return child, event


def test_the_job_is_registered() -> None:
    assert "take_police_missing_episodes" in {job.name for job in list_jobs()}


def test_a_concern_for_safety_found_in_the_extract_gets_a_vist_and_an_interview_request() -> None:
    police_agency()
    child, event = incident("concern_for_safety", hours_ago=5, found_hours_ago=2)
    assert take_police_episodes() == 1
    episode = Episode.objects.get(source_event=event)
    assert episode.person == child and episode.category.code == "concern-for-safety"
    assert episode.status == EpisodeStatus.RETURNED and episode.vist is not None
    assert InterviewRequest.objects.filter(episode=episode).exists()
    assert take_police_episodes() == 0  # taken once
    assert Episode.objects.count() == 1


def test_a_later_extract_upgrades_the_category_and_records_the_find() -> None:
    police_agency()
    _child, event = incident("concern_for_safety", hours_ago=8)
    take_police_episodes()
    episode = Episode.objects.get(source_event=event)
    assert episode.status == EpisodeStatus.OPEN and episode.vist is None
    event.kind, event.attributes = "missing_episode", {"risk_level": "HIGH"}
    event.ended_at = timezone.now() - timedelta(hours=1)
    event.save()
    assert take_police_episodes() == 1
    episode.refresh_from_db()
    assert episode.category.code == "missing-high" and episode.status == EpisodeStatus.RETURNED
    assert episode.vist.risk_grade == "red"
    kinds = list(episode.transitions.values_list("kind", flat=True))
    assert kinds == [TransitionKind.OPENED, TransitionKind.CATEGORY, TransitionKind.FOUND]


def test_old_incidents_are_history_not_new_episodes() -> None:
    police_agency()
    incident("missing_episode", hours_ago=24 * 30, found_hours_ago=24 * 29, risk="LOW")
    assert take_police_episodes() == 0 and not Episode.objects.exists()


def test_without_a_police_agency_nothing_is_taken() -> None:
    incident("missing_episode", risk="LOW")
    assert take_police_episodes() == 0
