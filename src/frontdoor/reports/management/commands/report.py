"""frontdoor report annual --year YYYY [--out FILE]: the partnership's annual report figures for 1 April YYYY-1 to
31 March YYYY, each with its definition (the scorecard's figures over the year; small numbers suppressed, as for
anyone who sees aggregates only)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.access.audit import Actor
from frontdoor.reports.annual import annual_lines, build_annual


class Command(BaseCommand):
    help = "The partnership's annual report figures"

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="report_name", metavar="REPORT", required=True)
        annual = subparsers.add_parser("annual", help="The annual report figures for a year from April to March")
        annual.add_argument("--year", type=int, required=True, help="The year it ends in: 2026 is 2025-26")
        annual.add_argument("--out", type=Path, help="Also write the figures to this text file")

    def handle(self, *args, report_name: str, year: int, out: Path | None = None, **options):
        if not 2000 < year < 2100:
            raise CommandError(
                "--year is the year the report's year ends in, for example 2026 for April 2025 to March 2026"
            )
        actor = Actor(user=None, role="", agency=None, request_id=f"command-report-annual-{year}")
        lines = annual_lines(build_annual(actor, year), year)
        if out is not None:
            out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        for line in lines:
            self.stdout.write(line)
