"""The partner API's bearer-token authentication and per-operation scopes."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from frontdoor.access import services
from frontdoor.access.models import ApiClient
from frontdoor.access.permissions import ATTRIBUTE

# Scopes an API client can hold; each operation declares one with `requires_scope`.
SCOPES = {
    "whoami": "See which client and agency the token belongs to",
    "identifiers:check": "Check NHS numbers, UPNs and postcodes before sending them",
    "referrals:write": "Submit referrals",
    "referrals:read": "Read the status of the client's own referrals",
    "vists:write": "Submit police vulnerability forms (VISTs)",
    "incidents:write": "Submit domestic-abuse incidents",
    "records:write": "Send extracts of the agency's own records",
}


class FieldError(Schema):
    field: str
    message: str


class ErrorDetail(Schema):
    code: str
    message: str
    fields: list[FieldError] = []


class ErrorBody(Schema):
    """Every API error: a code, a message, and on a 422 each invalid field by name."""

    error: ErrorDetail


class ApiTokenAuth(HttpBearer):
    """Authorization: Bearer <token>, checked against the hashed tokens of active clients."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        return services.authenticate_api_token(token)


def requires_scope(scope: str) -> Callable[[Callable], Callable]:
    """Declare (and enforce) the scope an API operation needs; a client without it gets 403."""
    if scope not in SCOPES:
        raise KeyError(f"undeclared API scope {scope!r}")

    def decorate(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            client: ApiClient = request.auth  # type: ignore[attr-defined]
            if scope not in client.scopes:
                raise HttpError(403, f"this client does not hold the scope {scope}")
            return func(request, *args, **kwargs)

        # ninja reads the signature to build the schema: resolve string annotations in the route's own module.
        wrapper.__signature__ = inspect.signature(func, eval_str=True)  # type: ignore[attr-defined]
        setattr(wrapper, ATTRIBUTE, f"scope:{scope}")
        return wrapper

    return decorate
