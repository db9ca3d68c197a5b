"""Per-request identity: a request id for the audit, and the role the user is acting in."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

from frontdoor.access import selectors

ACTIVE_ROLE_KEY = "frontdoor.active_role"
SIGNED_IN_AT_KEY = "frontdoor.signed_in_at"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    """Give each request an id (or keep a well-formed one from the caller) and echo it in the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response the application writes: pages and API answers carry personal
    data (a public page shows who is signed in), so no browser or proxy keeps a copy. Static files are served
    earlier in the chain (WhiteNoise) and keep their own caching."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response


class ActiveRoleMiddleware:
    """Resolve the role the user acts in, afresh on every request.

    A revoked role, a disabled user or an expired session takes effect on the next request: the role is dropped
    (or the user signed out) before any view runs.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.active_role = None  # type: ignore[attr-defined]
        user = request.user
        if user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT_KEY, 0)
            if time.time() - signed_in_at > settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS:
                logout(request)
            else:
                role = request.session.get(ACTIVE_ROLE_KEY)
                if role and selectors.user_holds_role(user, role):
                    request.active_role = role  # type: ignore[attr-defined]
                elif role:
                    del request.session[ACTIVE_ROLE_KEY]
        return self.get_response(request)


API_PREFIX = "/api/"
API_BODY_LIMIT = 512 * 1024
# Agencies' record extracts are files, and larger than anything else the API takes.
API_BODY_LIMITS_BY_PREFIX = (("/api/v1/extracts/", 20 * 1024 * 1024),)


class ApiBodyLimitMiddleware:
    """Refuse an oversized API request (413) or one carrying NUL characters (422), in the API's error shape,
    before anything parses it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            limit = next(
                (n for prefix, n in API_BODY_LIMITS_BY_PREFIX if request.path.startswith(prefix)), API_BODY_LIMIT
            )
            try:
                length = int(request.headers.get("Content-Length") or 0)
            except ValueError:
                length = limit + 1
            if length > limit:
                body = {
                    "error": {
                        "code": "too_large",
                        "message": f"send at most {limit // 1024} KB in one request",
                        "fields": [{"field": "body", "message": f"is {length} bytes; the limit is {limit}"}],
                    }
                }
                return JsonResponse(body, status=413)
            if request.method in ("POST", "PUT", "PATCH") and (b"\x00" in request.body or b"\\u0000" in request.body):
                # No field may hold NUL, and PostgreSQL cannot store it: refuse it as bad input, never a 503.
                body = {
                    "error": {
                        "code": "invalid",
                        "message": "The request contains a NUL character",
                        "fields": [{"field": "body", "message": "contains a NUL character, which no field may hold"}],
                    }
                }
                return JsonResponse(body, status=422)
        return self.get_response(request)
