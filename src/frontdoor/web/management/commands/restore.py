"""frontdoor restore: put a backup into an empty database, then prove it: row counts and the audit chain."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.web.management.backups import BackupError, database_at, restore


class Command(BaseCommand):
    help = (
        "Restore a backup (its file or its manifest) into an empty database, install its audit checkpoints, and "
        "check the restore: row counts per table against the manifest, and the audit chain. Exit 1 if anything "
        "differs."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help="The backup file, or its .manifest.json")
        parser.add_argument(
            "--database-url", default="", help="Restore into this database instead of the service's (DATABASE_URL)"
        )
        parser.add_argument("--replace", action="store_true", help="Restore over a database that is not empty")

    def handle(self, *args, backup: Path, database_url: str, replace: bool, **options):
        try:
            if database_url:
                with database_at(database_url) as alias:
                    report = restore(backup, using=alias, replace=replace)
            else:
                report = restore(backup, replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not report.ok:
            for problem in report.problems:
                self.stderr.write(f"Restore check: {problem}.")
            raise CommandError(f"The restore does not match its backup: {len(report.problems)} problems.")
        grants = " Now re-run the GRANTs for the service's role (README)." if report.vendor == "postgresql" else ""
        self.stdout.write(
            f"Restored and checked: {report.tables} tables, {report.rows} rows as in the manifest; the audit chain "
            f"verifies ({report.audit_rows} rows, {report.checkpoints} checkpoints).{grants}"
        )
