"""On PostgreSQL the service's database role may only INSERT and SELECT the access audit (README, "Running on
PostgreSQL"): with the GRANTs documented there, an UPDATE, a DELETE or a TRUNCATE of an audit row or seal is refused
by the database itself, while the service still writes, seals, checkpoints and verifies; and `frontdoor preflight`
refuses in production, and warns elsewhere, when the role could change the audit."""

from __future__ import annotations

import os
from io import StringIO

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from frontdoor.access.audit import record_access, seal_chain, verify_chain, write_checkpoint
from frontdoor.access.models import AuditSeal, PendingSeal
from support.audit import an_actor, sql, write_looks

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("FRONTDOOR_TEST_DATABASE_URL", "").startswith("postgres"),
        reason="PostgreSQL roles: runs in the PostgreSQL pass of make test",
    ),
]

# The statements the README gives, run by the owner after `frontdoor migrate` (the role name aside).
GRANTS = """
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
REVOKE UPDATE, DELETE, TRUNCATE ON access_accessaudit, access_auditseal FROM {role};
"""


def _owner(statements: str) -> None:
    """Run statements on the test database as the owner (the superuser the suite connects as)."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"], port=settings["PORT"], autocommit=True
    ) as owner:
        for statement in filter(None, (s.strip() for s in statements.split(";"))):
            owner.execute(statement)


@pytest.fixture
def app_role(checkpoint_file):
    """Connect the service as a role with the documented GRANTs, for the length of the test."""
    role = f"frontdoor_app_{os.getpid()}"
    _owner(f"DROP ROLE IF EXISTS {role}; CREATE ROLE {role} LOGIN; " + GRANTS.format(role=role))
    original = connection.settings_dict["USER"]
    connection.close()
    connection.settings_dict["USER"] = role
    try:
        yield role
    finally:
        connection.close()
        connection.settings_dict["USER"] = original
        _owner(f"DROP OWNED BY {role}; DROP ROLE {role}")


@pytest.fixture
def checkpoint_file(settings, tmp_path):
    settings.FRONTDOOR_AUDIT_CHECKPOINTS = tmp_path / "audit-checkpoints.jsonl"
    return settings.FRONTDOOR_AUDIT_CHECKPOINTS


def _refused(statement: str, params: list) -> bool:
    try:
        with transaction.atomic():
            sql(statement, params)
    except DatabaseError as exc:
        return "permission denied" in str(exc)
    return False


def test_the_service_role_writes_and_reads_the_audit_but_cannot_change_it(app_role) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_role
    actor = an_actor()
    with transaction.atomic():  # a look, sealed as its transaction commits
        first = record_access(actor, None, action="search", purpose="search by name", outcome="allowed")
    assert AuditSeal.objects.filter(entry_id=first.pk).exists()
    rows = write_looks(2, seal=False, actor=actor)  # looks whose process died before their seal
    assert seal_chain() == 2 and PendingSeal.objects.count() == 0  # the worker, as the same role
    assert write_checkpoint() == 1
    report = verify_chain()
    assert (report.ok, report.rows, report.checkpoints) == (True, 3, 1)

    assert _refused("UPDATE access_accessaudit SET purpose = %s WHERE id = %s", ["nothing to see", rows[0].pk])
    assert _refused("DELETE FROM access_accessaudit WHERE id = %s", [rows[1].pk])
    assert _refused("UPDATE access_auditseal SET row_hash = %s WHERE seq = %s", ["f" * 64, 2])
    assert _refused("DELETE FROM access_auditseal WHERE seq = %s", [3])
    assert _refused("TRUNCATE access_accessaudit, access_auditseal CASCADE", [])
    assert verify_chain().ok

    out, err = StringIO(), StringIO()
    call_command("preflight", stdout=out, stderr=err)
    assert "preflight ok" in out.getvalue() and err.getvalue() == ""


def test_preflight_names_an_audit_the_role_could_change_and_refuses_in_production(settings) -> None:
    """The suite's own role is a superuser: it could rewrite the audit."""
    err = StringIO()
    call_command("preflight", stdout=StringIO(), stderr=err)
    assert "preflight warning: the database role" in err.getvalue()
    assert "can UPDATE, DELETE, TRUNCATE access_accessaudit, which must be append-only" in err.getvalue()
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match=r"refusing to start: the database role .* can UPDATE, DELETE, TRUNCATE"):
        call_command("preflight", stdout=StringIO(), stderr=StringIO())
