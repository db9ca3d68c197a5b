"""Startup self-checks: the service refuses to run where an acknowledged write could be lost.

SQLite in WAL mode only survives power loss with synchronous=FULL (or EXTRA); PostgreSQL only reports a commit once
it is on disk with synchronous_commit on and fsync on. See docs/adr/0001-stack.md and the reliability reference.
On PostgreSQL it also names append-only tables (the access audit) that the service's own role could change
(docs/adr/0006-audit-key-checkpoints-backups-retention.md).
"""

from __future__ import annotations

from collections.abc import Iterable

SQLITE_DEFAULT_SYNCHRONOUS = "FULL"
# PRAGMA synchronous values: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
SQLITE_DURABLE_SYNCHRONOUS = {2, 3}
POSTGRES_DURABLE_SYNCHRONOUS_COMMIT = {"on", "remote_write", "remote_apply", "local"}
PLACEHOLDER_SECRETS = frozenset(
    {"", "changeme", "change-me", "secret", "django-insecure", "replace-me", "placeholder", "dev", "demo"}
)


class DurabilityError(RuntimeError):
    """The database is configured so that a committed write could be lost."""


def durability_problems(connection) -> list[str]:
    """Everything about this database connection that would weaken durability (empty when safe)."""
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            return _sqlite_problems(cursor)
        if vendor == "postgresql":
            return _postgres_problems(cursor)
    return [f"unsupported database vendor {vendor!r}"]


def _sqlite_problems(cursor) -> list[str]:
    problems = []
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0].lower()
    if journal != "wal":
        problems.append(f"SQLite journal_mode is {journal}, not wal")
    cursor.execute("PRAGMA synchronous")
    synchronous = int(cursor.fetchone()[0])
    if synchronous not in SQLITE_DURABLE_SYNCHRONOUS:
        problems.append(f"SQLite synchronous is {synchronous} (needs 2 = FULL or 3 = EXTRA)")
    cursor.execute("PRAGMA foreign_keys")
    if int(cursor.fetchone()[0]) != 1:
        problems.append("SQLite foreign_keys is off")
    return problems


def _postgres_problems(cursor) -> list[str]:
    problems = []
    for name, allowed in (("synchronous_commit", POSTGRES_DURABLE_SYNCHRONOUS_COMMIT), ("fsync", {"on"})):
        cursor.execute(f"SHOW {name}")
        value = cursor.fetchone()[0]
        if value not in allowed:
            problems.append(f"PostgreSQL {name} is {value}")
    cursor.execute("SHOW full_page_writes")
    if cursor.fetchone()[0] != "on":
        problems.append("PostgreSQL full_page_writes is off")
    return problems


def writable_append_only_tables(connection, tables: Iterable[str]) -> list[str]:
    """On PostgreSQL, each of `tables` that the connection's role could UPDATE, DELETE or TRUNCATE, in words (empty
    on SQLite, which has no roles, and for a table not created yet)."""
    if connection.vendor != "postgresql":
        return []
    problems = []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if not cursor.fetchone()[0]:
                continue
            cursor.execute(
                "SELECT current_user, privilege FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE']) AS privilege"
                " WHERE has_table_privilege(current_user, %s, privilege)",
                [table],
            )
            found = cursor.fetchall()
            if found:
                can = ", ".join(privilege for _, privilege in found)
                problems.append(f"the database role {found[0][0]} can {can} {table}, which must be append-only")
    return problems


def assert_durable(connections: Iterable) -> None:
    """Raise DurabilityError naming every weakened setting on any of the connections."""
    problems = [p for connection in connections for p in durability_problems(connection)]
    if problems:
        raise DurabilityError("refusing to start: " + "; ".join(problems))
