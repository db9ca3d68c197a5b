"""The partner API for Operation Encompass: a school's system lists its establishment's notifications (its own
only) and acknowledges one under an Idempotency-Key, with the same replay, conflict and error rules as every partner
route; strict schemas refuse unknown fields."""

from __future__ import annotations

import pytest
from django.test import Client

from frontdoor.access import services as access_services
from frontdoor.access.models import AccessAudit
from frontdoor.core.models import Clock, ClockState
from frontdoor.encompass.models import NOTICE_SUBJECT, NoticeStatus
from support.encompass import Named, adult, calendar, incident, notices_of, pupil, school

pytestmark = pytest.mark.django_db
SCOPES = ["encompass:read", "encompass:write"]


@pytest.fixture
def millbrook():
    return school("Millbrook Primary School", stored=calendar())


@pytest.fixture
def notices(millbrook):
    academy = school("Esterbury Academy")
    ours, theirs = pupil(millbrook, first_name="Maisie"), pupil(academy, first_name="Tyler")
    incident([Named(adult()), Named(ours, is_child=True, present=True), Named(theirs, is_child=True)])
    return notices_of(ours)[0], notices_of(theirs)[0]


def _client(agency, scopes=SCOPES) -> Client:
    token = access_services.create_api_client(f"mis-{agency.pk}-{len(scopes)}", agency, scopes)[1]
    return Client(headers={"Authorization": f"Bearer {token}"})


def _ack(api: Client, reference: str, body: dict, key: str = "ack-key-0001"):
    return api.post(
        f"/api/v1/encompass/notifications/{reference}/acknowledge",
        body,
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )


def test_a_school_lists_only_its_own_notifications(millbrook, notices) -> None:
    ours, _theirs = notices
    response = _client(millbrook.agency).get("/api/v1/encompass/notifications")
    assert response.status_code == 200
    [listed] = response.json()
    assert listed["reference"] == ours.reference and listed["child"]["name"] == ours.child_name
    assert listed["child_present"] is True and listed["police_reference"] == ours.incident.police_reference
    assert AccessAudit.objects.filter(api_client__isnull=False, person=ours.child).exists()
    ours.refresh_from_db()
    assert ours.opened_at is not None


def test_acknowledging_is_idempotent_and_conflicts_are_refused(millbrook, notices) -> None:
    ours, theirs = notices
    api = _client(millbrook.agency)
    body = {"support": "silent", "support_notes": "Form tutor aware."}
    first = _ack(api, ours.reference, body)
    assert first.status_code == 201 and first.json()["status"] == "acknowledged"
    assert _ack(api, ours.reference, body).json() == first.json()  # a retry gets the first answer
    reused = _ack(api, ours.reference, {"support": "overt"})
    assert reused.status_code == 422 and reused.json()["error"]["code"] == "idempotency_key_reused"
    again = _ack(api, ours.reference, {"support": "overt"}, key="another-key-02")
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_acknowledged"
    ours.refresh_from_db()
    assert ours.status == NoticeStatus.ACKNOWLEDGED and ours.support == "silent"
    assert Clock.objects.get(subject_type=NOTICE_SUBJECT, subject_id=str(ours.pk)).state == ClockState.MET
    assert _ack(api, theirs.reference, body, key="third-key-003").status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"support": "loud"}, "body.support"),
        ({"support": "overt", "child_name": "x"}, "body.child_name"),
        ({}, "body.support"),
    ],
)
def test_bad_input_is_a_field_error(millbrook, notices, body: dict, field: str) -> None:
    response = _ack(_client(millbrook.agency), notices[0].reference, body)
    assert response.status_code == 422
    assert field in [f["field"] for f in response.json()["error"]["fields"]]


def test_scopes_and_the_idempotency_key_are_required(millbrook, notices) -> None:
    reader = _client(millbrook.agency, ["encompass:read"])
    assert _ack(reader, notices[0].reference, {"support": "overt"}).status_code == 403
    no_key = _client(millbrook.agency).post(
        f"/api/v1/encompass/notifications/{notices[0].reference}/acknowledge",
        {"support": "overt"},
        content_type="application/json",
    )
    assert no_key.status_code == 422
    assert _client(millbrook.agency, ["whoami"]).get("/api/v1/encompass/notifications").status_code == 403
