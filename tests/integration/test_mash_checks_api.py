"""The partner API for MASH checks: an agency's system lists the checks waiting for its answer (its own agency's
only) and answers one under an Idempotency-Key, with the referrals' replay, conflict and error rules."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection
from django.test import Client

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake import services as intake_services
from frontdoor.mash import checks_selectors, checks_services
from frontdoor.mash.checks_clocks import CHECK_SUBJECT
from frontdoor.mash.models import CheckStatus, MashCheck
from frontdoor.people.models import AgencyKind
from support.arrivals import referral_data, submit
from support.factories import AgencyFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
ANSWER = {"outcome": "answered", "known": "Two call-outs to the address in 2026.", "risks": "Father arrested."}


@pytest.fixture
def police():
    return AgencyFactory(name="Esterbury Constabulary", kind=AgencyKind.POLICE)


@pytest.fixture
def health():
    return AgencyFactory(name="Esterbury Hospitals NHS Trust", kind=AgencyKind.ACUTE_HOSPITAL)


@pytest.fixture
def police_token(police) -> str:
    return access_services.create_api_client("police-checks", police, ["mash-checks:read", "mash-checks:write"])[1]


@pytest.fixture
def checks(police, health) -> tuple[MashCheck, MashCheck]:
    referrer = UserFactory(roles=[Role.SCHOOL_DSL])
    child = intake_services.ChildData(
        first_name="Maisie", last_name="Ashdown", date_of_birth=date(2014, 6, 11), wishes_and_feelings="Sad."
    )
    referral = submit(referrer, referral_data(child))
    referral.children.update(person=PersonFactory(first_name="Maisie", last_name="Ashdown"))
    worker = UserFactory(roles=[Role.MASH_SOCIAL_WORKER])
    people = [p.key for p in checks_selectors.list_people_on_item(referral)]
    police_check, health_check = checks_services.request_checks(
        referral, actor=Actor(user=worker, role=Role.MASH_SOCIAL_WORKER, agency=worker.agency),
        agencies=[police, health], people=people, question="Known to you?", priority="amber",
    )  # fmt: skip
    return police_check, health_check


def get(client, token: str, path: str = "/api/v1/mash-checks"):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")


def answer(client, token: str, reference: str, body: dict, key: str | None = "answer-key-0001"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(f"/api/v1/mash-checks/{reference}/answer", body, content_type="application/json", **headers)


def test_an_agency_lists_only_its_own_open_checks_and_each_person_sent_is_audited(client, police_token, checks) -> None:
    police_check, health_check = checks
    response = get(client, police_token)
    assert response.status_code == 200
    listed = response.json()
    assert [c["reference"] for c in listed] == [police_check.reference]
    assert health_check.reference not in response.content.decode()
    (first,) = listed
    assert first["about"] == police_check.item_reference and first["priority"] == "amber" and first["due_at"]
    assert first["people"] == [
        {"name": "Maisie Ashdown", "described_as": "child", "date_of_birth": "2014-06-11", "is_child": True}
    ]
    assert (
        AccessAudit.objects.filter(
            action="list_mash_checks", api_client__name="police-checks", person__isnull=False
        ).count()
        == 1
    )


def test_an_answer_is_stored_once_and_a_replay_gets_the_same_receipt(client, police_token, checks) -> None:
    police_check, _ = checks
    first = answer(client, police_token, police_check.reference, ANSWER)
    assert first.status_code == 201, first.content
    assert first.json()["reference"] == police_check.reference and first.json()["status"] == "answered"
    replay = answer(client, police_token, police_check.reference, ANSWER)
    assert replay.status_code == 201 and replay.json() == first.json()
    police_check.refresh_from_db()
    assert police_check.status == CheckStatus.ANSWERED and police_check.answered_by_client.name == "police-checks"
    assert police_check.known == ANSWER["known"] and police_check.answered_by is None
    assert Clock.objects.get(subject_type=CHECK_SUBJECT, subject_id=str(police_check.pk)).state == ClockState.MET
    assert get(client, police_token).json() == []  # answered: no longer open


def test_the_same_key_with_another_answer_is_refused_as_for_referrals(client, police_token, checks) -> None:
    police_check, _ = checks
    answer(client, police_token, police_check.reference, ANSWER)
    reused = answer(client, police_token, police_check.reference, {**ANSWER, "known": "Something else."})
    assert reused.status_code == 422
    assert reused.json()["error"]["code"] == "idempotency_key_reused"
    assert reused.json()["error"]["fields"] == [
        {"field": "header.Idempotency-Key", "message": "was already used with a different body"}
    ]


def test_a_check_answered_already_is_a_conflict(client, police_token, checks, police) -> None:
    police_check, _ = checks
    officer = UserFactory(agency=police, roles=[Role.MASH_POLICE])
    checks_services.answer_check(
        police_check,
        checks_services.Answer(known="On the web."),
        actor=Actor(user=officer, role=Role.MASH_POLICE, agency=police),
    )
    conflict = answer(client, police_token, police_check.reference, ANSWER, key="another-key-01")
    assert conflict.status_code == 409 and conflict.json()["error"]["code"] == "already_answered"


def test_another_agencys_check_is_not_found(client, police_token, checks) -> None:
    _, health_check = checks
    response = answer(client, police_token, health_check.reference, ANSWER)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    health_check.refresh_from_db()
    assert health_check.status == CheckStatus.OPEN


@pytest.mark.parametrize(
    ("body", "key", "field"),
    [
        ({"outcome": "answered"}, "answer-key-0001", "body"),  # an answer needs what is known
        ({"outcome": "declined"}, "answer-key-0001", "body"),  # a decline needs a reason
        ({"outcome": "maybe", "known": "x"}, "answer-key-0001", "body.outcome"),
        (ANSWER, None, "header.Idempotency-Key"),
    ],
    ids=["answer-without-known", "decline-without-reason", "unknown-outcome", "no-key"],
)
def test_bad_input_is_a_422_naming_the_field(client, police_token, checks, body, key, field) -> None:
    police_check, _ = checks
    response = answer(client, police_token, police_check.reference, body, key=key)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    fields = [f["field"] for f in response.json()["error"]["fields"]]
    assert fields and fields[0].startswith(field)


def test_a_decline_is_stored_with_its_reason(client, police_token, checks) -> None:
    police_check, _ = checks
    response = answer(
        client, police_token, police_check.reference, {"outcome": "declined", "decline_reason": "No record held."}
    )
    assert response.status_code == 201 and response.json()["status"] == "declined"
    police_check.refresh_from_db()
    assert police_check.decline_reason == "No record held." and police_check.known == ""


def test_each_operation_needs_its_scope(client, police, checks) -> None:
    _, reader = access_services.create_api_client("police-reader", police, ["mash-checks:read"])
    _, writer = access_services.create_api_client("police-writer", police, ["mash-checks:write"])
    assert get(client, writer).status_code == 403
    assert answer(client, reader, checks[0].reference, ANSWER).status_code == 403
    assert get(client, reader).status_code == 200


def test_the_routes_are_in_the_openapi_document(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/mash-checks" in schema["paths"] and "/api/v1/mash-checks/{reference}/answer" in schema["paths"]
    assert "Idempotency-Key" in str(schema["paths"]["/api/v1/mash-checks/{reference}/answer"])


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
def test_two_concurrent_answers_under_one_key_store_one_answer(police_token, checks) -> None:
    police_check, _ = checks
    barrier, results = threading.Barrier(2), []

    def send() -> None:
        try:
            barrier.wait()
            results.append(answer(Client(), police_token, police_check.reference, ANSWER))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [r.status_code for r in results] == [201, 201]
    assert results[0].json() == results[1].json()
    assert MashCheck.objects.filter(pk=police_check.pk, status=CheckStatus.ANSWERED).count() == 1
