"""Key the access audit's hash chain (ADR 0006): verify the unkeyed chain as it stands, then give every row its MAC
under FRONTDOOR_AUDIT_KEY and seal it, in the same order, onto the keyed chain in AuditSeal.

A chain that does not verify is not re-keyed: that would vouch for whatever changed it. The migration stops, naming
the row, for someone to investigate with the previous release's `frontdoor verify_audit`.
"""

import hashlib
import hmac
import json
from datetime import UTC

from django.conf import settings
from django.db import migrations

GENESIS_HASH = "0" * 64
# Copies of the formats as they were when this migration was written: the unkeyed chain (0004) ...
UNKEYED_FIELDS = (
    "seq", "at", "actor_id", "api_client_id", "active_role", "agency_id", "person_id", "action", "purpose",
    "outcome", "request_id", "basis", "break_glass_id",
)  # fmt: skip
# ... and the keyed one (frontdoor.access.chain.ENTRY_FIELDS, entry_mac, seal_hash, key_id_of).
ENTRY_FIELDS = UNKEYED_FIELDS[1:]


def _canonical(values):
    plain = [v.astimezone(UTC).isoformat(timespec="microseconds") if hasattr(v, "astimezone") else v for v in values]
    return json.dumps(plain, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def _unkeyed_hash(prev_hash, row):
    return hashlib.sha256(prev_hash.encode("ascii") + _canonical([getattr(row, n) for n in UNKEYED_FIELDS])).hexdigest()


def _key():
    key = settings.FRONTDOOR_AUDIT_KEY
    key_id = hmac.new(key.encode(), b"frontdoor access audit key id", hashlib.sha256).hexdigest()[:16]
    return key_id, key.encode()


def key_the_chain(apps, schema_editor):
    AccessAudit = apps.get_model("access", "AccessAudit")
    AuditSeal = apps.get_model("access", "AuditSeal")
    AuditChainHead = apps.get_model("access", "AuditChainHead")
    expected_seq, prev = 1, GENESIS_HASH
    for row in AccessAudit.objects.filter(seq__isnull=False).order_by("seq").iterator(chunk_size=2000):
        if row.seq != expected_seq or row.prev_hash != prev or _unkeyed_hash(prev, row) != row.row_hash:
            raise RuntimeError(
                f"The access audit's chain is broken at row {row.seq} (id {row.pk}); it is not re-keyed, since that "
                "would vouch for the change. Investigate with the previous release's `frontdoor verify_audit`."
            )
        prev = row.row_hash
        expected_seq += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.seq, head.last_hash) != (expected_seq - 1, prev):
        raise RuntimeError(
            f"The access audit's chain head says {head.seq} rows but the chain ends at row {expected_seq - 1}; it is "
            "not re-keyed. Investigate with the previous release's `frontdoor verify_audit`."
        )

    key_id, key = _key()
    seq, prev = 0, GENESIS_HASH
    sealed = AccessAudit.objects.filter(seq__isnull=False).order_by("seq")
    waiting = AccessAudit.objects.filter(seq__isnull=True).order_by("id")  # written before and not yet sealed
    seals = []
    for rows in (sealed, waiting):
        for row in rows.iterator(chunk_size=2000):
            mac = hmac.new(key, _canonical([key_id, *(getattr(row, n) for n in ENTRY_FIELDS)]), hashlib.sha256)
            row.key_id, row.entry_mac = key_id, mac.hexdigest()
            row.save(update_fields=["key_id", "entry_mac"])
            seq += 1
            link = hmac.new(key, prev.encode("ascii") + _canonical([seq, row.pk, row.entry_mac]), hashlib.sha256)
            seals.append(AuditSeal(seq=seq, entry_id=row.pk, key_id=key_id, prev_hash=prev, row_hash=link.hexdigest()))
            prev = seals[-1].row_hash
            if len(seals) >= 2000:
                AuditSeal.objects.bulk_create(seals)
                seals = []
    AuditSeal.objects.bulk_create(seals)
    AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "last_hash": prev})


def unkey_the_chain(apps, schema_editor):
    """Back to the unkeyed chain of 0004-0006, in the keyed chain's order (rows still waiting stay unsealed)."""
    AccessAudit = apps.get_model("access", "AccessAudit")
    AuditSeal = apps.get_model("access", "AuditSeal")
    PendingSeal = apps.get_model("access", "PendingSeal")
    AuditChainHead = apps.get_model("access", "AuditChainHead")
    prev = GENESIS_HASH
    seq = 0
    for seal in AuditSeal.objects.select_related("entry").order_by("seq").iterator(chunk_size=2000):
        row = seal.entry
        seq = row.seq = seal.seq
        row.prev_hash = prev
        row.row_hash = prev = _unkeyed_hash(prev, row)
        row.save(update_fields=["seq", "prev_hash", "row_hash"])
    AuditSeal.objects.all().delete()
    PendingSeal.objects.all().delete()
    AuditChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "last_hash": prev})


class Migration(migrations.Migration):
    dependencies = [("access", "0007_audit_chain_keyed_tables")]

    operations = [migrations.RunPython(key_the_chain, unkey_the_chain)]
