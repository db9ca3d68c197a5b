"""frontdoor synth: invent the county of Esterbury and write each agency's extract (docs/synthetic-county.md)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.synth import DEFAULT_EXTRACT_DATE, SynthOptions, generate


class Command(BaseCommand):
    help = (
        "Invent the county of Esterbury (synthetic people only) and write each agency's extract, the ground truth "
        "and a manifest under --out. The same arguments always give byte-identical files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--children", type=int, default=1000, help="children aged 0-17 on the extract date")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", required=True, help="directory to write (created if missing)")
        parser.add_argument("--years", type=int, default=5, help="span of events, ending on the extract date")
        parser.add_argument(
            "--linkage-records",
            type=int,
            default=None,
            metavar="M",
            help=(
                "for linkage benchmarks: keep adding whole families (with all their events) until the extracts "
                "hold at least M person records across csc, police, health, education and early help; "
                "--children is then ignored"
            ),
        )
        parser.add_argument("--error-scale", type=float, default=1.0, help="multiplies every mistake rate (0: clean)")
        parser.add_argument(
            "--start-date", type=date.fromisoformat, default=None, help="ISO date; default --years before"
        )
        parser.add_argument("--extract-date", type=date.fromisoformat, default=DEFAULT_EXTRACT_DATE, help="ISO date")

    def handle(
        self,
        *args: object,
        children: int,
        seed: int,
        out: str,
        years: int,
        linkage_records: int | None,
        error_scale: float,
        start_date: date | None,
        extract_date: date,
        verbosity: int = 1,
        **options: object,
    ) -> None:
        try:
            synth_options = SynthOptions(
                children=children,
                seed=seed,
                years=years,
                extract_date=extract_date,
                start_date=start_date,
                linkage_records=linkage_records,
                error_scale=error_scale,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        def progress(children: int, records: int) -> None:
            if verbosity >= 2:
                self.stderr.write(f"  {children:,} children, {records:,} person records")

        result = generate(synth_options, out, progress=progress)
        if verbosity == 0:
            return
        people = ", ".join(f"{count:,} {kind}" for kind, count in result.people.items())
        records = ", ".join(f"{system} {count:,}" for system, count in result.records.items())
        self.stdout.write(
            self.style.SUCCESS(f"Esterbury written to {result.out} in {result.seconds:.2f} s (synthetic people only).")
        )
        self.stdout.write(f"  people: {people}; households: {result.households:,}")
        self.stdout.write(f"  person records: {records} (total {result.person_records:,})")
        self.stdout.write(
            "  events: "
            f"{result.files['csc/episodes.csv']:,} care episodes, {result.files['police/incidents.csv']:,} incidents, "
            f"{result.files['police/vists.csv']:,} VISTs, {result.resources['Encounter']:,} encounters, "
            f"{result.resources['EpisodeOfCare']:,} maternity episodes, "
            f"{result.files['earlyhelp/episodes.csv']:,} early-help rows"
        )
