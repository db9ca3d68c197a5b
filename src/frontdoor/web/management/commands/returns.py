"""frontdoor returns NAME --year YYYY --out DIR: write a statutory return for the collection year ending in YYYY
(1 April YYYY-1 to 31 March YYYY) into DIR. Each return is registered by the capability whose data it is made from
(`core.registry.register_return`); `frontdoor returns --help` lists them."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.core.registry import list_returns


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

    def handle(self, *args, return_name: str, year: int, out: Path, **options):
        if not 2000 < year < 2100:
            raise CommandError("--year is the year the collection year ends in, for example 2026 for 2025-26")
        chosen = {r.name: r for r in list_returns()}[return_name]
        if chosen.file_suffix and out.suffix.lower() == chosen.file_suffix:
            out.parent.mkdir(parents=True, exist_ok=True)
        else:
            out.mkdir(parents=True, exist_ok=True)
        for line in chosen.write(year, out):
            self.stdout.write(line)
