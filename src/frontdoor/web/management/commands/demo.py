"""frontdoor demo: migrate the embedded database, load demo data, write the credentials file and serve."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from frontdoor.synth import SynthOptions, generate
from frontdoor.web.demo import load_demo_data

DEMO_COUNTY_SEED = 2026


class Command(BaseCommand):
    help = "Migrate, load the demo partnership (safe to re-run), write var/demo-credentials.json and serve."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--no-serve", action="store_true", help="Load the data and stop")
        parser.add_argument(
            "--county-children",
            type=int,
            default=2000,
            help="Size of the synthetic county whose agency extracts are loaded (0 to skip)",
        )

    def handle(self, *args, port: int, no_serve: bool, county_children: int, **options):
        call_command("migrate", interactive=False, verbosity=0)
        credentials = load_demo_data()
        if county_children:
            self._load_county(county_children)
        path = settings.VAR_DIR / "demo-credentials.json"
        path.write_text(json.dumps(credentials.as_json(), indent=2) + "\n")
        path.chmod(0o600)
        self.stdout.write(self.style.SUCCESS("frontdoor demo data loaded (synthetic people only)."))
        password = credentials.users[0]["password"]
        self.stdout.write(f"\nSign in with any of these (password for all: {password}):")
        for user in credentials.users:
            self.stdout.write(f"  {user['username']:<16} {', '.join(user['roles'])}")
        self.stdout.write("\nAPI tokens (Authorization: Bearer ...):")
        for client, token in credentials.api_tokens.items():
            self.stdout.write(f"  {client:<16} {token}")
        self.stdout.write(f"\nAll of this is also in {path}")
        if no_serve:
            return
        self.stdout.write(self.style.SUCCESS(f"\nfrontdoor is running at http://127.0.0.1:{port}/  (Ctrl+C to stop)\n"))
        self.stdout.flush()
        # The worker beside the server, as in production: deadlines escalate, notifications arrive, and each
        # arriving child is checked against the county within seconds.
        worker = subprocess.Popen([str(Path(sys.executable).parent / "frontdoor"), "worker"])  # noqa: S603
        try:
            call_command("serve", port=port)
        finally:
            worker.terminate()
            worker.wait(timeout=30)

    def _load_county(self, children: int) -> None:
        """Generate the synthetic county once, then bring every agency's extract in through the adapters."""
        out = settings.VAR_DIR / "county"
        manifest = out / "manifest.json"
        if not manifest.exists() or json.loads(manifest.read_text())["arguments"]["children"] != children:
            self.stdout.write(f"Generating a synthetic county of {children:,} children in {out} ...")
            generate(SynthOptions(children=children, seed=DEMO_COUNTY_SEED), out)
        self.stdout.write("Loading each agency's extract (safe to repeat: unchanged records are left alone):")
        call_command("ingest", "all", str(out), "--no-progress", stdout=self.stdout)
        self.stdout.write("Linking every agency's records into people (Splink, trained on the county itself):")
        call_command("link", stdout=self.stdout)
