"""The partner API's shared kernel: its one error shape, the error any app's route raises, and the scopes an
operation declares. Authentication (whose token this is) is `access.api_auth`; the root `frontdoor.api` composes
every app's router and answers every error in this shape."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest
from ninja import Schema
from ninja.errors import HttpError

from frontdoor.core.routes import declare

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


ERRORS = {400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody, 422: ErrorBody, 503: ErrorBody}


class ApiError(Exception):
    """Raised by any route to answer in the one error shape (handled once, in the root `frontdoor.api`)."""

    def __init__(self, status: int, code: str, message: str, fields: list[dict[str, str]] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or []


def requires_scope(scope: str) -> Callable[[Callable], Callable]:
    """Declare (and enforce) the scope an API operation needs; a client without it gets 403."""
    if scope not in SCOPES:
        raise KeyError(f"undeclared API scope {scope!r}")

    def decorate(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            scopes = getattr(request.auth, "scopes", ())  # type: ignore[attr-defined]
            if scope not in scopes:
                raise HttpError(403, f"this client does not hold the scope {scope}")
            return func(request, *args, **kwargs)

        # ninja reads the signature to build the schema: resolve string annotations in the route's own module.
        wrapper.__signature__ = inspect.signature(func, eval_str=True)  # type: ignore[attr-defined]
        return declare(wrapper, f"scope:{scope}")

    return decorate
