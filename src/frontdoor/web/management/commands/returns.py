"""frontdoor returns NAME --year YYYY --out DIR: write a statutory return for the collection year ending in YYYY
(1 April YYYY-1 to 31 March YYYY) into DIR. Each return is registered by the capability whose data it is made from
(`core.registry.register_return`); `frontdoor returns --help` lists them.

frontdoor returns validate [--year YYYY]: make this year's returns from today's data and check them with the DfE's
validators, listing each child with something to fix by their local authority child id, in the rules' words."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.core.registry import list_returns
from frontdoor.reports.cin_census_rows import DISABILITY
from frontdoor.reports.validation import YearCheck, check_year, collection_year_of

VALIDATE = "validate"
# Where a finding is put right, when a form on the child's record does it.
FIXES = {DISABILITY: ("singleview:disability", "Record their disability on their page")}


class Command(BaseCommand):
    help = "Write a statutory return for a collection year (1 April to 31 March) into a folder"

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="return_name", metavar="RETURN", required=True)
        for statutory_return in list_returns():
            sub = subparsers.add_parser(statutory_return.name, help=statutory_return.help)
            sub.add_argument(
                "--year", type=int, required=True, help="The year the collection year ends in: 2026 is 2025-26"
            )
            sub.add_argument(
                "--out",
                type=Path,
                required=True,
                help="The folder to write the files into"
                + (f" (or the {statutory_return.file_suffix} file's path)" if statutory_return.file_suffix else ""),
            )
        check = subparsers.add_parser(VALIDATE, help="Check this year's returns from today's data with the DfE rules")
        check.add_argument("--year", type=int, help="The year the collection year ends in (default: this one)")

    def handle(self, *args, return_name: str, year: int | None, out: Path | None = None, **options):
        if return_name == VALIDATE:
            year = year or collection_year_of(timezone.localdate())
        if not 2000 < year < 2100:  # type: ignore[operator]
            raise CommandError("--year is the year the collection year ends in, for example 2026 for 2025-26")
        if return_name == VALIDATE:
            actor = Actor(user=None, role="", agency=None, request_id=f"returns-validate-{year}")
            for line in check_lines(check_year(actor, year)):  # type: ignore[arg-type]
                self.stdout.write(line)
            return
        assert out is not None and year is not None
        chosen = {r.name: r for r in list_returns()}[return_name]
        if chosen.file_suffix and out.suffix.lower() == chosen.file_suffix:
            out.parent.mkdir(parents=True, exist_ok=True)
        else:
            out.mkdir(parents=True, exist_ok=True)
        for line in chosen.write(year, out):
            self.stdout.write(line)


def check_lines(check: YearCheck) -> list[str]:
    """The check in words: what ran, each child with findings (by local authority child id), the return's own."""
    lines = [f"This year's returns ({check.label}) from today's data."]
    lines += [f"Checked: {r}." for r in check.ran]
    lines += [f"Not checked: {r}" for r in check.not_run]
    lines += [f"The DfE's schema: {e}" for e in check.schema_errors]
    errors = sum(c.errors for c in check.children)
    queries = sum(len(c.findings) - c.errors for c in check.children)
    lines.append(
        f"{errors} {'error' if errors == 1 else 'errors'} and {queries} to check, for {len(check.children)} children."
    )
    for c in check.children:
        lines.append(f"Child {c.child_id or '(no local authority child id)'}:")
        for f in c.findings:
            kind = "To check" if f.query else ("Left out" if f.left_out else "Error")
            rule = f" (rule {f.rule})" if f.rule else ""
            lines.append(f"  {kind}, {f.return_name}{rule}: {f.words}")
            if f.fix in FIXES and c.person_id is not None:
                route, words = FIXES[f.fix]
                lines.append(f"    {words}: {reverse(route, args=[c.person_id])}")
    for f in check.return_level:
        lines.append(f"The whole return, {'to check' if f.query else 'error'} (rule {f.rule}): {f.words}")
    return lines
