"""frontdoor verify_audit: check the access audit's keyed hash chain and its checkpoints; report the first broken
row. It only reads: rows waiting to be sealed are checked against their own MACs, never sealed (ADR 0006)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.access.audit import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the access audit's hash chain against its key and its checkpoints; exit 1 naming the first row that "
        "was changed, removed, inserted or reordered. Reads only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default", help="The database alias to verify")
        parser.add_argument(
            "--checkpoints",
            type=Path,
            default=None,
            help="The checkpoint file (default: FRONTDOOR_AUDIT_CHECKPOINTS)",
        )

    def handle(self, *args, database: str, checkpoints: Path | None, **options):
        path = checkpoints or settings.FRONTDOOR_AUDIT_CHECKPOINTS
        report = verify_chain(using=database, checkpoints=path)
        if not report.ok:
            for problem in report.problems[1:]:
                self.stderr.write(f"Also: {problem.where() or 'the checkpoints'}: {problem.what}.")
            first = report.problems[0]
            where = first.where() or "its checkpoints"
            raise CommandError(f"The access audit's chain is broken at {where}: {first.what}.")
        waiting = f"; {report.unsealed} rows written in the last minute wait to be sealed" if report.unsealed else ""
        self.stdout.write(
            f"The access audit's chain is intact: {report.rows} rows verified, "
            f"{report.checkpoints} checkpoints matched{waiting}."
        )
