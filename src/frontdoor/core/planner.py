"""The database's query planner statistics, kept current.

Without statistics SQLite's planner guesses, and on a county-sized database it guessed wrong: looking up a few
children's education records it searched the whole education system through the (system, source id) index rather
than the person's own index, so routing one domestic-abuse incident took 300 ms instead of 7 (bench/encompass.py,
130,000 children). After a bulk load (an ingest, a linkage run) the statistics are gathered afresh; the worker asks
SQLite to refresh what has gone stale every hour, as SQLite's documentation advises for long-lived applications.
PostgreSQL's autovacuum keeps its own; a bulk load still asks it at once.
"""

from __future__ import annotations

from django.db import connection


def gather_statistics() -> None:
    """After a bulk load: gather the planner's statistics for every table (about a second at county size)."""
    if connection.vendor in {"sqlite", "postgresql"}:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def refresh_stale_statistics() -> int:
    """The worker's hourly job: SQLite re-analyses only the tables whose statistics have gone stale."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize")
    return 0
