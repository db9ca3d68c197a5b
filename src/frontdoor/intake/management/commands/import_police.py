"""frontdoor import_police DIR --client NAME: VISTs and domestic-abuse incidents from the police system's export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.access.audit import Actor
from frontdoor.access.models import ApiClient
from frontdoor.intake.police_import import import_police_extract


class Command(BaseCommand):
    help = (
        "Import VISTs and domestic-abuse incidents from a police export (incidents.csv, persons.csv, vists.csv), "
        "as the named police API client. Safe to repeat; ends with a reconciliation report."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The export directory (or a county directory with police/)")
        parser.add_argument("--client", required=True, help="The police API client the records come from")
        parser.add_argument(
            "--since", type=date.fromisoformat, help="Only incidents and VISTs on or after (YYYY-MM-DD)"
        )

    def handle(self, *args, path: Path, client: str, since: date | None, **options):
        extract = path / "police" if (path / "police").is_dir() else path
        missing = [name for name in ("incidents.csv", "persons.csv", "vists.csv") if not (extract / name).exists()]
        if missing:
            raise CommandError(f"{extract} has no {', '.join(missing)}")
        sender = ApiClient.objects.select_related("agency").filter(name=client, active=True).first()
        if sender is None or sender.agency.kind != "police":
            raise CommandError(f"{client!r} is not an active police API client")
        actor = Actor(user=None, role=None, agency=sender.agency, api_client=sender, request_id="import-police")
        for report in import_police_extract(extract, actor=actor, since=since):
            for line in report.lines():
                self.stdout.write(line)
