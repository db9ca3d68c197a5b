"""The partner API, /api/v1/: typed routes, hashed bearer tokens with scopes, and one JSON error shape.

Every error body is {"error": {"code": ..., "message": ..., "fields": [{"field": ..., "message": ...}]}}; the
fields list names each invalid field on a 422.
"""

from __future__ import annotations

import io
import logging
from datetime import datetime
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from frontdoor.access import api as access_api
from frontdoor.access.api_auth import ApiTokenAuth, ErrorBody, requires_scope
from frontdoor.access.audit import Actor, record_refusal
from frontdoor.access.permissions import ATTRIBUTE, PUBLIC, public
from frontdoor.core.schemas import IdentifierChecks
from frontdoor.intake import api as intake_api
from frontdoor.people import services as people_services

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


api = NinjaAPI(
    title="frontdoor partner API",
    version="1",
    description=(
        "Partner agencies' systems send referrals, VISTs, incidents and record extracts, and read the status of "
        "what they sent. Authenticate with `Authorization: Bearer <token>`; each client holds scopes."
    ),
    auth=ApiTokenAuth(),
    urls_namespace="api-v1",
    docs_decorator=public,
)


def error_response(request: HttpRequest, status: int, code: str, message: str, fields: list[dict] | None = None):
    body = {"error": {"code": code, "message": message, "fields": fields or []}}
    return api.create_response(request, body, status=status)


def _field_name(location: Any) -> str:
    parts = [str(p) for p in location]
    if parts and parts[0] in {"body", "query", "path", "header"}:
        # ninja nests the body under the parameter name: drop it so the field reads as the client sent it.
        parts = [parts[0], *parts[2:]] if parts[0] == "body" and len(parts) > 2 else parts
    return ".".join(parts)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [{"field": _field_name(e.get("loc", [])), "message": e.get("msg", "is invalid")} for e in exc.errors]
    return error_response(request, 422, "invalid", "The request has invalid fields", fields)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(request, 401, "unauthenticated", "Send a valid bearer token")
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403:
        actor = Actor.from_api_request(request)
        record_refusal(actor, f"refused: {exc}")
    codes = {400: "bad_request", 403: "forbidden", 404: "not_found", 409: "conflict", 503: "unavailable"}
    return error_response(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(DatabaseError)
def on_database_error(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
    # Nothing was stored (the transaction rolled back): say so, and when to retry. Never a 201, never a bare 500.
    log.error("api.database_unavailable path=%s error=%s", request.path, type(exc).__name__)
    response = error_response(request, 503, "unavailable", "The service could not store this just now: retry shortly")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


api.add_router("/", access_api.router)
api.add_router("/", intake_api.router)


class IdentifierCheckIn(IdentifierChecks):
    nhs_number: str | None = Field(None, max_length=20, examples=["943 476 5919"])
    upn: str | None = Field(None, max_length=20, examples=["H801200001001"])
    postcode: str | None = Field(None, max_length=10, examples=["ES1 2AB"])


@api.post(
    "/identifiers/check",
    response={
        200: IdentifierCheckIn,
        400: ErrorBody,
        401: ErrorBody,
        403: ErrorBody,
        413: ErrorBody,
        422: ErrorBody,
        503: ErrorBody,
    },
    tags=["Identifiers"],
    summary="Check identifiers and get their normal form",
)
@requires_scope("identifiers:check")
def check_identifiers(request: HttpRequest, payload: IdentifierCheckIn) -> IdentifierCheckIn:
    """Valid identifiers come back normalised; an invalid one is a 422 naming the field."""
    return payload


def api_urls():
    """The API's URL patterns, with ninja's own root redirect (to the docs) declared public like the docs."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        callback = pattern.callback
        if getattr(getattr(callback, "func", None), "__name__", "") == "default_home":
            setattr(callback, ATTRIBUTE, PUBLIC)
    return patterns, app_name, namespace


# --- Extracts from agencies' own systems ----------------------------------------------------------------------

# Which system's extracts an agency of each kind may send.
SYSTEM_OF_AGENCY = {
    "police": "police",
    "acute_hospital": "health",
    "community_health": "health",
    "gp": "health",
    "maternity": "health",
    "sexual_health": "health",
    "ambulance": "health",
    "school": "education",
    "early_years": "education",
    "further_education": "education",
    "alternative_provision": "education",
    "childrens_social_care": "csc",
    "early_help": "earlyhelp",
}


class CountsOut(Schema):
    created: int
    updated: int
    unchanged: int
    stale: int


class RejectedRow(Schema):
    source: str
    line: int
    reason: str


class ExtractResult(Schema):
    system: str
    records: CountsOut
    events: CountsOut
    participations: int
    rejected: int
    errors: list[RejectedRow]


@api.post(
    "/extracts/{system}/{file_kind}",
    response={
        200: ExtractResult,
        401: ErrorBody,
        403: ErrorBody,
        404: ErrorBody,
        413: ErrorBody,
        422: ErrorBody,
        503: ErrorBody,
    },
    tags=["Extracts"],
    summary="Send one file of your system's extract",
)
@requires_scope("records:write")
def post_extract(request: HttpRequest, system: str, file_kind: str, extracted_at: datetime | None = None):
    """The body is the file itself: CSV for social care, police, education and early help, a FHIR R4 Bundle for
    health (see docs/synthetic-county.md for each layout). Re-sending is safe: unchanged rows are left alone.
    Rejected rows come back with their line and reason; the rest are stored."""
    client = request.auth  # type: ignore[attr-defined]
    try:
        people_services.extract_file(system, file_kind)
    except people_services.UnknownExtract as exc:
        raise HttpError(404, str(exc)) from None
    if SYSTEM_OF_AGENCY.get(client.agency.kind) != system:
        raise HttpError(403, f"a {client.agency.get_kind_display().lower()} client cannot send {system} extracts")
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return error_response(
            request, 422, "invalid", "The body is not UTF-8 text", [{"field": "body", "message": "is not UTF-8"}]
        )
    result = people_services.ingest_stream(
        system,
        file_kind,
        io.StringIO(text, newline=""),
        source_name=f"api:{client.name}:{system}/{file_kind}",
        extracted_at=extracted_at or timezone.now(),
    )
    return result.summary()
