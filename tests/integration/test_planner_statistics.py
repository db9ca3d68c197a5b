"""The planner's statistics are gathered after a bulk load and kept fresh by the worker (core/planner.py)."""

from __future__ import annotations

import pytest
from django.db import connection

from frontdoor.core import planner
from frontdoor.core.registry import list_jobs
from support.factories import SourceRecordFactory

pytestmark = pytest.mark.django_db


def _sqlite_stat_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone()[0]:
            return 0
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'people_sourcerecord'")
        return cursor.fetchone()[0]


def test_gathering_statistics_covers_the_source_records():
    SourceRecordFactory.create_batch(3)  # SQLite keeps no statistics for an empty table
    planner.gather_statistics()
    if connection.vendor == "sqlite":
        assert _sqlite_stat_rows() > 0
    else:
        with connection.cursor() as cursor:
            # A table never analysed has reltuples -1 (PostgreSQL 14 and later); ANALYZE sets it in the catalogue.
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'people_sourcerecord'")
            assert cursor.fetchone()[0] >= 0


def test_the_worker_refreshes_stale_statistics_every_hour():
    jobs = {job.name: job for job in list_jobs()}
    assert jobs["refresh_planner_statistics"].run is planner.refresh_stale_statistics
    assert jobs["refresh_planner_statistics"].every_seconds == 3600
    assert planner.refresh_stale_statistics() == 0
