"""The access audit: one row for every look at a person's data, and every refusal."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from frontdoor.access.models import AccessAudit, ApiClient, User
from frontdoor.people.models import Agency, Person


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


def record_access(actor: Actor, person: Person | None, *, action: str, purpose: str, outcome: str) -> AccessAudit:
    """Write the audit row; callers do this inside the transaction of the read, so a failed write fails the read."""
    return AccessAudit.objects.create(
        actor=actor.user,
        api_client=actor.api_client,
        active_role=actor.role or "",
        agency=actor.agency,
        person=person,
        action=action,
        purpose=purpose,
        outcome=outcome,
        request_id=actor.request_id,
    )
