"""frontdoor preflight: the start-up self-check that `serve` and `worker` run, on its own."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from frontdoor.core.durability import DurabilityError, assert_durable


class Command(BaseCommand):
    help = "Check the database is configured so that no acknowledged write can be lost; exit non-zero if not."

    def handle(self, *args, **options):
        try:
            assert_durable(connections.all())
        except DurabilityError as exc:
            raise CommandError(str(exc)) from exc
        if options["verbosity"]:
            self.stdout.write("preflight ok: durable database settings")
