"""The access audit: one row for every look at a person's data, and every refusal, on a keyed hash chain.

A row is written with an HMAC of its content (`entry_mac`) and sealed onto the chain when its transaction commits,
in a short transaction of its own; the worker seals any row whose process died first, and writes signed checkpoints
of the chain's head outside the database. The chain itself (keys, sealing, checkpoints, verification) is in
`access.chain`; see ADR 0006.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from frontdoor.access.chain import GENESIS_HASH, seal_chain, write_entries, write_entry  # noqa: F401  (the audit's public surface)
from frontdoor.access.models import AccessAudit, ApiClient, BreakGlass, User
from frontdoor.access.verification import ChainReport, verify_chain, write_checkpoint  # noqa: F401
from frontdoor.people.models import Agency, Person

# What each recorded action is, in the words "who has looked" and a subject access request show. A capability
# recording actions of its own names them with `describe_action` in its AppConfig.ready().
ACTION_LABELS: dict[str, str] = {
    "view_person": "Opened the record",
    "search": "Searched for people",
    "search_result": "Shown in search results",
    "subject_access_request": "Subject access request",
    "view_access_log": "Read who has looked",
    "view_identity_links": "Read the identity links",
    "view_identity_review": "Read an identity review",
    "view_match": "Shown as a possible match",
    "break_glass": "Broke glass",
    "denied": "Refused",
}


def describe_action(action: str, label: str) -> None:
    ACTION_LABELS[action] = label


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, "Other use of the record")


@dataclass(frozen=True)
class Actor:
    """Who is asking: a signed-in user in one role, or an agency's API client."""

    user: User | None
    role: str | None
    agency: Agency | None
    request_id: str = ""
    api_client: ApiClient | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> Actor:
        user = request.user if request.user.is_authenticated else None
        return cls(
            user=user,
            role=getattr(request, "active_role", None),
            agency=user.agency if user is not None else None,
            request_id=getattr(request, "request_id", ""),
        )

    @classmethod
    def from_api_request(cls, request: HttpRequest) -> Actor:
        """The API client a partner-API request authenticated as (none if it did not)."""
        client = getattr(request, "auth", None)
        return cls(
            user=None,
            role=None,
            agency=getattr(client, "agency", None),
            request_id=getattr(request, "request_id", ""),
            api_client=client if isinstance(client, ApiClient) else None,
        )


def record_access(
    actor: Actor,
    person: Person | None,
    *,
    action: str,
    purpose: str,
    outcome: str,
    basis: str = "",
    break_glass: BreakGlass | None = None,
) -> AccessAudit:
    """Write the audit row; callers do this inside the transaction of the read, so a failed write fails the read.

    The row is sealed onto the chain in its own transaction on SQLite, and just after it commits on PostgreSQL, so
    reads and referrals never queue behind one another for the chain while they hold their own locks (ADR 0006).
    """
    return write_entry(entry_content(actor, person, action, purpose, outcome, basis, break_glass))


def record_accesses(
    actor: Actor, person_ids: Iterable[int], *, action: str, purpose: str, outcome: str, basis: str = ""
) -> int:
    """An audit row for each of many people read for one purpose (a statutory return, an export), written and sealed
    together (`chain.write_entries`) rather than one transaction each; how many rows."""
    contents = []
    for person_id in person_ids:
        content = entry_content(actor, None, action, purpose, outcome, basis)
        content["person_id"] = person_id
        contents.append(content)
    return len(write_entries(contents))


def entry_content(
    actor: Actor,
    person: Person | None,
    action: str,
    purpose: str,
    outcome: str,
    basis: str = "",
    break_glass: BreakGlass | None = None,
) -> dict[str, Any]:
    """What an audit row says, field by field (`chain.ENTRY_FIELDS`)."""
    return {
        "at": timezone.now(),
        "actor_id": actor.user.pk if actor.user is not None else None,
        "api_client_id": actor.api_client.pk if actor.api_client is not None else None,
        "active_role": actor.role or "",
        "agency_id": actor.agency.pk if actor.agency is not None else None,
        "person_id": person.pk if person is not None else None,
        "action": action,
        "purpose": purpose[:200],
        "outcome": outcome,
        "request_id": actor.request_id,
        "basis": basis,
        "break_glass_id": break_glass.pk if break_glass is not None else None,
    }


def record_refusal(actor: Actor, reason: str) -> None:
    """Put a refusal on record if the request has not already recorded one (a page that refuses for want of a
    relationship does so itself): the permission checks, the admin site and the API's own rules come here, from
    the 403 handlers, so that every refusal is audited as every look is."""
    if actor.request_id and AccessAudit.objects.filter(request_id=actor.request_id, outcome="denied").exists():
        return
    record_access(actor, None, action="denied", purpose=reason, outcome="denied")
