"""The access audit's keyed hash chain: the key, the MACs, and sealing rows onto the chain (ADR 0006).

Every audit row is written with `entry_mac`, an HMAC of its content under the audit key. It is sealed as its
transaction commits: the sealer takes the one-row chain head under a lock and appends an `AuditSeal`,
`row_hash = HMAC(key, prev_hash + [seq, row id, entry_mac])`. Only inserts: on PostgreSQL the application's role
may only INSERT and SELECT the audit tables. A row that has to wait (on PostgreSQL, between its commit and its seal)
is named by a `PendingSeal`, the sealers' work list. Checkpoints and verification are in `access.verification`.

The key is never in the database: whoever owns the database can change rows but cannot make their MACs match.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction

from frontdoor.access.models import AccessAudit, AuditChainHead, AuditSeal, PendingSeal

log = logging.getLogger("frontdoor.access.audit")

GENESIS_HASH = "0" * 64

# The fields of a row its MAC covers, in this order. Changing them changes the chain's format: rows already
# written would no longer verify, so a change needs a migration that re-seals them (as 0008 did from the unkeyed
# format) or a format marker recorded on each row.
ENTRY_FIELDS = (
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
ROW_VALUES = ("id", "key_id", "entry_mac", *ENTRY_FIELDS)
# How many times a sealer after commit looks again for rows that committed while it held the head; under a load
# that keeps it busy beyond that, the worker seals the rest within seconds.
AFTER_COMMIT_ROUNDS = 2


# --- Keys ------------------------------------------------------------------------------------------------------


def key_id_of(key: str) -> str:
    """A key's public name, recorded on every row and checkpoint so that rotated keys can still verify."""
    return hmac.new(key.encode(), b"frontdoor access audit key id", hashlib.sha256).hexdigest()[:16]


def current_key() -> tuple[str, bytes]:
    key = settings.FRONTDOOR_AUDIT_KEY
    return key_id_of(key), key.encode()


def known_keys() -> dict[str, bytes]:
    """Every key that may verify: the current one and the retired ones (FRONTDOOR_AUDIT_RETIRED_KEYS)."""
    keys = {key_id_of(k): k.encode() for k in settings.FRONTDOOR_AUDIT_RETIRED_KEYS}
    keys.update([current_key()])
    return keys


def canonical(values: list[Any]) -> bytes:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat(timespec="microseconds")
        return value

    return json.dumps([plain(v) for v in values], separators=(",", ":"), ensure_ascii=True).encode("ascii")


def entry_mac(key: bytes, key_id: str, content: dict[str, Any]) -> str:
    """The MAC a row is written with: its key's id and its content, under the key."""
    message = canonical([key_id, *(content[name] for name in ENTRY_FIELDS)])
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def seal_hash(key: bytes, prev_hash: str, seq: int, entry_id: int, mac: str) -> str:
    """A seal's link: the previous seal's hash, then the row's place, id and MAC, under the key."""
    message = prev_hash.encode("ascii") + canonical([seq, entry_id, mac])
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# --- Writing and sealing ---------------------------------------------------------------------------------------


def write_entry(content: dict[str, Any]) -> AccessAudit:
    """Insert an audit row with its MAC and see it sealed: at once on SQLite, after commit on PostgreSQL.

    SQLite: every transaction here already holds the database's one write lock (BEGIN IMMEDIATE), so sealing inside
    it adds no waiting, costs no second commit, and leaves no moment when the row is committed but unsealed.
    PostgreSQL: holding the chain head's lock until the request commits serialised every audited request (ADR 0002),
    so the row waits on `PendingSeal` and is sealed in a short transaction of its own once the request commits.
    """
    with transaction.atomic(savepoint=False):
        if connection.vendor == "sqlite":
            row = _insert_row(content)
            _seal_in_this_transaction(row)
        else:
            row = insert_unsealed(content)
            schedule_seal()
    return row


def write_entries(contents: list[dict[str, Any]]) -> list[AccessAudit]:
    """Many audit rows at once, as `write_entry` writes one (a statutory return or an export names thousands of
    children): each with its own MAC, inserted in batches, and sealed in order in this transaction on SQLite (one
    read and one move of the head for them all); on PostgreSQL put on the sealer's work list for after commit."""
    if not contents:
        return []
    key_id, key = current_key()
    rows = [AccessAudit(**content, key_id=key_id, entry_mac=entry_mac(key, key_id, content)) for content in contents]
    with transaction.atomic(savepoint=False):
        # The one bulk writer of audit rows: the model's own manager refuses bulk inserts to everything else.
        created: list[AccessAudit] = models.QuerySet(model=AccessAudit).bulk_create(rows, batch_size=BULK_BATCH)  # type: ignore[arg-type]
        if connection.vendor == "sqlite":
            head = _locked_head(wait=True)
            assert head is not None  # waiting for the lock never gives up
            seq, last_hash, seals = head.seq, head.last_hash, []
            for row in created:
                seq += 1
                digest = seal_hash(key, last_hash, seq, row.pk, row.entry_mac)
                seals.append(AuditSeal(seq=seq, entry_id=row.pk, key_id=key_id, prev_hash=last_hash, row_hash=digest))
                last_hash = digest
            models.QuerySet(model=AuditSeal).bulk_create(seals, batch_size=BULK_BATCH)  # type: ignore[arg-type]
            AuditChainHead.objects.filter(pk=1).update(seq=seq, last_hash=last_hash)
        else:
            PendingSeal.objects.bulk_create([PendingSeal(entry=row) for row in created], batch_size=BULK_BATCH)
            schedule_seal()
    return created


BULK_BATCH = 500


def _insert_row(content: dict[str, Any]) -> AccessAudit:
    key_id, key = current_key()
    return AccessAudit.objects.create(**content, key_id=key_id, entry_mac=entry_mac(key, key_id, content))


def insert_unsealed(content: dict[str, Any]) -> AccessAudit:
    """The row and its place on the sealer's work list, unsealed (what a process that dies before its seal leaves)."""
    row = _insert_row(content)
    PendingSeal.objects.create(entry=row)
    return row


def _seal_in_this_transaction(row: AccessAudit) -> None:
    key_id, key = current_key()
    head = _locked_head(wait=True)
    assert head is not None  # waiting for the lock never gives up
    seq = head.seq + 1
    digest = seal_hash(key, head.last_hash, seq, row.pk, row.entry_mac)
    AuditSeal(seq=seq, entry_id=row.pk, key_id=key_id, prev_hash=head.last_hash, row_hash=digest).save()
    AuditChainHead.objects.filter(pk=1).update(seq=seq, last_hash=digest)


def schedule_seal() -> None:
    """Seal the rows this transaction wrote as soon as it commits (once per transaction or savepoint, however many
    rows: a search writes one per person shown)."""
    savepoints = set(connection.savepoint_ids)
    if not any(entry[1] is seal_after_commit and entry[0] == savepoints for entry in connection.run_on_commit):
        transaction.on_commit(seal_after_commit, robust=True)


def seal_after_commit() -> None:
    """Runs after the request's transaction committed, in short transactions of its own, so that a read never holds
    the chain's lock while it holds its own (ADR 0002). If another sealer holds the head this one leaves at once:
    that sealer looks for waiting rows again after it lets go, and this row committed before then.
    """
    try:
        for _ in range(AFTER_COMMIT_ROUNDS):
            if _seal_batch(2000, wait=False) is None or not PendingSeal.objects.exists():
                return
    except DatabaseError as exc:
        # The worker seals it within seconds. Only the type: a database error's text can quote stored values.
        log.warning("access.audit_seal_deferred error=%s", type(exc).__name__)


def seal_chain(batch: int = 2000) -> int:
    """Seal every row waiting (a process died before its seal after commit); return how many (a worker job)."""
    sealed = 0
    while True:
        # Looks again after each batch: a sealer after commit that found the head busy left its row to this one.
        taken, done = _seal_batch(batch, wait=True) or (0, 0)
        sealed += done
        if taken == 0 or not PendingSeal.objects.exists():
            return sealed


_LOCK_HEAD = (
    "SELECT seq, last_hash, set_config('synchronous_commit', %s, true) FROM access_auditchainhead"
    " WHERE id = 1 FOR UPDATE"
)
_TRY_LOCK_HEAD = _LOCK_HEAD + " SKIP LOCKED"
_WRITE_SEALS = (
    "WITH sealed AS (INSERT INTO access_auditseal (seq, entry_id, key_id, prev_hash, row_hash)"
    " SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[], %s::varchar[], %s::varchar[])),"
    " taken AS (DELETE FROM access_pendingseal WHERE entry_id = ANY(%s::bigint[]))"
    " UPDATE access_auditchainhead SET seq = %s, last_hash = %s WHERE id = 1"
)


def _locked_head(wait: bool, durable: bool = True) -> AuditChainHead | None:
    """The chain head, locked until the transaction ends; None if another sealer holds it and `wait` is false.

    Not `durable`: on PostgreSQL this transaction's commit does not wait for the disk. Seals are derived data,
    inserted in the transaction that takes their rows off the work list: if a crash loses the commit, the rows are
    simply waiting again and the worker seals them (the request's own commit was durable). `write_checkpoint`
    makes every seal it anchors durable first.
    """
    if connection.vendor == "postgresql":
        # One round trip: the lock, the head and (if not durable) the commit setting for this transaction only.
        with connection.cursor() as cursor:
            cursor.execute(_LOCK_HEAD if wait else _TRY_LOCK_HEAD, ["on" if durable else "off"])
            found = cursor.fetchone()
        if found is not None:
            return AuditChainHead(pk=1, seq=found[0], last_hash=found[1])
        if not wait and AuditChainHead.objects.filter(pk=1).exists():
            return None  # another sealer holds it
    else:
        # SQLite: every transaction here begins IMMEDIATE, holding the one write lock; no row lock is needed.
        head = AuditChainHead.objects.filter(pk=1).first()
        if head is not None:
            return head
    # The migration creates the head; this covers a database flushed by tests.
    AuditChainHead.objects.get_or_create(pk=1, defaults={"seq": 0, "last_hash": GENESIS_HASH})
    return AuditChainHead.objects.select_for_update().get(pk=1)


def _write_seals(seals: list[AuditSeal], done: list[int]) -> None:
    """Insert the seals, take their rows (and any changed ones) off the work list and move the head on."""
    if connection.vendor == "postgresql" and seals:
        # One statement, one round trip: this runs after every audited request's commit.
        names = ("seq", "entry_id", "key_id", "prev_hash", "row_hash")
        columns = [[getattr(seal, name) for seal in seals] for name in names]
        with connection.cursor() as cursor:
            cursor.execute(_WRITE_SEALS, [*columns, done, seals[-1].seq, seals[-1].row_hash])
        return
    # The sealer is the one writer of seals; the model's own manager refuses bulk inserts to everything else.
    models.QuerySet(model=AuditSeal).bulk_create(seals)  # type: ignore[arg-type]
    PendingSeal.objects.filter(entry_id__in=done).delete()
    if seals:
        AuditChainHead.objects.filter(pk=1).update(seq=seals[-1].seq, last_hash=seals[-1].row_hash)


def _seal_batch(batch: int, *, wait: bool) -> tuple[int, int] | None:
    """Seal up to `batch` waiting rows; return how many were taken off the list and how many were sealed, or None
    if the head was busy and `wait` false."""
    if wait and not PendingSeal.objects.exists():
        return 0, 0
    keys = known_keys()
    key_id, key = current_key()
    with transaction.atomic():
        head = _locked_head(wait, durable=False)
        if head is None:
            return None
        names = [f"entry__{name}" for name in ROW_VALUES]
        waiting = PendingSeal.objects.order_by("entry_id").values_list(*names)[:batch]
        seq, last = head.seq, head.last_hash
        seals, done = [], []
        for values in waiting:
            row = dict(zip(ROW_VALUES, values, strict=True))
            row_key = keys.get(row["key_id"])
            if row_key is None:
                # Written by a process with a key this one does not know: left waiting until the keys are set.
                log.error("access.audit_row_unknown_key id=%s", row["id"])
                continue
            done.append(row["id"])
            if not hmac.compare_digest(entry_mac(row_key, row["key_id"], row), row["entry_mac"]):
                # Changed after it was written: never sealed (that would vouch for it); verify_audit names it.
                log.error("access.audit_row_changed_before_seal id=%s", row["id"])
                continue
            seq += 1
            digest = seal_hash(key, last, seq, row["id"], row["entry_mac"])
            seals.append(AuditSeal(seq=seq, entry_id=row["id"], key_id=key_id, prev_hash=last, row_hash=digest))
            last = digest
        if done:
            _write_seals(seals, done)
    return len(done), len(seals)
