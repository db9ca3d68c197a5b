"""The access audit: one row for every look at a person's data, and every refusal, in a hash chain.

Each row stores `row_hash = sha256(prev_hash + canonical content)`, where `prev_hash` is the previous row's hash.
Rows are inserted without a lock; `seal_chain` (a worker job, every few seconds) takes the one-row chain head
under a lock (SELECT ... FOR UPDATE on PostgreSQL; on SQLite every transaction begins IMMEDIATE, which serialises
writers) and chains the new rows in the order written, so two sealers can never chain onto the same row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from frontdoor.access.models import AccessAudit, ApiClient, AuditChainHead, BreakGlass, User
from frontdoor.people.models import Agency, Person

GENESIS_HASH = "0" * 64

# What each recorded action is, in the words "who has looked" and a subject access request show. A capability
# recording actions of its own names them with `describe_action` in its AppConfig.ready().
ACTION_LABELS: dict[str, str] = {
    "view_person": "Opened the record",
    "search": "Searched for people",
    "search_result": "Shown in search results",
    "subject_access_request": "Subject access request",
    "view_access_log": "Read who has looked",
    "view_identity_links": "Read the identity links",
    "view_identity_review": "Read an identity review",
    "view_match": "Shown as a possible match",
    "break_glass": "Broke glass",
    "denied": "Refused",
}


def describe_action(action: str, label: str) -> None:
    ACTION_LABELS[action] = label


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, "Other use of the record")


# The fields a row's hash covers, in this order. Adding one is a change to the chain's format: see verify_chain.
CHAINED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "api_client_id",
    "active_role",
    "agency_id",
    "person_id",
    "action",
    "purpose",
    "outcome",
    "request_id",
    "basis",
    "break_glass_id",
)


@dataclass(frozen=True)
class Actor:
    """Who is asking: a signed-in user in one role, or an agency's API client."""

    user: User | None
    role: str | None
    agency: Agency | None
    request_id: str = ""
    api_client: ApiClient | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(
            user=user,
            role=getattr(request, "active_role", None),
            agency=user.agency if user is not None else None,
            request_id=getattr(request, "request_id", ""),
        )

    @classmethod
    def from_api_request(cls, request: HttpRequest) -> Actor:
        """The API client a partner-API request authenticated as (none if it did not)."""
        client = getattr(request, "auth", None)
        return cls(
            user=None,
            role=None,
            agency=getattr(client, "agency", None),
            request_id=getattr(request, "request_id", ""),
            api_client=client if isinstance(client, ApiClient) else None,
        )


def _canonical_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return value


def row_hash(prev_hash: str, content: dict[str, Any]) -> str:
    """The hash of a row: its predecessor's hash, then its chained fields as canonical JSON."""
    canonical = json.dumps(
        [_canonical_value(content[name]) for name in CHAINED_FIELDS], separators=(",", ":"), ensure_ascii=True
    )
    return hashlib.sha256((prev_hash + canonical).encode("ascii")).hexdigest()


def _locked_head() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        # The migration creates the head; this covers a database flushed by tests.
        AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": GENESIS_HASH})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def record_access(
    actor: Actor,
    person: Person | None,
    *,
    action: str,
    purpose: str,
    outcome: str,
    basis: str = "",
    break_glass: BreakGlass | None = None,
) -> AccessAudit:
    """Write the audit row; callers do this inside the transaction of the read, so a failed write fails the read.

    The row is a plain insert, taking no lock: the worker seals it onto the hash chain within seconds
    (`seal_chain`), so reads and referrals never queue behind one another for the chain.
    """
    return AccessAudit.objects.create(
        at=timezone.now(),
        actor_id=actor.user.pk if actor.user is not None else None,
        api_client_id=actor.api_client.pk if actor.api_client is not None else None,
        active_role=actor.role or "",
        agency_id=actor.agency.pk if actor.agency is not None else None,
        person_id=person.pk if person is not None else None,
        action=action,
        purpose=purpose[:200],
        outcome=outcome,
        request_id=actor.request_id,
        basis=basis,
        break_glass_id=break_glass.pk if break_glass is not None else None,
    )


def seal_chain(batch: int = 2000) -> int:
    """Put every unsealed audit row on the hash chain, in the order written; return how many were sealed.

    Holds the chain head's lock while it works, so two sealers (two workers) never fork the chain; the rows'
    content is read back from the database, exactly as `verify_chain` will read it.
    """
    sealed = 0
    values = ("id", *(f for f in CHAINED_FIELDS if f != "seq"))
    while True:
        with transaction.atomic():
            head = _locked_head()
            rows = list(AccessAudit.objects.filter(seq__isnull=True).order_by("id").values_list(*values)[:batch])
            seq, last = head.seq, head.last_hash
            updates = []
            for record in rows:
                seq += 1
                content = {**dict(zip(values, record, strict=True)), "seq": seq}
                digest = row_hash(last, content)
                updates.append((seq, last, digest, content["id"]))
                last = digest
            if updates:
                # The one change a row ever sees, and only while it is unsealed (the model refuses all others).
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "UPDATE access_accessaudit SET seq = %s, prev_hash = %s, row_hash = %s "
                        "WHERE id = %s AND seq IS NULL",
                        updates,
                    )
                AuditChainHead.objects.filter(pk=1).update(seq=seq, last_hash=last)
        sealed += len(rows)
        if len(rows) < batch:
            return sealed


def record_refusal(actor: Actor, reason: str) -> None:
    """Put a refusal on record if the request has not already recorded one (a page that refuses for want of a
    relationship does so itself): the permission checks, the admin site and the API's own rules come here, from
    the 403 handlers, so that every refusal is audited as every look is."""
    if actor.request_id and AccessAudit.objects.filter(request_id=actor.request_id, outcome="denied").exists():
        return
    record_access(actor, None, action="denied", purpose=reason, outcome="denied")


@dataclass(frozen=True)
class ChainReport:
    rows: int
    ok: bool
    first_broken_seq: int | None = None
    first_broken_id: int | None = None
    problem: str = ""
    unsealed: int = 0  # rows written since the last seal, not yet on the chain


def verify_chain(batch: int = 5000) -> ChainReport:
    """Recompute every row's hash in order; report the first row whose hash, link or place is wrong."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    count = 0
    values = ("id", *[f for f in CHAINED_FIELDS], "prev_hash", "row_hash")
    rows = AccessAudit.objects.filter(seq__isnull=False).order_by("seq").values_list(*values).iterator(chunk_size=batch)
    for record in rows:
        content = dict(zip(values, record, strict=True))
        count += 1
        if content["seq"] != expected_seq:
            problem = f"row {expected_seq} is missing (the next row is {content['seq']})"
            return ChainReport(count, False, content["seq"], content["id"], problem)
        if content["prev_hash"] != expected_prev:
            problem = "its link to the previous row does not match (a row before it was changed or removed)"
            return ChainReport(count, False, content["seq"], content["id"], problem)
        if row_hash(expected_prev, content) != content["row_hash"]:
            return ChainReport(count, False, content["seq"], content["id"], "its content does not match its hash")
        expected_prev = content["row_hash"]
        expected_seq += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.last_hash) != (expected_seq - 1, expected_prev):
        problem = f"the chain head says {head.seq} rows, but the chain ends at row {expected_seq - 1}"
        return ChainReport(count, False, expected_seq, None, problem)
    return ChainReport(count, True, unsealed=AccessAudit.objects.filter(seq__isnull=True).count())
