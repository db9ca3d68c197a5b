"""The partner API, /api/v1/: typed routes, hashed bearer tokens with scopes, and one JSON error shape.

Every error body is {"error": {"code": ..., "message": ..., "fields": [{"field": ..., "message": ...}]}}; the
fields list names each invalid field on a 422.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from frontdoor.access import api as access_api
from frontdoor.access.api_auth import ApiTokenAuth
from frontdoor.access.audit import Actor, record_refusal
from frontdoor.access.permissions import public
from frontdoor.core.api import ApiError
from frontdoor.core.routes import ATTRIBUTE, PUBLIC
from frontdoor.encompass import api as encompass_api
from frontdoor.intake import api as intake_api
from frontdoor.mash import api as mash_api
from frontdoor.missing import api as missing_api
from frontdoor.people import api as people_api

log = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5


api = NinjaAPI(
    title="frontdoor partner API",
    version="1",
    description=(
        "Partner agencies' systems send referrals, VISTs, incidents and record extracts, read the status of what "
        "they sent, and answer the MASH checks sent to their agency. Authenticate with "
        "`Authorization: Bearer <token>`; each client holds scopes."
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
        parts = [parts[0], *parts[2:]] if parts[0] == "body" and len(parts) >= 2 else parts
    return ".".join(parts)


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(request, exc.status, exc.code, exc.message, exc.fields)


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
api.add_router("/", people_api.identifiers)
api.add_router("/", people_api.router)
api.add_router("/", mash_api.router)
api.add_router("/", encompass_api.router)
api.add_router("/", missing_api.router)


def api_urls():
    """The API's URL patterns, with ninja's own root redirect (to the docs) declared public like the docs."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        callback = pattern.callback
        if getattr(getattr(callback, "func", None), "__name__", "") == "default_home":
            setattr(callback, ATTRIBUTE, PUBLIC)
    return patterns, app_name, namespace
