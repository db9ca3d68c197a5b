"""The intake API: referrals with Idempotency-Key, status for the referrer, VISTs and incidents."""

from __future__ import annotations

import copy
import threading
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.models import AccessAudit
from frontdoor.core.models import Clock, OutboxMessage
from frontdoor.intake import api as api_views
from frontdoor.intake import schemas, services
from frontdoor.intake.models import DomesticAbuseIncident, IdempotencyKey, Referral, ReferralChild, Vist
from frontdoor.intake.services import referrals as referrals_service
from frontdoor.mash import services as mash_services
from support.factories import AgencyFactory

pytestmark = pytest.mark.django_db

TODAY = date.today()
HEADER = "header.Idempotency-Key"


def referral_body(**changes) -> dict:
    body = {
        "referrer": {"name": "Rosa Fielding", "role": "Health visitor", "email": "rosa@example.org"},
        "children": [
            {
                "first_name": "Maisie",
                "last_name": "Ashdown",
                "date_of_birth": "2014-06-11",
                "sex": "F",
                "nhs_number": "943 476 5919",
                "postcode": "es3 7qp",
                "wishes_and_feelings": "Maisie said she wants her mum to stop shouting.",
            },
            {
                "first_name": "Ruby",
                "last_name": "Ashdown",
                "date_of_birth": "2019-09-03",
                "wishes_not_obtained_reason": "Ruby is too young to say; she was seen to be withdrawn.",
            },
        ],
        "adults": [{"name": "Claire Ashdown", "relationship": "Mother", "parental_responsibility": True}],
        "concern": {"description": "Domestic abuse reported by the children.", "presenting_issues": ["domestic_abuse"]},
        "level_of_need": 4,
        "consent": {"status": "dispensed", "rationale": "Telling the parents would increase the risk."},
    }
    body.update(changes)
    return body


@pytest.fixture
def health_client():
    agency = AgencyFactory(name="Esterbury Community Health", kind="community_health")
    client, token = access_services.create_api_client(
        "health", agency, ["referrals:write", "referrals:read", "vists:write", "incidents:write"]
    )
    return client, token


def post(client, token, path, body, key: str | None = "key-00000001", **extra):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(path, body, content_type="application/json", **headers, **extra)


def test_a_referral_is_stored_acknowledged_audited_and_timed(client, health_client) -> None:
    _, token = health_client
    response = post(client, token, "/api/v1/referrals", referral_body())
    assert response.status_code == 201, response.content
    body = response.json()
    referral = Referral.objects.get(reference=body["reference"])
    assert body["status"] == "received" and body["decision_due_at"]
    assert referral.channel == "api" and referral.referrer_agency.name == "Esterbury Community Health"
    children = list(ReferralChild.objects.filter(referral=referral).order_by("id"))
    assert [c.first_name for c in children] == ["Maisie", "Ruby"]
    assert children[0].nhs_number == "9434765919" and children[0].postcode == "ES3 7QP"
    assert children[1].wishes_not_obtained_reason.startswith("Ruby is too young")
    assert AccessAudit.objects.filter(action="submit_referral", purpose=referral.reference).count() == 1
    email = OutboxMessage.objects.get(kind="referral.acknowledged", channel="email")
    assert referral.reference in email.subject and "Maisie" not in email.body and "Ashdown" not in email.body
    clock = Clock.objects.get(subject_type="intake.referral", subject_id=str(referral.pk))
    assert clock.rule == "referral.decision" and clock.state == "running"


def test_a_replay_returns_the_identical_201_and_stores_nothing_twice(client, health_client) -> None:
    _, token = health_client
    first = post(client, token, "/api/v1/referrals", referral_body())
    second = post(client, token, "/api/v1/referrals", referral_body())
    assert second.status_code == 201
    assert second.content == first.content
    assert Referral.objects.count() == 1 and IdempotencyKey.objects.count() == 1


def test_the_same_key_with_a_different_body_is_refused(client, health_client) -> None:
    _, token = health_client
    post(client, token, "/api/v1/referrals", referral_body())
    other = referral_body(concern={"description": "A different concern."})
    response = post(client, token, "/api/v1/referrals", other)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert response.json()["error"]["fields"][0]["field"] == "header.Idempotency-Key"
    assert Referral.objects.count() == 1


def test_a_missing_idempotency_key_is_named(client, health_client) -> None:
    _, token = health_client
    response = post(client, token, "/api/v1/referrals", referral_body(), key=None)
    assert response.status_code == 422
    assert any(f["field"].lower() == "header.idempotency-key" for f in response.json()["error"]["fields"])


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_key_make_one_referral(health_client) -> None:
    from django.test import Client

    _, token = health_client
    results: list = []

    def send() -> None:
        try:
            results.append(post(Client(), token, "/api/v1/referrals", referral_body(), key="concurrent-key-1"))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Referral.objects.count() == 1
    assert [r.status_code for r in results] == [201] * 8
    assert len({r.content for r in results}) == 1  # every request is told of the same, single referral


def test_a_database_failure_is_503_with_retry_after_and_nothing_stored(client, health_client, monkeypatch) -> None:
    _, token = health_client

    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(referrals_service, "start_clock", broken)
    response = post(client, token, "/api/v1/referrals", referral_body())
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["error"]["code"] == "unavailable"
    assert not Referral.objects.exists() and not IdempotencyKey.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda b: b["children"][0].update(nhs_number="9434765918"), "body.children.0.nhs_number", "NHS number"),
        (lambda b: b["children"][0].update(postcode="XX1"), "body.children.0.postcode", "postcode"),
        (
            lambda b: b["children"][0].update(date_of_birth=str(TODAY + timedelta(days=3))),
            "body.children.0.date_of_birth",
            "future",
        ),
        (lambda b: b["children"][0].update(wishes_and_feelings=""), "body.children.0", "wishes_and_feelings"),
        (lambda b: b["consent"].update(rationale=""), "body.consent", "rationale"),
        (lambda b: b["consent"].update(status="given"), "body.consent", "given_by"),
        (lambda b: b.update(level_of_need=7), "body.level_of_need", "less than or equal to 4"),
        (lambda b: b.update(children=[]), "body.children", "at least 1"),
        (lambda b: b["concern"].update(description="x" * 20_001), "body.concern.description", "at most"),
        (
            lambda b: b["children"].append(
                {
                    "last_name": "Ashdown",
                    "expected_date_of_delivery": "2001-01-01",
                    "wishes_not_obtained_reason": "unborn",
                }
            ),
            "body.children.2.expected_date_of_delivery",
            "ten months",
        ),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, health_client, change, field, words) -> None:
    _, token = health_client
    body = copy.deepcopy(referral_body())
    change(body)
    response = post(client, token, "/api/v1/referrals", body)
    assert response.status_code == 422, response.content
    fields = response.json()["error"]["fields"]
    assert any(f["field"] == field and words in f["message"] for f in fields), fields
    assert not Referral.objects.exists()


def test_malformed_json_is_a_clear_error(client, health_client) -> None:
    _, token = health_client
    response = post(client, token, "/api/v1/referrals", "{not json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_request"


def test_an_oversized_payload_is_413(client, health_client) -> None:
    _, token = health_client
    body = referral_body()
    body["concern"]["risks"] = "x" * 600_000
    response = post(client, token, "/api/v1/referrals", body)
    assert response.status_code == 413


def test_an_unborn_child_with_an_expected_date_of_delivery(client, health_client) -> None:
    _, token = health_client
    unborn = {
        "last_name": "Kowalski",
        "expected_date_of_delivery": str(TODAY + timedelta(days=60)),
        "wishes_not_obtained_reason": "Unborn",
    }
    response = post(client, token, "/api/v1/referrals", referral_body(children=[unborn]))
    assert response.status_code == 201
    assert ReferralChild.objects.get().expected_date_of_delivery == TODAY + timedelta(days=60)


def test_the_referrer_follows_their_referral_to_its_outcome(client, health_client) -> None:
    _, token = health_client
    reference = post(client, token, "/api/v1/referrals", referral_body()).json()["reference"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert client.get(f"/api/v1/referrals/{reference}", **auth).json()["status"] == "received"
    from frontdoor.access.audit import Actor
    from support.factories import UserFactory

    worker = UserFactory(roles=["mash_social_worker"])
    mash_services.record_decision(
        Referral.objects.get(reference=reference),
        actor=Actor(user=worker, role="mash_social_worker", agency=worker.agency),
        outcome="early_help",
        summary="Family support worker to visit this week.",
    )
    status = client.get(f"/api/v1/referrals/{reference}", **auth).json()
    assert (status["status"], status["outcome"]) == ("decided", "early_help")
    assert status["decision_summary"] == "Family support worker to visit this week."
    assert [r["reference"] for r in client.get("/api/v1/referrals", **auth).json()] == [reference]
    assert Clock.objects.get(subject_id=str(Referral.objects.get().pk)).state == "met"


def test_another_clients_referral_is_404(client, health_client) -> None:
    _, token = health_client
    reference = post(client, token, "/api/v1/referrals", referral_body()).json()["reference"]
    _, other = access_services.create_api_client("school", AgencyFactory(kind="school"), ["referrals:read"])
    response = client.get(f"/api/v1/referrals/{reference}", HTTP_AUTHORIZATION=f"Bearer {other}")
    assert response.status_code == 404


def vist_body(grade: str = "green", days_ago: int = 1, **changes) -> dict:
    body = {
        "id": str(uuid.uuid4()),
        "officer_name": "PC Jo Smith",
        "officer_collar": "1234",
        "incident_reference": f"ES-2026-{uuid.uuid4().int % 10**7:07d}",
        "incident_at": (timezone.now() - timedelta(days=days_ago)).isoformat(),
        "children_present": True,
        "risk_grade": grade,
        "circumstances": "Argument between adults; child present.",
        "child_said": "I hid in my room.",
        "persons": [
            {
                "role": "subject",
                "first_name": "Tyler",
                "last_name": "Ashdown",
                "date_of_birth": "2016-02-28",
                "is_child": True,
            }
        ],
    }
    body.update(changes)
    return body


def test_a_vist_enters_the_queue_with_its_clock_and_a_resend_is_the_same(client, health_client) -> None:
    _, token = health_client
    body = vist_body("red")
    first = post(client, token, "/api/v1/vists", body, key=None)
    again = post(client, token, "/api/v1/vists", body, key=None)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    vist = Vist.objects.get()
    clock = Clock.objects.get(subject_type="intake.vist", subject_id=str(vist.pk))
    assert clock.rule == "mash.red" and clock.state == "running"


def test_a_third_green_vist_in_three_months_is_amber(client, health_client) -> None:
    _, token = health_client
    grades = [
        post(client, token, "/api/v1/vists", vist_body("green", days_ago=d), key=None).json()["effective_grade"]
        for d in (80, 40, 1)
    ]
    assert grades == ["green", "green", "amber"]
    latest = Vist.objects.order_by("-received_at").first()
    assert Clock.objects.get(subject_type="intake.vist", subject_id=str(latest.pk)).rule == "mash.amber"


def test_greens_spread_over_more_than_three_months_stay_green(client, health_client) -> None:
    _, token = health_client
    grades = [
        post(client, token, "/api/v1/vists", vist_body("green", days_ago=d), key=None).json()["effective_grade"]
        for d in (200, 100, 1)
    ]
    assert grades == ["green", "green", "green"]


def test_a_vist_with_a_future_incident_time_is_refused(client, health_client) -> None:
    _, token = health_client
    body = vist_body(incident_at=(timezone.now() + timedelta(days=2)).isoformat())
    response = post(client, token, "/api/v1/vists", body, key=None)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.incident_at"


def test_a_domestic_abuse_incident_with_children_present_or_not(client, health_client) -> None:
    _, token = health_client
    body = {
        "incident_reference": "ES-2026-0099999",
        "occurred_at": (timezone.now() - timedelta(hours=5)).isoformat(),
        "postcode": "ES3 7QP",
        "persons": [
            {"role": "victim", "first_name": "Claire", "last_name": "Ashdown"},
            {"role": "suspect", "first_name": "Darren", "last_name": "Ashdown"},
            {"role": "child", "first_name": "Maisie", "last_name": "Ashdown", "is_child": True, "present": True},
            {
                "role": "child",
                "first_name": "Tyler",
                "last_name": "Ashdown",
                "is_child": True,
                "present": False,
                "school": "Millbrook Primary School",
            },
        ],
    }
    first = post(client, token, "/api/v1/incidents", body, key=None)
    again = post(client, token, "/api/v1/incidents", body, key=None)
    assert first.status_code == again.status_code == 201
    assert first.json()["children"] == 2 and first.json() == again.json()


def test_routes_need_their_scopes(client) -> None:
    _, token = access_services.create_api_client("ro", AgencyFactory(kind="police"), ["referrals:read"])
    assert post(client, token, "/api/v1/referrals", referral_body()).status_code == 403
    assert post(client, token, "/api/v1/vists", vist_body(), key=None).status_code == 403


def test_the_schema_documents_every_status(client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"201", "400", "401", "403", "413", "422", "503"} <= set(paths["/api/v1/referrals"]["post"]["responses"])
    assert {"201", "401", "403", "413", "422", "503"} <= set(paths["/api/v1/vists"]["post"]["responses"])


def test_a_nul_character_is_a_422_not_a_database_error(client, health_client) -> None:
    _, token = health_client
    body = referral_body()
    body["concern"]["description"] = "pasted\x00text"
    response = post(client, token, "/api/v1/referrals", body)
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [
        {"field": "body", "message": "contains a NUL character, which no field may hold"}
    ]
    assert not Referral.objects.exists()


def test_a_reference_drawn_twice_is_drawn_again(client, health_client, monkeypatch) -> None:
    _, token = health_client
    first = post(client, token, "/api/v1/referrals", referral_body(), key="key-first-1").json()["reference"]
    draws = iter([first, "FD-TEST-0002"])
    monkeypatch.setattr(referrals_service, "new_reference", lambda prefix: next(draws))
    response = post(client, token, "/api/v1/referrals", referral_body(), key="key-second-1")
    assert response.status_code == 201 and response.json()["reference"] == "FD-TEST-0002"
    assert Referral.objects.count() == 2


# --- Bad input is a 422 naming the field, never a 500 (issue 12 item 4) -------------------------------------------


def incident_body(**changes) -> dict:
    body = {
        "incident_reference": f"ES-2026-{uuid.uuid4().int % 10**7:07d}",
        "occurred_at": (timezone.now() - timedelta(hours=5)).isoformat(),
        "postcode": "ES3 7QP",
        "circumstances": "Shouting heard by neighbours.",
        "persons": [
            {"role": "victim", "first_name": "Claire", "last_name": "Ashdown"},
            {"role": "child", "first_name": "Maisie", "last_name": "Ashdown", "is_child": True, "present": True},
        ],
    }
    body.update(changes)
    return body


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/vists", lambda: vist_body(incident_at="2026-12-01T10:00:00"), "body.incident_at"),
        ("/api/v1/incidents", lambda: incident_body(occurred_at="2026-12-01T10:00:00"), "body.occurred_at"),
        ("/api/v1/vists", lambda: vist_body(incident_at="2026-12-01"), "body.incident_at"),
        ("/api/v1/vists", lambda: vist_body(incident_at=1_790_000_000), "body.incident_at"),
    ],
)
def test_a_time_without_its_utc_offset_is_a_422_naming_the_field(client, health_client, path, body, field) -> None:
    _, token = health_client
    response = post(client, token, path, body(), key=None)
    assert response.status_code == 422, response.content
    fields = response.json()["error"]["fields"]
    assert any(f["field"] == field and "UTC offset" in f["message"] for f in fields), fields
    assert not Vist.objects.exists()


def test_a_time_with_an_offset_is_stored_as_that_instant(client, health_client) -> None:
    _, token = health_client
    response = post(client, token, "/api/v1/vists", vist_body(incident_at="2026-07-01T10:00:00+01:00"), key=None)
    assert response.status_code == 201, response.content
    assert Vist.objects.get().incident_at == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


def test_the_openapi_docs_say_a_time_needs_its_offset(client) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert "UTC offset" in schemas["VistIn"]["properties"]["incident_at"]["description"]
    assert "UTC offset" in schemas["IncidentIn"]["properties"]["occurred_at"]["description"]


def test_a_client_without_the_scope_is_refused_before_its_body_is_read(client) -> None:
    _, token = access_services.create_api_client("reader", AgencyFactory(kind="police"), ["referrals:read"])
    body = vist_body(incident_at="2026-12-01T10:00:00", risk_grade="purple")
    response = post(client, token, "/api/v1/vists", body, key=None)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("offset=-1", "query.offset"),
        ("offset=99999999999999999999999999", "query.offset"),
        ("offset=abc", "query.offset"),
        ("limit=0", "query.limit"),
        ("limit=501", "query.limit"),
    ],
)
def test_paging_out_of_range_is_a_422_naming_the_field(client, health_client, query, field) -> None:
    _, token = health_client
    response = client.get(f"/api/v1/referrals?{query}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 422, response.content
    assert [f["field"] for f in response.json()["error"]["fields"]] == [field]


def test_paging_at_its_limits_is_answered(client, health_client) -> None:
    _, token = health_client
    post(client, token, "/api/v1/referrals", referral_body())
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    assert len(client.get("/api/v1/referrals?limit=500&offset=0", **auth).json()) == 1
    assert client.get("/api/v1/referrals?limit=1&offset=10000000", **auth).json() == []


@pytest.mark.parametrize("reference", ["FD-0000-0000%00", "%F0%9F%98%80", "x" * 300])
def test_a_reference_of_the_wrong_shape_is_404(client, health_client, reference) -> None:
    _, token = health_client
    response = client.get(f"/api/v1/referrals/{reference}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/api/v1/vists", lambda: vist_body(children_present="true"), "body.children_present"),
        ("/api/v1/vists", lambda: vist_body(domestic_abuse=0), "body.domestic_abuse"),
        (
            "/api/v1/vists",
            lambda: vist_body(persons=[{"role": "subject", "first_name": "Tyler", "is_child": 0}]),
            "body.persons.0.is_child",
        ),
        ("/api/v1/vists", lambda: vist_body(id="e3e70682c2091caca29f6fbed82c07cd"), "body.id"),
        (
            "/api/v1/incidents",
            lambda: incident_body(persons=[{"role": "child", "is_child": True, "present": 1}]),
            "body.persons.0.present",
        ),
        (
            "/api/v1/incidents",
            lambda: incident_body(persons=[{"role": "child", "date_of_birth": 0}]),
            "body.persons.0.date_of_birth",
        ),
        ("/api/v1/incidents", lambda: incident_body(persons=["abc"]), "body.persons.0"),
        ("/api/v1/referrals", lambda: referral_body(level_of_need="4"), "body.level_of_need"),
        ("/api/v1/referrals", lambda: referral_body(referrer=[]), "body.referrer"),
    ],
)
def test_a_value_of_the_wrong_json_type_is_refused_not_read_loosely(client, health_client, path, body, field) -> None:
    _, token = health_client
    response = post(client, token, path, body(), key=f"key-{uuid.uuid4()}")
    assert response.status_code == 422, response.content
    fields = response.json()["error"]["fields"]
    assert any(f["field"] == field for f in fields), fields
    assert not Vist.objects.exists() and not Referral.objects.exists()


# --- The consent rule: one rule for the web form and the API (issue 12 item 6) ------------------------------------

CONSENTS = {
    "given": {"status": "given", "given_by": "Mother", "covers": "Mother and children"},
    "not_sought": {"status": "not_sought", "rationale": "Not yet asked."},
    "dispensed": {"status": "dispensed", "rationale": "Telling the parents would increase the risk."},
}


@pytest.mark.parametrize("level", [2, 3])
@pytest.mark.parametrize("consent", ["not_sought", "dispensed"])
def test_a_level_2_or_3_referral_without_consent_is_refused_naming_the_field(
    client, health_client, level, consent
) -> None:
    _, token = health_client
    body = referral_body(level_of_need=level, consent=CONSENTS[consent])
    response = post(client, token, "/api/v1/referrals", body)
    assert response.status_code == 422, response.content
    fields = response.json()["error"]["fields"]
    assert fields == [{"field": "body.consent", "message": referrals_service.CONSENT_NEEDED}]
    assert not Referral.objects.exists()


@pytest.mark.parametrize("level", [1, 2, 3, 4])
@pytest.mark.parametrize("consent", sorted(CONSENTS))
def test_the_web_form_and_the_api_agree_on_consent(client, health_client, level, consent) -> None:
    from frontdoor.intake.forms import ConsentForm

    _, token = health_client
    api = post(client, token, "/api/v1/referrals", referral_body(level_of_need=level, consent=CONSENTS[consent]))
    sent = CONSENTS[consent]
    form = ConsentForm(
        {
            "consent": consent,
            "consent_given_by": sent.get("given_by", ""),
            "consent_covers": sent.get("covers", ""),
            "not_sought_reason": sent.get("rationale", "") if consent == "not_sought" else "",
            "dispensed_rationale": sent.get("rationale", "") if consent == "dispensed" else "",
            "parents_informed": "yes",
        },
        level=level,
    )
    assert api.status_code in (201, 422), api.content
    assert form.is_valid() is (api.status_code == 201), (form.errors, api.content)
    if not form.is_valid():
        assert form.errors["consent"] == [referrals_service.CONSENT_NEEDED]


def test_the_service_itself_refuses_a_referral_the_rule_forbids(health_client) -> None:
    from frontdoor.access.audit import Actor
    from support.factories import UserFactory

    referrer = UserFactory(roles=["school_dsl"])
    data = referrals_service.ReferralData(
        referrer_name="Dana",
        referrer_role="DSL",
        concern="Attendance has fallen.",
        level_of_need=2,
        consent="not_sought",
        consent_rationale="Not asked.",
        children=[referrals_service.ChildData(first_name="Maisie", wishes_and_feelings="Wants help.")],
    )
    actor = Actor(user=referrer, role="school_dsl", agency=referrer.agency)
    with pytest.raises(referrals_service.ConsentNeeded):
        referrals_service.submit_referral(data, actor=actor, channel="web")
    assert not Referral.objects.exists()


# --- One idempotency mechanism for referrals, VISTs and incidents (issue 12 item 5) -------------------------------


def test_a_vist_resent_under_its_id_with_new_content_is_refused_not_dropped(client, health_client) -> None:
    _, token = health_client
    first = vist_body("green")
    assert post(client, token, "/api/v1/vists", first, key=None).status_code == 201
    changed = {**first, "risk_grade": "red", "circumstances": "Now the child has disclosed being hit."}
    response = post(client, token, "/api/v1/vists", changed, key=None)
    assert response.status_code == 422, response.content
    error = response.json()["error"]
    assert error["code"] == "idempotency_key_reused"
    assert error["fields"] == [{"field": "body.id", "message": "was already used with a different body"}]
    assert [(v.risk_grade, v.circumstances) for v in Vist.objects.all()] == [("green", first["circumstances"])]


def test_a_vist_under_an_idempotency_key_replays_and_refuses_like_a_referral(client, health_client) -> None:
    _, token = health_client
    body = vist_body("amber")
    first = post(client, token, "/api/v1/vists", body, key="vist-key-0001")
    again = post(client, token, "/api/v1/vists", body, key="vist-key-0001")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    other = post(client, token, "/api/v1/vists", vist_body("red"), key="vist-key-0001")
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert other.json()["error"]["fields"][0]["field"] == "header.Idempotency-Key"
    assert Vist.objects.count() == 1


def test_the_same_vist_under_a_new_key_is_the_same_vist(client, health_client) -> None:
    _, token = health_client
    body = vist_body("red")
    first = post(client, token, "/api/v1/vists", body, key="vist-key-0001")
    again = post(client, token, "/api/v1/vists", body, key="vist-key-0002")
    bare = post(client, token, "/api/v1/vists", body, key=None)
    assert first.status_code == again.status_code == bare.status_code == 201
    assert again.content == first.content == bare.content
    assert Vist.objects.count() == 1


@pytest.mark.parametrize(("key", "field"), [(None, "body.incident_reference"), ("incident-key-1", HEADER)])
def test_an_incident_resent_with_new_content_is_refused_not_dropped(client, health_client, key, field) -> None:
    _, token = health_client
    body = incident_body()
    first = post(client, token, "/api/v1/incidents", body, key=key)
    again = post(client, token, "/api/v1/incidents", body, key=key)
    assert first.status_code == again.status_code == 201 and again.content == first.content
    changed = {**body, "circumstances": "The suspect returned and was arrested."}
    response = post(client, token, "/api/v1/incidents", changed, key=key)
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert response.json()["error"]["fields"][0]["field"] == field
    assert DomesticAbuseIncident.objects.get().circumstances == body["circumstances"]


def test_a_vist_the_bulk_import_brought_in_is_not_changed_by_the_api(client, health_client) -> None:
    api_client, token = health_client
    body = vist_body("green")
    data = api_views.vist_data(schemas.VistIn.model_validate(body))
    services.receive_vist(data, actor=Actor(user=None, role=None, agency=api_client.agency, api_client=api_client))
    response = post(client, token, "/api/v1/vists", {**body, "risk_grade": "red"}, key=None)
    assert response.status_code == 409, response.content
    assert response.json()["error"]["code"] == "already_held"
    assert response.json()["error"]["fields"] == [{"field": "body.id", "message": "is held already"}]
    assert Vist.objects.get().risk_grade == "green"


def test_the_api_docs_describe_the_idempotency_key_on_every_arrival(client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path, required in (("/api/v1/referrals", True), ("/api/v1/vists", False), ("/api/v1/incidents", False)):
        headers = {p["name"]: p for p in paths[path]["post"]["parameters"] if p["in"] == "header"}
        assert headers["Idempotency-Key"]["required"] is required
        assert "replay" in headers["Idempotency-Key"]["description"]
    assert "the VIST's id is the key" in paths["/api/v1/vists"]["post"]["parameters"][0]["description"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("key", ["concurrent-vist-1", None])
def test_concurrent_posts_of_one_vist_make_one_vist(health_client, key) -> None:
    from django.test import Client

    _, token = health_client
    body = vist_body("red")
    results: list = []

    def send() -> None:
        try:
            results.append(post(Client(), token, "/api/v1/vists", body, key=key))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Vist.objects.count() == 1
    assert [r.status_code for r in results] == [201] * 8, [r.content for r in results]
    assert len({r.content for r in results}) == 1  # every sender is told of the same, single VIST
    assert Clock.objects.filter(subject_type="intake.vist").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_referral_is_logged_as_received_only_once_it_is_stored(client, health_client, monkeypatch, caplog) -> None:
    _, token = health_client
    post(client, token, "/api/v1/referrals", referral_body(), key="key-logged-1")
    assert "intake.referral_received" in caplog.text
    caplog.clear()

    def key_not_stored(*args, **kwargs):  # fails after the referral is written, inside the same transaction
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(IdempotencyKey.objects, "create", key_not_stored)
    assert post(client, token, "/api/v1/referrals", referral_body(), key="key-logged-2").status_code == 503
    assert Referral.objects.count() == 1
    assert "intake.referral_received" not in caplog.text  # the rolled-back request logged nothing of the kind
