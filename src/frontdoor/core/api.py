"""The partner API's shared kernel: its one error shape, the error any app's route raises, and the scopes an
operation declares. Authentication (whose token this is) is `access.api_auth`; the root `frontdoor.api` composes
every app's router and answers every error in this shape."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Schema
from ninja.errors import HttpError
from ninja.operation import Operation
from ninja.utils import contribute_operation_callback

from frontdoor.core.routes import declare

# Scopes an API client can hold; each operation declares one with `requires_scope`.
SCOPES = {
    "whoami": "See which client and agency the token belongs to",
    "identifiers:check": "Check NHS numbers, UPNs and postcodes before sending them",
    "referrals:write": "Submit referrals",
    "referrals:read": "Read the status of the client's own referrals",
    "vists:write": "Submit police vulnerability forms (VISTs)",
    "vists:read": "Read what the MASH made of the client's own VISTs",
    "incidents:write": "Submit domestic-abuse incidents",
    "records:write": "Send extracts of the agency's own records",
    "mash-checks:read": "List the MASH checks waiting for the client's agency's answer",
    "mash-checks:write": "Answer (or decline) the MASH checks sent to the client's agency",
    "encompass:read": "List the Operation Encompass notifications sent to the client's establishment",
    "encompass:write": "Acknowledge the client's establishment's Operation Encompass notifications",
    "missing-episodes:write": "Report missing episodes and children's returns (the police feed)",
    "missing-episodes:read": "Read a missing child's current trigger plan (police clients only)",
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


def _refusal(request: HttpRequest, scope: str) -> HttpError | None:
    if scope in getattr(request.auth, "scopes", ()):  # type: ignore[attr-defined]
        return None
    return HttpError(403, f"this client does not hold the scope {scope}")


class _ScopeFirstOperation(Operation):
    """An operation that checks the client's scope straight after authentication, before it reads the request's
    parameters or body: a client without the scope learns nothing from how its input is judged, and no input can
    fail before the 403."""

    def _run_checks(self, request: HttpRequest) -> HttpResponse | None:
        error = super()._run_checks(request)
        if error is None:
            refusal = _refusal(request, self.view_func.required_scope)  # type: ignore[attr-defined]
            if refusal is not None:
                return self.api.on_exception(request, refusal)
        return error


def _check_scope_first(operation: Operation) -> None:
    # ninja makes an Operation per route (and clones it, keeping its class, for each mount of the router).
    if type(operation) is Operation:
        operation.__class__ = _ScopeFirstOperation


def requires_scope(scope: str) -> Callable[[Callable], Callable]:
    """Declare (and enforce) the scope an API operation needs; a client without it gets 403, before its input is
    read."""
    if scope not in SCOPES:
        raise KeyError(f"undeclared API scope {scope!r}")

    def decorate(func: Callable) -> Callable:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            refusal = _refusal(request, scope)  # checked already by the operation; kept should a route bypass it
            if refusal is not None:
                raise refusal
            return func(request, *args, **kwargs)

        # ninja reads the signature to build the schema: resolve string annotations in the route's own module.
        wrapper.__signature__ = inspect.signature(func, eval_str=True)  # type: ignore[attr-defined]
        wrapper.required_scope = scope  # type: ignore[attr-defined]
        contribute_operation_callback(wrapper, _check_scope_first)
        return declare(wrapper, f"scope:{scope}")

    return decorate
