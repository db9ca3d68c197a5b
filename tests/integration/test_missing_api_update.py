"""The police feed updates an episode it reported (`PATCH /api/v1/missing-episodes/{reference}`): concern for safety
upgraded to missing at its time, then the find, which makes the MASH a VIST and asks for a return home interview;
both together in one call; a find told twice, an unknown category, a return before the episode began, an empty body,
another force's episode and a client without the scope, each answered in the one error shape."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.core.models import Clock
from frontdoor.missing.models import INTERVIEW_SUBJECT, Episode, InterviewRequest, TransitionKind
from support.factories import AgencyFactory, PersonFactory
from support.missing import police_feed

pytestmark = pytest.mark.django_db


def report(client, token, child, reference: str = "ESP-UPD-0001") -> dict:
    body = {
        "police_reference": reference,
        "category": "concern-for-safety",
        "went_missing_at": (timezone.now() - timedelta(hours=5)).isoformat(),
        "child": {"first_name": child.first_name, "last_name": child.last_name,
                  "date_of_birth": child.date_of_birth.isoformat()},
    }  # fmt: skip
    response = client.post("/api/v1/missing-episodes", body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip
    assert response.status_code == 201, response.content
    return response.json()


def patch(client, token, reference: str, body: dict):
    return client.patch(f"/api/v1/missing-episodes/{reference}", body, content_type="application/json",
                        HTTP_AUTHORIZATION=f"Bearer {token}")  # fmt: skip


def test_concern_for_safety_upgraded_then_found_makes_a_vist_and_an_interview_request(client) -> None:
    _, token = police_feed()
    child = PersonFactory()
    receipt = report(client, token, child)
    upgraded_at = timezone.now() - timedelta(hours=3)
    response = patch(client, token, "ESP-UPD-0001", {"category": {"category": "missing-high",
                                                                   "at": upgraded_at.isoformat()}})  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["category"] == "missing-high" and response.json()["status"] == "open"
    episode = Episode.objects.get(reference=receipt["reference"])
    step = episode.transitions.get(kind=TransitionKind.CATEGORY)
    assert step.at == upgraded_at and step.category.code == "missing-high"
    found_at = timezone.now() - timedelta(hours=1)
    found = {"how": "found", "at": found_at.isoformat(), "where": "Esterbury bus station"}
    response = patch(client, token, receipt["reference"], {"returned": found})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "returned" and body["vist_reference"] and body["return_interview_due_at"]
    interview = InterviewRequest.objects.get(episode=episode)
    clock = Clock.objects.get(subject_type=INTERVIEW_SUBJECT, subject_id=str(interview.pk))
    assert clock.due_at - found_at == timedelta(hours=72)
    again = patch(client, token, receipt["reference"], {"returned": {"how": "found", "at": found_at.isoformat()}})
    assert again.status_code == 409 and again.json()["error"]["code"] == "episode_ended"
    assert InterviewRequest.objects.filter(episode=episode).count() == 1


def test_a_category_and_the_find_sent_together_are_taken_in_that_order(client) -> None:
    _, token = police_feed()
    receipt = report(client, token, PersonFactory())
    now = timezone.now()
    response = patch(client, token, receipt["reference"], {
        "category": {"category": "missing-medium", "at": (now - timedelta(hours=2)).isoformat()},
        "returned": {"how": "returned", "at": (now - timedelta(hours=1)).isoformat()},
    })  # fmt: skip
    assert response.status_code == 200, response.content
    episode = Episode.objects.get(reference=receipt["reference"])
    kinds = list(episode.transitions.order_by("id").values_list("kind", flat=True))
    assert kinds == ["opened", "category", "returned"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": {"category": "lost", "at": "2026-01-01T10:00:00Z"}}, "body.category.category"),
        ({"returned": {"how": "found", "at": "2020-01-01T10:00:00Z"}}, "body.returned.at"),
        ({}, "body"),
        ({"returned": {"how": "teleported", "at": "2026-01-01T10:00:00Z"}}, "body.returned.how"),
    ],
)
def test_bad_input_is_answered_naming_the_field(client, body: dict, field: str) -> None:
    _, token = police_feed()
    receipt = report(client, token, PersonFactory())
    response = patch(client, token, receipt["reference"], body)
    assert response.status_code == 422, response.content
    fields = [f["field"] for f in response.json()["error"]["fields"]]
    assert any(f.startswith(field) for f in fields), fields


def test_another_forces_episode_or_a_client_without_the_scope_is_refused(client) -> None:
    _, token = police_feed()
    receipt = report(client, token, PersonFactory())
    _, other = access_services.create_api_client("other-force", AgencyFactory(kind="police"),
                                                 ["missing-episodes:write"])  # fmt: skip
    found = {"returned": {"how": "found", "at": timezone.now().isoformat()}}
    assert patch(client, other, receipt["reference"], found).status_code == 404
    assert patch(client, other, "ESP-UPD-0001", found).status_code == 404
    _, reader = police_feed(scopes=("missing-episodes:read",))
    assert patch(client, reader, receipt["reference"], found).status_code == 403
    assert Episode.objects.get(reference=receipt["reference"]).status == "open"
