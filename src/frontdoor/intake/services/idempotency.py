"""A partner's Idempotency-Key: a referral sent twice under one key is stored once, and the retry gets the first
answer; the same key with another body is refused."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient
from frontdoor.intake.models import IdempotencyKey
from frontdoor.intake.services.referrals import REFERENCE_ATTEMPTS, ReferralData, create_referral


class IdempotencyConflict(Exception):
    """The key was used before with a different request body."""


@dataclass(frozen=True)
class Receipt:
    status_code: int
    body: dict
    replayed: bool


def request_hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def submit_referral_once(data: ReferralData, *, actor: Actor, key: str, payload_hash: str, respond: Any) -> Receipt:
    """Submit through the API under an Idempotency-Key: the key is claimed in the same transaction as the referral.

    A replay with the same body returns the stored response; the same key with another body raises
    IdempotencyConflict. Two concurrent requests with one key make one referral: the loser's insert of the key
    fails at commit time, its transaction (and its referral) rolls back, and it returns the winner's response.
    """
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    stored = _stored_response(client, "referrals", key, payload_hash)
    if stored:
        return stored
    for attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                referral = create_referral(data, actor=actor, channel="api", received_at=timezone.now())
                body = respond(referral)
                IdempotencyKey.objects.create(
                    api_client=client,
                    key=key,
                    route="referrals",
                    request_hash=payload_hash,
                    status_code=201,
                    response_body=body,
                )
            return Receipt(201, body, replayed=False)
        except IntegrityError:
            stored = _stored_response(client, "referrals", key, payload_hash)
            if stored:
                return stored  # a concurrent request with this key won: answer as it did
            if attempt == REFERENCE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _stored_response(client: ApiClient, route: str, key: str, payload_hash: str) -> Receipt | None:
    claim = IdempotencyKey.objects.filter(api_client=client, route=route, key=key).first()
    if claim is None:
        return None
    if claim.request_hash != payload_hash:
        raise IdempotencyConflict(key)
    return Receipt(claim.status_code, claim.response_body, replayed=True)
