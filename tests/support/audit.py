"""Helpers for the access-audit tests: write looks, seal them as the worker would, and tamper as a database owner
would (raw SQL, with no key)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC

from django.db import connection

from frontdoor.access.audit import Actor, entry_content, record_access, seal_chain
from frontdoor.access.chain import insert_unsealed
from frontdoor.access.models import AccessAudit, AuditOutcome, AuditSeal
from frontdoor.access.roles import Role
from support.factories import PersonFactory, UserFactory


def an_actor(role: str = Role.MASH_SOCIAL_WORKER) -> Actor:
    user = UserFactory(roles=[role])
    return Actor(user=user, role=role, agency=user.agency, request_id="req-00000001")


def write_looks(n: int, person=None, *, seal: bool = True, actor: Actor | None = None) -> list[AccessAudit]:
    """n looks at one person, each sealed (on PostgreSQL by the worker: the test's transaction never commits); or, if
    `seal` is false, left waiting to be sealed, as a process that died between its commit and its seal leaves them."""
    actor = actor or an_actor()
    person = person or PersonFactory()
    rows = []
    for i in range(n):
        look = {"action": "view_person", "purpose": f"look {i}", "outcome": AuditOutcome.ALLOWED}
        if seal:
            rows.append(record_access(actor, person, **look))
        else:
            rows.append(insert_unsealed(entry_content(actor, person, **look)))
    if seal:
        seal_chain()
    return rows


def seal_of(row: AccessAudit) -> AuditSeal:
    return AuditSeal.objects.get(entry_id=row.pk)


def sql(statement: str, params: list | tuple = ()) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def unkeyed_hash(prev_hash: str, values: list) -> str:
    """What someone without the key can compute: a plain SHA-256 over the same canonical JSON."""
    plain = [v.astimezone(UTC).isoformat(timespec="microseconds") if hasattr(v, "astimezone") else v for v in values]
    return hashlib.sha256((prev_hash + json.dumps(plain, separators=(",", ":"))).encode()).hexdigest()
