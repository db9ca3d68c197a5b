"""The partner API skeleton: schema and docs, bearer tokens with scopes, one JSON error shape."""

from __future__ import annotations

import json

import pytest

from frontdoor.access import services
from frontdoor.access.models import ApiClient
from support.factories import AgencyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def token() -> str:
    agency = AgencyFactory(name="Esterbury Constabulary", kind="police")
    _, token = services.create_api_client("police", agency, ["whoami", "identifiers:check"])
    return token


def auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_openapi_schema_and_docs_are_published(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "frontdoor partner API"
    assert "/api/v1/whoami" in schema["paths"]
    responses = schema["paths"]["/api/v1/identifiers/check"]["post"]["responses"]
    assert {"200", "401", "403", "422"} <= set(responses)
    assert client.get("/api/v1/docs").status_code == 200


def test_whoami_with_a_valid_token(client, token) -> None:
    body = client.get("/api/v1/whoami", **auth(token)).json()
    assert body == {
        "client": "police",
        "agency": "Esterbury Constabulary",
        "agency_kind": "police",
        "scopes": ["identifiers:check", "whoami"],
    }
    assert ApiClient.objects.get(name="police").last_used_at is not None


def test_only_a_hash_of_the_token_is_stored(token) -> None:
    client = ApiClient.objects.get(name="police")
    assert token not in (client.token_hash, client.token_prefix)
    assert client.token_hash == services.hash_token(token)


@pytest.mark.parametrize("header", [None, "Bearer fd_wrong", "Bearer ", "Basic abc", "Bearer not-ours"])
def test_missing_or_wrong_token_is_401_in_the_error_shape(client, token, header) -> None:
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get("/api/v1/whoami", **extra)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"] == "Bearer"


def test_a_deactivated_client_is_refused_at_once(client, token) -> None:
    ApiClient.objects.filter(name="police").update(active=False)
    assert client.get("/api/v1/whoami", **auth(token)).status_code == 401


def test_a_client_without_the_scope_gets_403(client) -> None:
    _, token = services.create_api_client("school", AgencyFactory(kind="school"), ["identifiers:check"])
    response = client.get("/api/v1/whoami", **auth(token))
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "forbidden",
        "message": "this client does not hold the scope whoami",
        "fields": [],
    }


def test_valid_identifiers_come_back_normalised(client, token) -> None:
    response = client.post(
        "/api/v1/identifiers/check",
        {"nhs_number": "943 476 5919", "postcode": "es1 2ab"},
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 200
    assert response.json() == {"nhs_number": "9434765919", "upn": None, "postcode": "ES1 2AB"}


def test_invalid_fields_are_a_422_naming_each_field(client, token) -> None:
    response = client.post(
        "/api/v1/identifiers/check",
        {"nhs_number": "9434765918", "upn": "A801200001001", "postcode": "ES1 2AB"},
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid"
    fields = {f["field"]: f["message"] for f in error["fields"]}
    assert set(fields) == {"body.nhs_number", "body.upn"}
    assert "NHS number" in fields["body.nhs_number"]


def test_malformed_json_is_a_clear_error_not_a_500(client, token) -> None:
    response = client.post("/api/v1/identifiers/check", "{not json", content_type="application/json", **auth(token))
    assert response.status_code in (400, 422)
    assert "error" in response.json()


def test_an_oversized_field_is_named(client, token) -> None:
    response = client.post(
        "/api/v1/identifiers/check", {"postcode": "X" * 500}, content_type="application/json", **auth(token)
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.postcode"


def test_unknown_api_path_is_404_json(client, token) -> None:
    response = client.get("/api/v1/nothing-here", **auth(token))
    assert response.status_code == 404


@pytest.mark.parametrize("body", [[], "abc", [None, None], 42, True])
def test_a_body_that_is_not_a_json_object_is_a_422(client, token, body) -> None:
    text = json.dumps(body)  # "abc" as a JSON string, not the bare word
    response = client.post("/api/v1/identifiers/check", text, content_type="application/json", **auth(token))
    assert response.status_code == 422, response.content
    assert response.json()["error"]["fields"] == [{"field": "body", "message": "must be a JSON object"}]


def test_the_all_zero_nhs_number_is_refused(client, token) -> None:
    response = client.post(
        "/api/v1/identifiers/check", {"nhs_number": "000 000 0000"}, content_type="application/json", **auth(token)
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "body.nhs_number"


def test_an_extracts_time_without_its_offset_is_a_422(client) -> None:
    _, token = services.create_api_client("police-records", AgencyFactory(kind="police"), ["records:write"])
    response = client.post(
        "/api/v1/extracts/police/incidents?extracted_at=2026-12-01T10:00:00",
        "IncidentRef\n",
        content_type="text/csv",
        **auth(token),
    )
    assert response.status_code == 422, response.content
    assert response.json()["error"]["fields"][0]["field"] == "query.extracted_at"
    assert "UTC offset" in response.json()["error"]["fields"][0]["message"]
