"""The restore drill, on both databases: back up a database with referrals, audit rows and checkpoints while the
service is writing, restore it into a fresh database, and compare: row counts against the manifest (and the source),
and the audit chain verified against its key and the checkpoints copied with the backup."""

from __future__ import annotations

import json
import os
import threading
from io import StringIO
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from frontdoor.access.audit import record_access, write_checkpoint
from frontdoor.access.models import AccessAudit
from frontdoor.intake.models import Referral, ReferralChild
from frontdoor.web.management.backups import BackupError, backup, check_restored, database_at, restore
from support.audit import an_actor, write_looks
from support.factories import ReferralChildFactory, ReferralFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def checkpoint_file(settings, tmp_path) -> Path:
    settings.FRONTDOOR_AUDIT_CHECKPOINTS = tmp_path / "live" / "audit-checkpoints.jsonl"
    return settings.FRONTDOOR_AUDIT_CHECKPOINTS


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of an empty database of the suite's kind, removed afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings = connection.settings_dict
    name = f"frontdoor_drill_{os.getpid()}"
    server = {"user": settings["USER"], "host": settings["HOST"], "port": settings["PORT"], "autocommit": True}
    with psycopg.connect(dbname="postgres", **server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"postgresql://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", **server) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _a_database_with_data() -> None:
    for referral in ReferralFactory.create_batch(3):
        ReferralChildFactory(referral=referral)
    actor = an_actor()
    for i in range(4):
        with transaction.atomic():
            record_access(actor, None, action="search", purpose=f"search {i}", outcome="allowed")
    write_looks(3, actor=actor)
    assert write_checkpoint() == 1


def _count(model, alias: str = "default") -> int:
    return model.objects.using(alias).count()


def test_the_restore_drill(tmp_path, checkpoint_file, fresh_database) -> None:
    _a_database_with_data()
    stop, errors = threading.Event(), []

    def service_keeps_writing() -> None:
        actor = an_actor()
        try:
            while not stop.is_set():
                with transaction.atomic():
                    record_access(actor, None, action="search", purpose="meanwhile", outcome="allowed")
        except Exception as exc:  # collected and asserted below
            errors.append(repr(exc))
        finally:
            connections.close_all()

    writer = threading.Thread(target=service_keeps_writing)
    writer.start()
    try:
        manifest_path = backup(tmp_path / "backups")
    finally:
        stop.set()
        writer.join()
    assert errors == []
    manifest = json.loads(manifest_path.read_text())
    assert (manifest["tables"]["intake_referral"], manifest["tables"]["intake_referralchild"]) == (3, 3)
    assert manifest["audit"]["seq"] >= 7 and len(manifest["audit"]["row_hash"]) == 64
    assert (tmp_path / "backups" / manifest["file"]).exists()
    assert (tmp_path / "backups" / manifest["checkpoints_file"]).read_text().count("\n") == 1

    with database_at(fresh_database) as alias:
        report = restore(manifest_path, using=alias)
        assert report.ok, report.problems
        assert report.tables == len(manifest["tables"]) and report.checkpoints == 1
        assert report.audit_rows == manifest["audit"]["seq"]
        assert _count(Referral, alias) == _count(Referral) == 3
        assert _count(ReferralChild, alias) == _count(ReferralChild) == 3
        assert _count(AccessAudit, alias) == manifest["tables"]["access_accessaudit"] <= _count(AccessAudit)
    live_before = [p for p in checkpoint_file.parent.iterdir() if ".before-restore-" in p.name]
    assert len(live_before) == 1  # the live checkpoints, kept beside the restored ones


def test_the_commands_restore_once_and_refuse_a_database_that_is_not_empty(tmp_path, checkpoint_file, fresh_database):
    _a_database_with_data()
    out = StringIO()
    call_command("backup", "--dir", str(tmp_path / "backups"), stdout=out)
    assert "Backed up" in out.getvalue() and "audit chain at row 7" in out.getvalue()
    [manifest_path] = [p for p in (tmp_path / "backups").iterdir() if p.name.endswith(".manifest.json")]
    out = StringIO()
    call_command("restore", str(manifest_path), "--database-url", fresh_database, stdout=out)
    assert "Restored and checked" in out.getvalue()
    assert "the audit chain verifies (7 rows, 1 checkpoints)" in out.getvalue()
    with pytest.raises(CommandError, match="the database is not empty"):
        call_command("restore", str(manifest_path), "--database-url", fresh_database, stdout=StringIO())


def test_a_damaged_backup_is_refused(tmp_path, checkpoint_file, fresh_database) -> None:
    _a_database_with_data()
    manifest_path = backup(tmp_path / "backups")
    damaged = tmp_path / "backups" / json.loads(manifest_path.read_text())["file"]
    content = bytearray(damaged.read_bytes())
    content[len(content) // 2] ^= 0xFF
    damaged.write_bytes(bytes(content))
    with database_at(fresh_database) as alias, pytest.raises(BackupError, match="does not match its manifest"):
        restore(manifest_path, using=alias)


def test_a_restore_that_lost_rows_is_caught(tmp_path, checkpoint_file, fresh_database) -> None:
    _a_database_with_data()
    manifest_path = backup(tmp_path / "backups")
    with database_at(fresh_database) as alias:
        assert restore(manifest_path, using=alias).ok
        with connections[alias].cursor() as cursor:
            cursor.execute("DELETE FROM intake_referralchild")
            cursor.execute("DELETE FROM access_auditseal WHERE seq = 7")
        report = check_restored(json.loads(manifest_path.read_text()), using=alias)
    assert not report.ok
    assert "table intake_referralchild has 0 rows; the backup had 3" in report.problems
    assert any(p.startswith("audit chain: a row not on the chain") or "row 7" in p for p in report.problems)
