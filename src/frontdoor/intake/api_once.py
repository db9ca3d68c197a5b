"""The partner API's answers to a write taken once under an Idempotency-Key (the rules are
`intake.services.idempotency`'s, shared by every app with such a route): a key used before with another body is a
422 naming the header or body field that carried it, and a route whose write refuses with a code answers through
`answer_once`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from ninja import Status

from frontdoor.core.api import ApiError
from frontdoor.intake.services.idempotency import IdempotencyConflict, Receipt


class _Coded(Protocol):
    code: str
    message: str


def key_reused(exc: IdempotencyConflict, thing: str) -> ApiError:
    """The 422 for a key (the header, or a natural key in the body) already used with a different body."""
    field = exc.claim.field
    sent_as = "Idempotency-Key" if field.startswith("header.") else field.removeprefix("body.")
    return ApiError(
        422,
        "idempotency_key_reused",
        f"This {sent_as} was used for a different {thing}",
        [{"field": field, "message": "was already used with a different body"}],
    )


def answer_once(write: Callable[[], Receipt], *, thing: str, refused: type[Exception]) -> Status:
    """Run a write taken once and answer with its receipt (the first one again on a replay); a reused key is a 422,
    the write's own refusal (an exception carrying `code` and `message`) a 409 with that code."""
    try:
        receipt = write()
    except IdempotencyConflict as exc:
        raise key_reused(exc, thing) from None
    except refused as exc:
        coded = cast(_Coded, exc)
        raise ApiError(409, coded.code, coded.message) from None
    return Status(receipt.status_code, receipt.body)
