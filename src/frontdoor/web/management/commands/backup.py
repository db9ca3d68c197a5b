"""frontdoor backup: a consistent copy of the whole database, with a manifest and the audit checkpoints beside it."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.web.management.backups import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back the database up while the service runs (SQLite: the online backup API; PostgreSQL: pg_dump, custom "
        "format), with a manifest (time, row counts per table, the audit chain's head) and the audit checkpoints."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=None, help="Where to write (default: FRONTDOOR_BACKUP_DIR)")
        parser.add_argument("--database", default="default", help="The database alias to back up")

    def handle(self, *args, dir: Path | None, database: str, **options):
        try:
            manifest_path = backup(dir or settings.FRONTDOOR_BACKUP_DIR, using=database)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        manifest = json.loads(manifest_path.read_text())
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables, {rows} rows (audit chain at row {manifest['audit']['seq']})"
            f" to {manifest_path.parent / manifest['file']}; manifest {manifest_path.name}."
        )
