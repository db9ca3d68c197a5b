"""Number the access-audit rows written before the hash chain, in the order they were written, and chain them."""

import hashlib
import json
from datetime import UTC

from django.db import migrations

GENESIS_HASH = "0" * 64
# A copy of frontdoor.access.audit.CHAINED_FIELDS as it was when this migration was written.
CHAINED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "api_client_id",
    "active_role",
    "agency_id",
    "person_id",
    "action",
    "purpose",
    "outcome",
    "request_id",
    "basis",
    "break_glass_id",
)


def _hash(prev_hash, content):
    values = [
        content[n].astimezone(UTC).isoformat(timespec="microseconds") if n == "at" else content[n]
        for n in CHAINED_FIELDS
    ]
    canonical = json.dumps(values, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256((prev_hash + canonical).encode("ascii")).hexdigest()


def chain(apps, schema_editor):
    AccessAudit = apps.get_model("access", "AccessAudit")
    AuditChainHead = apps.get_model("access", "AuditChainHead")
    prev = GENESIS_HASH
    seq = 0
    for row in AccessAudit.objects.order_by("id").iterator(chunk_size=2000):
        seq += 1
        row.seq = seq
        content = {name: getattr(row, name) for name in CHAINED_FIELDS}
        row.prev_hash = prev
        row.row_hash = prev = _hash(prev, content)
        row.save(update_fields=["seq", "prev_hash", "row_hash"])
    AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "last_hash": prev})


class Migration(migrations.Migration):
    dependencies = [("access", "0003_break_glass_relationships_audit_chain")]

    operations = [migrations.RunPython(chain, migrations.RunPython.noop)]
