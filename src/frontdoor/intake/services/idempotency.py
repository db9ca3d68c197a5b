"""One idempotency mechanism for everything a partner's system sends (referrals, VISTs, incidents): what is sent
twice is stored once, a retry gets the first answer, and the same key with another body is refused.

A request claims one or more keys, each an `IdempotencyKey` row (unique per client, route and key) written in the
same transaction as what it created: the Idempotency-Key header where one is sent, and the arrival's own natural
key where it has one (a VIST's device-made id, an incident's police reference), so a VIST re-sent under a new
header key, or with none, still finds its first answer or its conflict.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from django.db import IntegrityError, transaction

from frontdoor.access.models import ApiClient
from frontdoor.intake.models import IdempotencyKey

T = TypeVar("T")
ATTEMPTS = 3  # a referral's reference drawn twice is drawn again (see referrals.REFERENCE_ATTEMPTS)
HEADER = "header.Idempotency-Key"


@dataclass(frozen=True)
class Claim:
    """One key a request claims: the route it belongs to, the key, and the field the client sent it in."""

    route: str
    key: str
    field: str


class IdempotencyConflict(Exception):
    """The key was used before with a different request body."""

    def __init__(self, claim: Claim) -> None:
        super().__init__(claim.field)
        self.claim = claim


class AlreadyHeld(Exception):
    """What the natural key names is stored already, but by no claim (the police bulk import, say): this request
    cannot be compared with it, so it is neither replayed nor stored."""

    def __init__(self, claim: Claim) -> None:
        super().__init__(claim.field)
        self.claim = claim


@dataclass(frozen=True)
class Receipt:
    status_code: int
    body: dict
    replayed: bool


def request_hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def header_claim(route: str, key: str | None) -> list[Claim]:
    return [Claim(route, key, HEADER)] if key else []


def once(
    *,
    client: ApiClient,
    claims: Sequence[Claim],
    payload_hash: str,
    create: Callable[[], T],
    respond: Callable[[T], dict],
) -> Receipt:
    """Create something once under its claims, inside one transaction with the claims themselves.

    A replay (any claim already held with the same body) returns the stored response; a claim held with another
    body raises IdempotencyConflict naming it. Two concurrent requests make one thing: the loser's insert fails on
    a unique constraint, its transaction rolls back, and it answers as the winner did. `create` raises AlreadyHeld
    when the natural key is taken without a claim.
    """
    if not claims:
        raise ValueError("a request must claim at least one key")
    stored = stored_response(client, claims, payload_hash)
    if stored:
        return stored
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                made = create()
                body = respond(made)
                for claim in claims:
                    IdempotencyKey.objects.create(
                        api_client=client,
                        key=claim.key,
                        route=claim.route,
                        request_hash=payload_hash,
                        status_code=201,
                        response_body=body,
                    )
            return Receipt(201, body, replayed=False)
        except AlreadyHeld:
            stored = stored_response(client, claims, payload_hash)
            if stored:
                return stored  # a concurrent request with this key won just before we looked: answer as it did
            raise
        except IntegrityError:
            stored = stored_response(client, claims, payload_hash)
            if stored:
                return stored  # a concurrent request with this key won: answer as it did
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def stored_response(client: ApiClient, claims: Sequence[Claim], payload_hash: str) -> Receipt | None:
    """The response stored under any of these claims (a replay), or None; IdempotencyConflict if one is held with
    another body."""
    for claim in claims:
        held = IdempotencyKey.objects.filter(api_client=client, route=claim.route, key=claim.key).first()
        if held is None:
            continue
        if held.request_hash != payload_hash:
            raise IdempotencyConflict(claim)
        return Receipt(held.status_code, held.response_body, replayed=True)
    return None
