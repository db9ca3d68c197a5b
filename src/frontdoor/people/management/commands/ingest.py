"""frontdoor ingest SYSTEM PATH: bring an agency system's extract into frontdoor as source records and events."""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import IO, cast

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frontdoor.core.planner import gather_statistics
from frontdoor.people.ingest import SYSTEMS
from frontdoor.people.services import IngestResult, UnknownExtract, extract_files, ingest_stream


class ProgressFile:
    """A text file that draws a progress bar on stderr as it is read (by bytes, so it works for any format)."""

    def __init__(self, path: Path, label: str, enabled: bool):
        self._file = path.open(encoding="utf-8", newline="")
        self._size = max(path.stat().st_size, 1)
        self._read = 0
        self._label = label
        self._enabled = enabled
        self._drawn_at = 0.0

    def read(self, size: int | None = -1) -> str:
        data = self._file.read(size)
        self._advance(len(data))
        return data

    def readline(self, size: int = -1) -> str:
        line = self._file.readline(size)
        self._advance(len(line))
        return line

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._file.readline()
        if not line:
            raise StopIteration
        self._advance(len(line))
        return line

    def _advance(self, n: int) -> None:
        self._read += n
        now = time.monotonic()
        if self._enabled and (now - self._drawn_at > 0.2 or self._read >= self._size):
            self._drawn_at = now
            share = min(self._read / self._size, 1.0)
            bar = "#" * int(share * 30)
            sys.stderr.write(f"\r  {self._label:<38} [{bar:<30}] {share:4.0%}")
            sys.stderr.flush()

    def close(self) -> None:
        if self._enabled:
            sys.stderr.write("\n")
        self._file.close()


def extract_time(path: Path) -> datetime | None:
    """The extract time the generator recorded in manifest.json beside (or above) the files, if any."""
    for folder in (path if path.is_dir() else path.parent, *(path if path.is_dir() else path.parent).parents[:2]):
        manifest = folder / "manifest.json"
        if manifest.exists():
            data = json.loads(manifest.read_text())
            value = data.get("extract_time") or data.get("extracted_at") or data.get("extract_date")
            if value:
                moment = datetime.fromisoformat(str(value))
                return moment if moment.tzinfo else timezone.make_aware(moment)
    return None


class Command(BaseCommand):
    help = (
        "Import an agency system's extract (csc, police, health, education, earlyhelp) from a directory laid out as "
        "`frontdoor synth` writes it, or from one file; `all DIR` imports every system. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("system", choices=[*SYSTEMS, "all"])
        parser.add_argument("path", type=Path)
        parser.add_argument("--extracted-at", help="When the extract was taken (ISO 8601); default: manifest or now")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress bars")

    def handle(self, *args, system: str, path: Path, extracted_at: str | None, no_progress: bool, **options):
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        when = self._when(path, extracted_at)
        systems = list(SYSTEMS) if system == "all" else [system]
        show = not no_progress and options.get("verbosity", 1) > 0
        started = time.monotonic()
        failed = False
        for name in systems:
            result = IngestResult(system=name)
            try:
                files = extract_files(name, path / name if system == "all" and (path / name).is_dir() else path)
            except UnknownExtract as exc:
                if system == "all":
                    self.stderr.write(f"{name}: skipped ({exc})")
                    continue
                raise CommandError(str(exc)) from exc
            for extract, file in files:
                stream = ProgressFile(file, f"{name} {file.name}", enabled=show)
                try:
                    result.merge(
                        ingest_stream(
                            name, extract.kind, cast(IO[str], stream), source_name=str(file), extracted_at=when
                        )
                    )
                finally:
                    stream.close()
            failed |= self._report(result)
        gather_statistics()
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s (extract time {when:%Y-%m-%d %H:%M %Z}).")
        if failed and system != "all":
            raise CommandError("some rows were rejected: see above")

    def _when(self, path: Path, given: str | None) -> datetime:
        if given:
            try:
                moment = datetime.fromisoformat(given)
            except ValueError:
                raise CommandError(f"--extracted-at {given!r} is not an ISO 8601 date and time") from None
            return moment if moment.tzinfo else timezone.make_aware(moment)
        return extract_time(path) or timezone.now()

    def _report(self, result: IngestResult) -> bool:
        summary = result.summary()
        r, e = summary["records"], summary["events"]
        self.stdout.write(
            f"{result.system}: people {r['created']} new, {r['updated']} updated, {r['unchanged']} unchanged, "
            f"{r['stale']} older than held; events {e['created']} new, {e['updated']} updated, "
            f"{e['unchanged']} unchanged, {e['stale']} older than held; {summary['participations']} new links; "
            f"{result.rejected} rows rejected"
        )
        for error in result.errors[:20]:
            self.stdout.write(f"  rejected {error.source} line {error.line}: {error.reason}")
        if result.rejected > 20:
            self.stdout.write(f"  ... and {result.rejected - 20} more (every one is kept in the import run record)")
        return result.rejected > 0
