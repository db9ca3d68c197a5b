"""Backups and restores of the whole database, each with a manifest to check the restore against (ADR 0006).

SQLite: the online backup API copies the database in one step under one read transaction, so the copy is one
consistent moment of the database even while the service writes (WAL lets writers carry on meanwhile).
PostgreSQL: `pg_dump --format=custom` under a snapshot exported by a REPEATABLE READ transaction, in which the
manifest's row counts are taken too, so the counts describe exactly what the dump holds.

Beside each backup: `<name>.manifest.json` (when, which database, row counts per table, the audit chain's head,
the backup's SHA-256) and `<name>.checkpoints.jsonl` (the audit checkpoints, copied before the snapshot, so every
one of them names a seal the backup holds). A restore checks the manifest's hash, restores, then compares the
row counts and verifies the audit chain against the copied checkpoints.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dj_database_url
import psycopg
from django.conf import settings
from django.db import connections
from django.db.utils import load_backend
from psycopg import sql

from frontdoor.access.audit import verify_chain

MANIFEST_FORMAT = 1


class BackupError(RuntimeError):
    """A backup or restore could not be made, or did not check out."""


@dataclass
class RestoreReport:
    vendor: str = ""
    tables: int = 0
    rows: int = 0
    audit_rows: int = 0
    checkpoints: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- Backup --------------------------------------------------------------------------------------------------


def backup(directory: Path, *, using: str = "default", now: datetime | None = None) -> Path:
    """Back the database up into `directory`; return the manifest's path (written last: no manifest, no backup)."""
    vendor = connections[using].vendor
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    directory.mkdir(parents=True, exist_ok=True)
    name = f"frontdoor-{vendor}-{stamp}"
    target = directory / (name + (".sqlite3" if vendor == "sqlite" else ".dump"))
    checkpoints = directory / f"{name}.checkpoints.jsonl"
    # The checkpoints first: each names a seal already committed, so the snapshot taken next holds it.
    live_checkpoints = Path(settings.FRONTDOOR_AUDIT_CHECKPOINTS)
    if live_checkpoints.exists():
        shutil.copyfile(live_checkpoints, checkpoints)
    else:
        checkpoints.write_text("")
    _fsync(checkpoints)
    partial = target.with_name(target.name + ".partial")
    if vendor == "sqlite":
        tables, audit, tool = _backup_sqlite(connections[using].settings_dict, partial)
    elif vendor == "postgresql":
        tables, audit, tool = _backup_postgres(connections[using].settings_dict, partial)
    else:
        raise BackupError(f"no backup for a {vendor} database")
    _fsync(partial)
    partial.rename(target)
    manifest = {
        "format": MANIFEST_FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "vendor": vendor,
        "database": _describe(connections[using].settings_dict),
        "tool": tool,
        "file": target.name,
        "sha256": _sha256(target),
        "bytes": target.stat().st_size,
        "checkpoints_file": checkpoints.name,
        "tables": tables,
        "audit": audit,
    }
    path = directory / f"{name}.manifest.json"
    partial_manifest = path.with_name(path.name + ".partial")
    partial_manifest.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    _fsync(partial_manifest)
    partial_manifest.rename(path)
    _fsync_directory(directory)
    return path


def _backup_sqlite(database: dict[str, Any], target: Path) -> tuple[dict[str, int], dict[str, Any], str]:
    source = sqlite3.connect(database["NAME"], timeout=30)
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the whole database under one read transaction, a single consistent moment.
        source.backup(copy, pages=-1)
        found = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if found != "ok":
            raise BackupError(f"the copy failed its integrity check: {found}")
        names = [row[0] for row in copy.execute(_SQLITE_TABLES)]
        tables = {table: copy.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in names}  # noqa: S608  (names from sqlite_master)
        audit = _audit_head(copy.execute(_AUDIT_HEAD).fetchone(), tables)
    finally:
        copy.close()
        source.close()
    return tables, audit, f"SQLite {sqlite3.sqlite_version} online backup API"


_SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
_AUDIT_HEAD = "SELECT seq, entry_id, row_hash FROM access_auditseal ORDER BY seq DESC LIMIT 1"


def _audit_head(head: tuple | None, tables: dict[str, int]) -> dict[str, Any]:
    seq, entry_id, row_hash = head if head else (0, None, "")
    return {
        "seq": seq,
        "entry_id": entry_id,
        "row_hash": row_hash,
        "rows": tables.get("access_accessaudit", 0),
        "waiting_to_be_sealed": tables.get("access_pendingseal", 0),
    }


def _backup_postgres(database: dict[str, Any], target: Path) -> tuple[dict[str, int], dict[str, Any], str]:
    tool = _pg_tool_version("pg_dump")
    with psycopg.connect(**_psycopg_params(database)) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.transaction():
            # The dump and the counts see the same snapshot: the counts describe exactly what the dump holds.
            snapshot = _one(conn, "SELECT pg_export_snapshot()")
            names = [row[0] for row in conn.execute(_PG_TABLES)]
            count = sql.SQL("SELECT count(*) FROM {}")
            tables = {table: _one(conn, count.format(sql.Identifier(table))) for table in names}
            audit = _audit_head(conn.execute(_AUDIT_HEAD).fetchone(), tables)
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}", *_pg_args(database)],
                database,
            )
    return tables, audit, tool


def _one(conn: psycopg.Connection, query: Any) -> Any:
    row = conn.execute(query).fetchone()
    if row is None:
        raise BackupError("the database gave no answer to a query that always has one")
    return row[0]


_PG_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"


# --- Restore -----------------------------------------------------------------------------------------------------


def read_manifest(path: Path) -> tuple[dict[str, Any], Path]:
    """The manifest beside a backup (given the backup or its manifest), and the backup file it describes."""
    if not path.name.endswith(".manifest.json"):
        path = path.with_name(path.name.rsplit(".", 1)[0] + ".manifest.json")
    if not path.exists():
        raise BackupError(f"no manifest at {path}: a backup without one is incomplete")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != MANIFEST_FORMAT:
        raise BackupError(f"{path} is not a manifest this version can read")
    return manifest, path.with_name(manifest["file"])


def restore(path: Path, *, using: str = "default", replace: bool = False) -> RestoreReport:
    """Restore a backup into the database `using` names (empty, unless `replace`), install its checkpoints, and
    check it: the row counts against the manifest, and the audit chain against its key and checkpoints."""
    manifest, backup_file = read_manifest(path)
    if _sha256(backup_file) != manifest["sha256"]:
        raise BackupError(f"{backup_file.name} does not match its manifest's SHA-256: damaged, or not the same file")
    connection = connections[using]
    if connection.vendor != manifest["vendor"]:
        raise BackupError(f"a {manifest['vendor']} backup cannot be restored into {connection.vendor}")
    if not replace and connection.introspection.table_names():
        raise BackupError("the database is not empty: restore into a fresh one, or pass --replace")
    connection.close()
    if connection.vendor == "sqlite":
        _restore_sqlite(backup_file, Path(connection.settings_dict["NAME"]))
    else:
        _restore_postgres(backup_file, connection.settings_dict, replace)
    connection.close()
    install_checkpoints(backup_file.with_name(manifest["checkpoints_file"]))
    return check_restored(manifest, using=using)


def _restore_sqlite(backup_file: Path, target: Path) -> None:
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    destination = sqlite3.connect(target, timeout=30)
    try:
        source.backup(destination, pages=-1)
        found = destination.execute("PRAGMA integrity_check").fetchone()[0]
        if found != "ok":
            raise BackupError(f"the restored database failed its integrity check: {found}")
    finally:
        destination.close()
        source.close()


def _restore_postgres(backup_file: Path, database: dict[str, Any], replace: bool) -> None:
    _pg_tool_version("pg_restore")
    clean = ["--clean", "--if-exists"] if replace else []
    # Owners and GRANTs are the target's business: re-run the README's GRANTs for the service's role afterwards.
    command = ["pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--no-acl", *clean]
    _run([*command, *_pg_args(database), str(backup_file)], database)


def install_checkpoints(copy: Path) -> None:
    """Make the backup's checkpoints the live ones; the live file, which may anchor rows the restored database no
    longer has, is kept beside it (it is evidence of what was there)."""
    live = Path(settings.FRONTDOOR_AUDIT_CHECKPOINTS)
    live.parent.mkdir(parents=True, exist_ok=True)
    if live.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        live.rename(live.with_name(f"{live.name}.before-restore-{stamp}"))
    shutil.copyfile(copy, live)
    _fsync(live)


def check_restored(manifest: dict[str, Any], *, using: str = "default") -> RestoreReport:
    """Compare the database's row counts with the manifest's and verify its audit chain."""
    connection = connections[using]
    report = RestoreReport(vendor=connection.vendor)
    with connection.cursor() as cursor:
        names = set(connection.introspection.table_names(cursor))
        for table, expected in sorted(manifest["tables"].items()):
            if table not in names:
                report.problems.append(f"table {table} is missing")
                continue
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608  (a known table)
            found = cursor.fetchone()[0]
            report.tables += 1
            report.rows += found
            if found != expected:
                report.problems.append(f"table {table} has {found} rows; the backup had {expected}")
    chain = verify_chain(using=using, checkpoints=Path(settings.FRONTDOOR_AUDIT_CHECKPOINTS))
    report.audit_rows, report.checkpoints = chain.rows, chain.checkpoints
    report.problems += [f"audit chain: {p.where() or 'checkpoints'}: {p.what}" for p in chain.problems]
    if chain.ok and chain.rows != manifest["audit"]["seq"]:
        head = manifest["audit"]["seq"]
        report.problems.append(f"the audit chain has {chain.rows} rows; the backup's head was {head}")
    return report


@contextmanager
def database_at(url: str) -> Iterator[str]:
    """A connection alias for another database (a restore drill's), configured as the service's own is. Made for
    this thread only and never added to the settings: a one-off connection, as Django's own test runner makes."""
    alias = f"restore_{os.getpid()}"
    config = dj_database_url.parse(url, conn_max_age=0)
    default = connections["default"].settings_dict
    if config["ENGINE"] == default["ENGINE"]:
        config["OPTIONS"] = {**default.get("OPTIONS", {}), **config.get("OPTIONS", {})}
    config = connections.configure_settings({"default": default, alias: config})[alias]
    connections[alias] = load_backend(config["ENGINE"]).DatabaseWrapper(config, alias)
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


# --- Helpers -------------------------------------------------------------------------------------------------------


def _describe(database: dict[str, Any]) -> str:
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite {Path(database['NAME']).name}"
    return f"postgresql {database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}/{database['NAME']}"


def _psycopg_params(database: dict[str, Any]) -> dict[str, Any]:
    params = {"dbname": database["NAME"], "user": database.get("USER") or None}
    params.update(host=database.get("HOST") or None, port=database.get("PORT") or None)
    params["password"] = database.get("PASSWORD") or None
    return {k: v for k, v in params.items() if v is not None}


def _pg_args(database: dict[str, Any]) -> list[str]:
    args = [f"--dbname={database['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            args.append(f"{option}={database[key]}")
    return [*args, "--no-password"]


def _run(command: list[str], database: dict[str, Any]) -> None:
    env = {**os.environ}
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = str(database["PASSWORD"])  # never on the command line, where `ps` shows it
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()[-500:]}")


def _pg_tool_version(tool: str) -> str:
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed (Debian: postgresql-client, the server's major version or later)")
    return subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
