"""Keying the audit chain (migrations 0007-0009): a chain written before, unkeyed, keeps verifying once re-sealed under
the key, on both databases; a chain that was already broken is not re-keyed (that would vouch for the change)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from frontdoor.access.audit import verify_chain
from frontdoor.access.models import AccessAudit, AuditSeal
from support.audit import an_actor, seal_of, write_looks

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("access", "0006_audit_rows_sealed_by_the_worker")]
AT = datetime(2026, 11, 30, 10, 30, tzinfo=UTC)
UNKEYED_FIELDS = (
    "seq", "at", "actor_id", "api_client_id", "active_role", "agency_id", "person_id", "action", "purpose",
    "outcome", "request_id", "basis", "break_glass_id",
)  # fmt: skip


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _latest():
    return _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def _write_unkeyed_chain(apps, sealed: int, waiting: int) -> list[int]:
    """Rows as the release before wrote them: `sealed` on the unkeyed chain, `waiting` not yet sealed."""
    Audit = apps.get_model("access", "AccessAudit")
    Head = apps.get_model("access", "AuditChainHead")
    prev, ids = "0" * 64, []
    for i in range(sealed + waiting):
        row = Audit(at=AT + timedelta(minutes=i), action="view_person", purpose=f"look {i}", outcome="allowed")
        if i < sealed:
            row.seq, row.prev_hash = i + 1, prev
            values = [getattr(row, n) for n in UNKEYED_FIELDS]
            values[1] = values[1].astimezone(UTC).isoformat(timespec="microseconds")
            canonical = json.dumps(values, separators=(",", ":"))
            row.row_hash = prev = hashlib.sha256((prev + canonical).encode()).hexdigest()
        row.save()
        ids.append(row.pk)
    Head.objects.update_or_create(pk=1, defaults={"seq": sealed, "last_hash": prev})
    return ids


def test_a_chain_written_before_the_key_is_re_sealed_under_it_and_verifies() -> None:
    ids = _write_unkeyed_chain(_migrate(BEFORE), sealed=3, waiting=1)
    _latest()
    assert list(AuditSeal.objects.order_by("seq").values_list("entry_id", flat=True)) == ids
    assert list(AccessAudit.objects.order_by("id").values_list("purpose", flat=True)) == [f"look {i}" for i in range(4)]
    report = verify_chain()
    assert (report.ok, report.rows, report.unsealed) == (True, 4, 0)
    [after] = write_looks(1, actor=an_actor())
    assert seal_of(after).seq == 5 and verify_chain().ok


def test_a_broken_chain_is_not_re_keyed() -> None:
    old = _migrate(BEFORE)
    ids = _write_unkeyed_chain(old, sealed=3, waiting=0)
    old.get_model("access", "AccessAudit").objects.filter(pk=ids[1]).update(purpose="nothing to see")
    with pytest.raises(RuntimeError, match=rf"broken at row 2 \(id {ids[1]}\); it is not re-keyed"):
        _latest()
    old = _migrate(BEFORE)
    old.get_model("access", "AccessAudit").objects.all().delete()
    old.get_model("access", "AuditChainHead").objects.update(seq=0, last_hash="0" * 64)
    _latest()
    assert not AuditSeal.objects.exists()
