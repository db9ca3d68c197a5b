"""frontdoor preflight: the start-up self-check that `serve` and `worker` run, on its own."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from frontdoor.access.models import AccessAudit, AuditSeal
from frontdoor.core.durability import DurabilityError, assert_durable, writable_append_only_tables

log = logging.getLogger("frontdoor.preflight")


class Command(BaseCommand):
    help = (
        "Check the database is configured so that no acknowledged write can be lost, and (on PostgreSQL) that the "
        "service's role may only INSERT and SELECT the access audit; exit non-zero if not."
    )

    def handle(self, *args, **options):
        try:
            assert_durable(connections.all())
        except DurabilityError as exc:
            raise CommandError(str(exc)) from exc
        audit_tables = [AccessAudit._meta.db_table, AuditSeal._meta.db_table]
        problems = writable_append_only_tables(connection, audit_tables)
        if problems:
            # Production refuses, as it refuses a placeholder secret: whoever takes over the service could rewrite
            # the audit. Elsewhere (the demo, tests, a developer's superuser) it is said, and the service runs.
            advice = "connect as a role with INSERT and SELECT only on them (README, Running on PostgreSQL)"
            if settings.PRODUCTION:
                raise CommandError("refusing to start: " + "; ".join(problems) + f": {advice}")
            log.warning("preflight.audit_tables_writable count=%s", len(problems))
            self.stderr.write("preflight warning: " + "; ".join(problems) + f": {advice}")
        if options["verbosity"]:
            self.stdout.write("preflight ok: durable database settings")
