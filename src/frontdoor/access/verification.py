"""Checking the access audit's chain: signed checkpoints of its head outside the database, and verification that
only reads (ADR 0006).

The worker appends a checkpoint every few minutes, once the rows since the last one verify, so that a chain cut
short with its head wound back, or rewritten, no longer matches. `verify_chain` (`frontdoor verify_audit`) checks
every row's MAC, every seal's link, the head, every checkpoint and the rows waiting to be sealed, and seals nothing.
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
from django.db import models, transaction
from django.utils import timezone

from frontdoor.access.chain import (
    GENESIS_HASH,
    ROW_VALUES,
    canonical,
    current_key,
    entry_mac,
    known_keys,
    seal_hash,
)
from frontdoor.access.models import AccessAudit, AuditChainHead, AuditSeal

log = logging.getLogger("frontdoor.access.audit")

# How long a row may wait to be sealed before `verify_audit` calls it a problem (it is sealed when its transaction
# commits, or by the worker within seconds).
SEAL_GRACE = timedelta(minutes=1)


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
        return canonical([self.seq, self.entry_id, self.row_hash, self.at, self.key_id])


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
    names = ("seq", "key_id", "prev_hash", "row_hash", *(f"entry__{n}" for n in ROW_VALUES))
    query = AuditSeal.objects.using(using).filter(seq__gt=start)
    if stop is not None:
        query = query.filter(seq__lte=stop)
    for values in query.order_by("seq").values_list(*names).iterator(chunk_size=batch):
        yield dict(zip(names, values, strict=True))


def _entry(row: dict[str, Any]) -> dict[str, Any]:
    return {name: row[f"entry__{name}"] for name in ROW_VALUES}


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
    query = AccessAudit.objects.using(using).filter(seal__isnull=True).order_by("id").values_list(*ROW_VALUES)
    count = 0
    for values in query.iterator(chunk_size=2000):
        count += 1
        entry = dict(zip(ROW_VALUES, values, strict=True))
        entry_problem = _entry_problem(keys, entry)
        if entry_problem:
            problems.append(Problem(f"{entry_problem} (it was changed before it was sealed)", None, entry["id"]))
        elif entry["at"] < now - SEAL_GRACE:
            what = f"it was written at {entry['at']:%Y-%m-%d %H:%M:%S} and never sealed (is the worker running?)"
            problems.append(Problem(what, None, entry["id"]))
    return count, problems
