"""Writes to people and source records. Ingest: each extract's records and events, stored idempotently.

Rows go in batches, each batch its own transaction, so a failure part-way keeps everything before it; a malformed
row is recorded with its line and reason and the rest still goes in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils import timezone

from frontdoor.people.ingest import SYSTEMS, ExtractFile
from frontdoor.people.ingest.parsing import (
    LONDON,
    Parsed,
    ParsedEvent,
    ParsedParticipation,
    ParsedRecord,
    RowError,
    kind_from_age,
)
from frontdoor.people.models import IngestRun, SourceEvent, SourceParticipation, SourceRecord

log = logging.getLogger(__name__)

BATCH = 2000
KEPT_ERRORS = 1000
RECORD_FIELDS = [
    "kind",
    "first_name",
    "middle_names",
    "last_name",
    "date_of_birth",
    "age_years",
    "age_given_on",
    "expected_date_of_delivery",
    "sex",
    "postcode",
    "address",
    "nhs_number",
    "upn",
    "attributes",
    "first_name_key",
    "last_name_key",
]
EVENT_FIELDS = ["kind", "occurred_at", "ended_at", "attributes"]
# What record linkage reads of a record (linkage.preparation.from_source_record): a change to any of these, or a new
# record, leaves the record pending until the worker links it.
LINKED_FIELDS = ("first_name", "middle_names", "last_name", "date_of_birth", "age_years", "age_given_on", "sex",
                 "postcode", "nhs_number", "upn")  # fmt: skip


class UnknownExtract(ValueError):
    """The system or file kind is not one frontdoor reads."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged, "stale": self.stale}


@dataclass
class IngestResult:
    """What one import did: counts per kind of item, and the rejected rows."""

    system: str
    records: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    participations: int = 0
    errors: list[RowError] = field(default_factory=list)
    rejected: int = 0
    runs: list[int] = field(default_factory=list)

    def merge(self, other: IngestResult) -> None:
        for mine, theirs in ((self.records, other.records), (self.events, other.events)):
            for name, value in theirs.as_dict().items():
                setattr(mine, name, getattr(mine, name) + value)
        self.participations += other.participations
        self.rejected += other.rejected
        self.errors.extend(other.errors[: max(0, KEPT_ERRORS - len(self.errors))])
        self.runs.extend(other.runs)

    def summary(self) -> dict[str, Any]:
        return {
            "system": self.system,
            "records": self.records.as_dict(),
            "events": self.events.as_dict(),
            "participations": self.participations,
            "rejected": self.rejected,
            "errors": [{"source": e.source, "line": e.line, "reason": e.reason} for e in self.errors[:100]],
        }


Progress = Callable[[int], None]


def extract_file(system: str, file_kind: str) -> ExtractFile:
    for extract in SYSTEMS.get(system, ()):
        if extract.kind == file_kind:
            return extract
    known = ", ".join(f"{s}/{f.kind}" for s, files in SYSTEMS.items() for f in files)
    raise UnknownExtract(f"{system}/{file_kind} is not an extract frontdoor reads ({known})")


def ingest_stream(
    system: str,
    file_kind: str,
    stream: IO[str],
    *,
    source_name: str,
    extracted_at: datetime,
    progress: Progress | None = None,
) -> IngestResult:
    """Parse one extract file from a text stream and store what it holds; return what was done."""
    extract = extract_file(system, file_kind)
    result = IngestResult(system=system)
    run = IngestRun.objects.create(
        system=system,
        file_kind=file_kind,
        source_name=source_name[:300],
        extracted_at=extracted_at,
        started_at=timezone.now(),
    )
    batch: list[Parsed] = []
    for item in extract.parse(stream, source_name):
        if isinstance(item, RowError):
            result.rejected += 1
            if len(result.errors) < KEPT_ERRORS:
                result.errors.append(item)
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            _store(system, batch, extracted_at, result)
            if progress:
                progress(len(batch))
            batch = []
    if batch:
        _store(system, batch, extracted_at, result)
        if progress:
            progress(len(batch))
    run.finished_at = timezone.now()
    run.counts = {
        "records": result.records.as_dict(),
        "events": result.events.as_dict(),
        "participations": result.participations,
    }
    run.rejected = result.rejected
    run.errors = [{"line": e.line, "reason": e.reason} for e in result.errors]
    run.save(update_fields=["finished_at", "counts", "rejected", "errors"])
    result.runs.append(run.pk)
    log.info("ingest.file_done run=%s system=%s kind=%s rejected=%s", run.pk, system, file_kind, result.rejected)
    return result


def ingest_path(system: str, path: Path, *, extracted_at: datetime, progress: Progress | None = None) -> IngestResult:
    """Import a system's extract: a directory laid out as `frontdoor synth` writes it, or one file."""
    if system not in SYSTEMS:
        raise UnknownExtract(f"{system!r} is not a system frontdoor reads ({', '.join(SYSTEMS)})")
    result = IngestResult(system=system)
    for extract, file in extract_files(system, path):
        with file.open(encoding="utf-8", newline="") as stream:
            result.merge(
                ingest_stream(
                    system, extract.kind, stream, source_name=str(file), extracted_at=extracted_at, progress=progress
                )
            )
    return result


def extract_files(system: str, path: Path) -> list[tuple[ExtractFile, Path]]:
    """The files of a system's extract in the order they are read (people before the events naming them)."""
    files: list[tuple[ExtractFile, Path]] = []
    for extract in SYSTEMS[system]:
        if path.is_dir():
            # The whole county's directory (DIR/police/incidents.csv) or the system's own (DIR/police).
            matches = sorted(path.glob(extract.pattern)) or sorted(path.glob(Path(extract.pattern).name))
            files.extend((extract, match) for match in matches)
        elif path.match(Path(extract.pattern).name):
            files.append((extract, path))
    if not files:
        raise UnknownExtract(f"no {system} extract files found at {path}")
    return files


def _store(system: str, batch: Iterable[Parsed], extracted_at: datetime, result: IngestResult) -> None:
    records: dict[str, ParsedRecord] = {}
    events: dict[str, ParsedEvent] = {}
    participations: set[tuple[str, str, str]] = set()
    for item in batch:
        if isinstance(item, ParsedRecord):
            if not item.kind:
                item.kind = kind_from_age(item.date_of_birth, item.age_years, extracted_at.date())
            records[item.source_id] = item
        elif isinstance(item, ParsedEvent):
            if item.source_id in events:  # one event, several rows (a sibling group's early-help episode)
                item.participants = sorted(set(events[item.source_id].participants) | set(item.participants))
            events[item.source_id] = item
            participations.update((item.source_id, who, role) for who, role in item.participants)
        elif isinstance(item, ParsedParticipation):
            participations.add((item.event_source_id, item.record_source_id, item.role))
    _age_given_on(system, records.values(), events)
    with transaction.atomic():
        _upsert(SourceRecord, system, records, RECORD_FIELDS, extracted_at, result.records, linked_by=LINKED_FIELDS)
        _upsert(SourceEvent, system, events, EVENT_FIELDS, extracted_at, result.events)
        held = set(
            SourceParticipation.objects.filter(
                system=system, event_source_id__in={e for e, _, _ in participations}
            ).values_list("event_source_id", "record_source_id", "role")
        )
        created = sorted(participations - held)
        SourceParticipation.objects.bulk_create(
            [
                SourceParticipation(
                    system=system, event_source_id=e, record_source_id=r, role=role, extracted_at=extracted_at
                )
                for e, r, role in created
            ],
            ignore_conflicts=True,
            batch_size=500,
        )
        result.participations += len(created)


def _age_given_on(system: str, records: Iterable[ParsedRecord], events: dict[str, ParsedEvent]) -> None:
    """The day each age held: the day (UK time) of the event it was given at, from this batch or an earlier file of
    the extract (police: incidents are read before the persons naming them); unknown if the event is not held."""
    given = [record for record in records if record.age_years is not None and record.age_given_at]
    wanted = {record.age_given_at for record in given} - set(events)
    held = (
        dict(SourceEvent.objects.filter(system=system, source_id__in=wanted).values_list("source_id", "occurred_at"))
        if wanted
        else {}
    )
    held.update((source_id, event.occurred_at) for source_id, event in events.items())
    for record in given:
        occurred = held.get(record.age_given_at)
        record.age_given_on = timezone.localtime(occurred, LONDON).date() if occurred else None


def _upsert(
    model,
    system: str,
    items: dict,
    fields: list[str],
    extracted_at: datetime,
    counts: Counts,
    *,
    linked_by: tuple[str, ...] = (),
) -> None:
    """Create new rows and update changed ones. With linked_by (the fields record linkage reads), a new row, or one
    whose linked_by fields changed, is marked pending for the worker to link (link_pending_since)."""
    if not items:
        return
    existing = {
        row.source_id: row
        for row in model.objects.filter(system=system, source_id__in=list(items)).only(
            "id", "source_id", "content_hash", "extracted_at", *linked_by
        )
    }
    now = timezone.now()
    pending = {"link_pending_since": now} if linked_by else {}
    creates, updates, relink = [], [], []
    for source_id, item in items.items():
        digest = item.content_hash()
        values = {name: getattr(item, name) for name in fields}
        row = existing.get(source_id)
        if row is None:
            creates.append(
                model(
                    system=system,
                    source_id=source_id,
                    extracted_at=extracted_at,
                    content_hash=digest,
                    **values,
                    **pending,
                )
            )
            counts.created += 1
        elif row.content_hash == digest:
            counts.unchanged += 1
        elif row.extracted_at > extracted_at:
            counts.stale += 1  # an older extract never overwrites what a newer one said
        else:
            if any(getattr(row, name) != values[name] for name in linked_by):
                relink.append(row.pk)
            for name, value in values.items():
                setattr(row, name, value)
            row.content_hash, row.extracted_at = digest, extracted_at
            updates.append(row)
            counts.updated += 1
    model.objects.bulk_create(creates, batch_size=500)
    if updates:
        model.objects.bulk_update(updates, [*fields, "content_hash", "extracted_at"], batch_size=500)
    if relink:
        model.objects.filter(pk__in=relink).update(**pending)
