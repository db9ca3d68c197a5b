"""The analyst exports: the DfE Standard Safeguarding Dataset's tables, pseudonymised, as CSV or Parquet files with a
README beside them saying what each table holds and what frontdoor cannot fill. Every export is on record: an
`AnalystExport` row (who, when, which tables, how many rows) and an access-audit entry, written in one transaction
after the files; if that write fails, the files are removed and the export fails.

`write_all(out_dir)` is the one function the command, the page and `bench/reports.py` call."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.durability import PLACEHOLDER_SECRETS
from frontdoor.reports.exports_catalogue import NOT_HELD, TABLES
from frontdoor.reports.exports_tables import Pseudonymiser, Row, Table
from frontdoor.reports.models import AnalystExport, ExportFormat

EXPORT_ACTION = "analyst_export"
SHORTEST_KEY = 32


class NoPseudonymKey(Exception):
    """The project's pseudonym key is missing or unsafe: no export may run until it is set."""


def key_problem(key: str) -> str:
    """Why this key may not make pseudonyms, in words ("" when it may)."""
    if not key or key in PLACEHOLDER_SECRETS:
        return "the project's pseudonym key has not been set"
    if len(key) < SHORTEST_KEY:
        return "the project's pseudonym key is too short to keep pseudonyms from being worked back"
    if key in (settings.SECRET_KEY, settings.FRONTDOOR_AUDIT_KEY):
        return "the project's pseudonym key is the same as another of frontdoor's keys"
    return ""


BATCH = 10_000


def _csv(path: Path, table: Table, rows: Iterator[Row]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=table.columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _parquet(path: Path, table: Table, rows: Iterator[Row]) -> int:
    """Every column a string, as in the CSV: a blank is an empty string, never a made-up zero."""
    schema = pa.schema([(c, pa.string()) for c in table.columns])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[Row] = []
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def readme(counts: dict[str, int], file_format: str, at: str) -> str:
    lines = [
        "# frontdoor: the Standard Safeguarding Dataset's tables, pseudonymised",
        "",
        f"Exported {at}, as {file_format.upper()}. Table and column names are the DfE Standard Safeguarding "
        "Dataset's (data-to-insight/ssd-data-model), in its column order.",
        "",
        "Every id is a pseudonym: a keyed hash (HMAC-SHA256) made with this project's key. The same child has the "
        "same pseudonym in every export made with the key, so exports can be joined over time; without the key "
        "nobody can work back to the child. No names, addresses, NHS numbers, pupil numbers or free text are in "
        "these files, and dates of birth keep only their month. Treat the files as personal data all the same: "
        "keep them where the data sharing agreement says.",
        "",
        "A blank is not known or not held, never zero. Every value is text.",
        "",
        "## The tables",
        "",
    ]
    for table in TABLES:
        lines.append(f"- {table.name}: {counts.get(table.name, 0)} rows, {table.about}.")
        if table.not_held:
            lines.append(f"  Not filled: {table.not_held}")
    lines += ["", "## Tables frontdoor cannot fill", "", "These are the council's case management system's:", ""]
    lines += [f"- {words}" for words in NOT_HELD]
    return "\n".join(lines) + "\n"


def _describe(counts: dict[str, int], file_format: str) -> str:
    total = sum(counts.values())
    return f"Pseudonymised analyst export ({file_format.upper()}): {len(counts)} tables, {total} rows"


def write_all(
    out_dir: Path, file_format: str = ExportFormat.CSV, actor: Actor | None = None, key: str | None = None
) -> dict:
    """Write every table into `out_dir` and put the export on record; what was written, as a dict."""
    if file_format not in ExportFormat.values:
        raise ValueError(f"unknown format {file_format!r}: csv or parquet")
    actor = actor or Actor(user=None, role="", agency=None, request_id="command-export-analyst")
    key = key or settings.FRONTDOOR_PSEUDONYM_KEY
    if problem := key_problem(key):
        raise NoPseudonymKey(problem)
    p = Pseudonymiser(key)
    out_dir.mkdir(parents=True, exist_ok=True)
    write = _csv if file_format == ExportFormat.CSV else _parquet
    counts: dict[str, int] = {}
    files: list[Path] = []
    now = timezone.now()
    try:
        for table in TABLES:
            path = out_dir / f"{table.name}.{file_format}"
            files.append(path)
            counts[table.name] = write(path, table, table.rows(p))
        at_words = timezone.localtime(now).strftime("%-d %B %Y at %H:%M")
        files.append(out_dir / "README.md")
        (out_dir / "README.md").write_text(readme(counts, file_format, at_words), encoding="utf-8")
        with transaction.atomic():
            export = AnalystExport.objects.create(
                at=now, by=actor.user, role=actor.role or "", file_format=file_format, tables=counts,
                rows=sum(counts.values()),
            )  # fmt: skip
            record_access(
                actor, None, action=EXPORT_ACTION, purpose=f"{_describe(counts, file_format)}, export {export.pk}",
                outcome=AuditOutcome.ALLOWED,
            )  # fmt: skip
    except BaseException:
        for path in files:
            path.unlink(missing_ok=True)
        raise
    return {
        "export": export.pk,
        "format": file_format,
        "tables": counts,
        "rows": sum(counts.values()),
        "files": [str(f) for f in files],
    }


def write_zip(work_dir: Path, file_format: str, actor: Actor) -> tuple[Path, dict]:
    """The export as one zip file in `work_dir` (for the page's download)."""
    folder = work_dir / "ssd"
    written = write_all(folder, file_format, actor)
    archive = shutil.make_archive(str(work_dir / "frontdoor-ssd-export"), "zip", root_dir=folder)
    return Path(archive), written
