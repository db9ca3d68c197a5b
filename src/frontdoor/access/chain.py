"""The access audit's keyed hash chain: sealing, checkpoints outside the database, and verification (ADR 0006).

Every audit row is written with `entry_mac`, an HMAC of its content under the audit key, and a `PendingSeal`
naming it. When its transaction commits (or, for a row whose process died first, when the worker next runs) the
sealer takes the one-row chain head under a lock and appends an `AuditSeal`:
`row_hash = HMAC(key, prev_hash + [seq, row id, entry_mac])`. Only inserts: on PostgreSQL the application's role
may only INSERT and SELECT the audit tables. The worker appends a signed checkpoint of the chain's head to a file
outside the database every few minutes, so a chain cut short with its head wound back no longer matches.

The key is never in the database: whoever owns the database can change rows but cannot make their MACs match.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

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
# How long a row may wait to be sealed before `verify_audit` calls it a problem (it is sealed when its transaction
# commits, or by the worker within seconds).
SEAL_GRACE = timedelta(minutes=1)
_ROW_VALUES = ("id", "key_id", "entry_mac", *ENTRY_FIELDS)
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


def _canonical(values: list[Any]) -> bytes:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat(timespec="microseconds")
        return value

    return json.dumps([plain(v) for v in values], separators=(",", ":"), ensure_ascii=True).encode("ascii")


def entry_mac(key: bytes, key_id: str, content: dict[str, Any]) -> str:
    """The MAC a row is written with: its key's id and its content, under the key."""
    message = _canonical([key_id, *(content[name] for name in ENTRY_FIELDS)])
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def seal_hash(key: bytes, prev_hash: str, seq: int, entry_id: int, mac: str) -> str:
    """A seal's link: the previous seal's hash, then the row's place, id and MAC, under the key."""
    message = prev_hash.encode("ascii") + _canonical([seq, entry_id, mac])
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
        names = [f"entry__{name}" for name in _ROW_VALUES]
        waiting = PendingSeal.objects.order_by("entry_id").values_list(*names)[:batch]
        seq, last = head.seq, head.last_hash
        seals, done = [], []
        for values in waiting:
            row = dict(zip(_ROW_VALUES, values, strict=True))
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


# --- Checkpoints outside the database ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    entry_id: int
    row_hash: str
    at: str
    key_id: str
    mac: str
    line: int = 0

    def message(self) -> bytes:
        return _canonical([self.seq, self.entry_id, self.row_hash, self.at, self.key_id])


def read_checkpoints(path: Path | None = None) -> tuple[list[Checkpoint], list[str]]:
    """Every checkpoint in the file, and a problem for each line that is not one."""
    path = path or settings.FRONTDOOR_AUDIT_CHECKPOINTS
    checkpoints: list[Checkpoint] = []
    problems: list[str] = []
    if not path.exists():
        return checkpoints, problems
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                fields = {name: data[name] for name in ("seq", "entry_id", "row_hash", "at", "key_id", "mac")}
                checkpoints.append(Checkpoint(**fields, line=number))
            except (ValueError, KeyError, TypeError):
                problems.append(f"checkpoint line {number} cannot be read")
    return checkpoints, problems


def _last_checkpoint(path: Path) -> Checkpoint | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        handle.seek(max(0, handle.tell() - 4096))
        tail = handle.read().decode("utf-8", "replace").strip().splitlines()
    for line in reversed(tail):
        try:
            data = json.loads(line)
            return Checkpoint(**{n: data[n] for n in ("seq", "entry_id", "row_hash", "at", "key_id", "mac")})
        except (ValueError, KeyError, TypeError):
            continue
    return None


def write_checkpoint(path: Path | None = None) -> int:
    """Append a signed checkpoint of the chain's head to the file (and the log), if the chain has grown since the
    last one and the rows since then verify; return 1 if one was written (a worker job)."""
    path = path or settings.FRONTDOOR_AUDIT_CHECKPOINTS
    with transaction.atomic():
        head = AuditSeal.objects.order_by("-seq").values_list("seq", "entry_id", "row_hash").first()
        # A durable commit after the read: every seal it saw (sealed after commit without waiting for the disk) is
        # then on disk too, so no checkpoint can name a seal that a crash could take back.
        AuditChainHead.objects.filter(pk=1).update(seq=models.F("seq"))
    last = _last_checkpoint(path)
    if head is None or (last is not None and last.seq >= head[0]):
        return 0
    start = (last.seq, last.row_hash) if last is not None else (0, GENESIS_HASH)
    report = verify_chain(start=start, stop=head[0], checkpoints=False)
    if not report.ok:
        # Never anchor a chain that does not verify: the break stays visible to verify_audit.
        log.error("access.audit_chain_broken seq=%s id=%s", report.first_broken_seq, report.first_broken_id)
        return 0
    key_id, key = current_key()
    at = timezone.now().astimezone(UTC).isoformat(timespec="seconds")
    unsigned = Checkpoint(seq=head[0], entry_id=head[1], row_hash=head[2], at=at, key_id=key_id, mac="")
    mac = hmac.new(key, unsigned.message(), hashlib.sha256).hexdigest()
    record = {"seq": head[0], "entry_id": head[1], "row_hash": head[2], "at": at, "key_id": key_id, "mac": mac}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii"))
        os.fsync(fd)
    finally:
        os.close(fd)
    log.info("access.audit_checkpoint seq=%s row_hash=%s mac=%s", head[0], head[2], mac)
    return 1


# --- Verification --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    what: str
    seq: int | None = None
    entry_id: int | None = None

    def where(self) -> str:
        if self.seq is None and self.entry_id is None:
            return ""
        row = f"row {self.seq}" if self.seq is not None else "a row not on the chain"
        return row + (f" (id {self.entry_id})" if self.entry_id is not None else "")


@dataclass(frozen=True)
class ChainReport:
    rows: int
    ok: bool
    first_broken_seq: int | None = None
    first_broken_id: int | None = None
    problem: str = ""
    unsealed: int = 0  # rows written and not yet sealed (normally none: rows are sealed at commit)
    checkpoints: int = 0  # checkpoints checked against the chain
    problems: list[Problem] = field(default_factory=list)


def _sealed_rows(using: str, start: int, stop: int | None, batch: int) -> Iterator[dict[str, Any]]:
    names = ("seq", "key_id", "prev_hash", "row_hash", *(f"entry__{n}" for n in _ROW_VALUES))
    query = AuditSeal.objects.using(using).filter(seq__gt=start)
    if stop is not None:
        query = query.filter(seq__lte=stop)
    for values in query.order_by("seq").values_list(*names).iterator(chunk_size=batch):
        yield dict(zip(names, values, strict=True))


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    return {name: row[f"entry__{name}"] for name in _ROW_VALUES}


def _entry_problem(keys: dict[str, bytes], entry: dict[str, Any]) -> str:
    key = keys.get(entry["key_id"])
    if key is None:
        return f"it was written with audit key {entry['key_id'] or '(none)'}, which is not configured"
    if not hmac.compare_digest(entry_mac(key, entry["key_id"], entry), entry["entry_mac"]):
        return "its content does not match its hash"
    return ""


def verify_chain(
    *,
    using: str = "default",
    start: tuple[int, str] = (0, GENESIS_HASH),
    stop: int | None = None,
    checkpoints: Path | bool = True,
    batch: int = 5000,
    now: datetime | None = None,
) -> ChainReport:
    """Recompute every row's MAC and every seal's hash in order, compare the head and every checkpoint, and check
    the rows waiting to be sealed. Reads only: it seals nothing, so it can never vouch for a changed row.

    `checkpoints` is the checkpoint file (True: the configured one; False: check none).
    """
    keys = known_keys()
    problems: list[Problem] = []
    file_problems: list[Problem] = []  # the checkpoint file's own, reported after the chain's
    marks: dict[int, list[Checkpoint]] = {}
    checked = 0
    if checkpoints is not False:
        path = settings.FRONTDOOR_AUDIT_CHECKPOINTS if checkpoints is True else Path(checkpoints)
        found, unreadable = read_checkpoints(path)
        file_problems += [Problem(p) for p in unreadable]
        for mark in found:
            key = keys.get(mark.key_id)
            if key is None:
                what = f"checkpoint line {mark.line} was signed with audit key {mark.key_id}, which is not configured"
                file_problems.append(Problem(what))
            elif not hmac.compare_digest(hmac.new(key, mark.message(), hashlib.sha256).hexdigest(), mark.mac):
                file_problems.append(Problem(f"checkpoint line {mark.line} does not match its signature"))
            else:
                marks.setdefault(mark.seq, []).append(mark)
    expected_seq, expected_prev = start[0] + 1, start[1]
    count = 0
    for row in _sealed_rows(using, start[0], stop, batch):
        count += 1
        seq, entry = row["seq"], _entry(row)
        if seq != expected_seq:
            missing = f"row {expected_seq}" if seq == expected_seq + 1 else f"rows {expected_seq} to {seq - 1}"
            problems.append(Problem(f"{missing} is missing (the next row is {seq})", expected_seq))
            break
        if row["prev_hash"] != expected_prev:
            what = "its link to the previous row does not match (a row before it was changed or removed)"
            problems.append(Problem(what, seq, entry["id"]))
            break
        entry_problem = _entry_problem(keys, entry)
        if entry_problem:
            problems.append(Problem(entry_problem, seq, entry["id"]))
            break
        seal_key = keys.get(row["key_id"])
        if seal_key is None:
            what = f"it was sealed with audit key {row['key_id']}, which is not configured"
            problems.append(Problem(what, seq, entry["id"]))
            break
        digest = seal_hash(seal_key, expected_prev, seq, entry["id"], entry["entry_mac"])
        if not hmac.compare_digest(digest, row["row_hash"]):
            problems.append(Problem("its content does not match its hash", seq, entry["id"]))
            break
        for mark in marks.pop(seq, []):
            checked += 1
            if (mark.entry_id, mark.row_hash) != (entry["id"], row["row_hash"]):
                what = f"it is not the row the checkpoint of {mark.at} recorded (the chain was rewritten)"
                problems.append(Problem(what, seq, entry["id"]))
        if problems:
            break
        expected_prev = row["row_hash"]
        expected_seq += 1
    end = expected_seq - 1
    if not problems and stop is None:
        for seq in sorted(marks):
            mark = marks[seq][0]
            missing = f"row {seq} is" if seq == end + 1 else f"rows {end + 1} to {seq} are"
            what = (
                f"{missing} missing: the checkpoint of {mark.at} recorded row {seq} (id {mark.entry_id}), "
                f"and the chain ends at row {end}"
            )
            problems.append(Problem(what, end + 1))
            break
        head = AuditChainHead.objects.using(using).filter(pk=1).values_list("seq", "last_hash").first()
        if not problems and head is not None and head != (end, expected_prev):
            what = f"the chain head says {head[0]} rows, but the chain ends at row {end}"
            problems.append(Problem(what, end + 1))
    unsealed = 0
    if stop is None:
        unsealed, unsealed_problems = _check_unsealed(using, keys, now or timezone.now())
        problems += unsealed_problems
    problems += file_problems
    first = problems[0] if problems else None
    return ChainReport(
        rows=count,
        ok=not problems,
        first_broken_seq=first.seq if first else None,
        first_broken_id=first.entry_id if first else None,
        problem=first.what if first else "",
        unsealed=unsealed,
        checkpoints=checked,
        problems=problems,
    )


def _check_unsealed(using: str, keys: dict[str, bytes], now: datetime) -> tuple[int, list[Problem]]:
    """Rows with no seal: each must still match its MAC, and none may have waited past the grace period."""
    problems = []
    query = AccessAudit.objects.using(using).filter(seal__isnull=True).order_by("id").values_list(*_ROW_VALUES)
    count = 0
    for values in query.iterator(chunk_size=2000):
        count += 1
        entry = dict(zip(_ROW_VALUES, values, strict=True))
        entry_problem = _entry_problem(keys, entry)
        if entry_problem:
            problems.append(Problem(f"{entry_problem} (it was changed before it was sealed)", None, entry["id"]))
        elif entry["at"] < now - SEAL_GRACE:
            what = f"it was written at {entry['at']:%Y-%m-%d %H:%M:%S} and never sealed (is the worker running?)"
            problems.append(Problem(what, None, entry["id"]))
    return count, problems
