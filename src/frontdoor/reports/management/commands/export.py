"""frontdoor export analyst --out DIR [--format csv|parquet]: the Standard Safeguarding Dataset's tables,
pseudonymised, into DIR, with a README beside them; the export is recorded (an analyst export row and an access-audit
entry)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.reports.exports import NoPseudonymKey, write_all
from frontdoor.reports.models import ExportFormat


class Command(BaseCommand):
    help = "Write a pseudonymised export for analysts"

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="export_name", metavar="EXPORT", required=True)
        analyst = subparsers.add_parser(
            "analyst", help="The Standard Safeguarding Dataset's tables, pseudonymised, as CSV or Parquet"
        )
        analyst.add_argument("--out", type=Path, required=True, help="The folder to write the files into")
        analyst.add_argument("--format", choices=ExportFormat.values, default=ExportFormat.CSV, dest="file_format")

    def handle(self, *args, export_name: str, out: Path, file_format: str, **options):
        try:
            written = write_all(out, file_format)
        except NoPseudonymKey as refused:
            raise CommandError(
                f"No export: {refused}. Set FRONTDOOR_PSEUDONYM_KEY to a random value of 32 characters or more, kept "
                "secret and kept the same from one export to the next."
            ) from refused
        tables = len(written["tables"])
        self.stdout.write(
            f"Pseudonymised export written to {out}: {written['rows']:,} rows in {tables} tables, with a README "
            "saying what each holds."
        )
        for name, rows in written["tables"].items():
            self.stdout.write(f"  {name}: {rows:,} rows")
