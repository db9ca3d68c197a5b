"""Legitimate relationships that follow Operation Encompass's work, so that break-glass is left for the unexpected.

A school's DSL may see the child on each notice sent to their establishment; the council's education safeguarding
officer the children routed to the council and those on the notices escalated to them; MASH police the children on
the drafts they review; MASH education the person they matched a listed child to. Kept for `after_closing_days`
(policy.toml) after the incident. Registered in `EncompassConfig.ready`.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.role_permissions import role_grants
from frontdoor.encompass.models import UnmatchedChild
from frontdoor.encompass.selectors import visible_notices


def encompass_works_with(user: User, role: str | None, person_id: int) -> str | None:
    """Why this user, in this role, may see this child as part of Operation Encompass, or None."""
    if not any(role_grants(role, p) for p in ("encompass.notices", "encompass.unmatched")):
        return None
    since = timezone.now() - timedelta(days=get_policy().after_closing_days)
    if role_grants(role, "encompass.notices"):
        actor = Actor(user=user, role=role, agency=user.agency)
        notice = visible_notices(actor).filter(child_id=person_id, incident_at__gte=since).first()
        if notice is not None:
            return f"on Operation Encompass notification {notice.reference}"
    if role_grants(role, "encompass.unmatched"):
        task = UnmatchedChild.objects.filter(matched_to_id=person_id, resolved_at__gte=since).first()
        if task is not None:
            return "a child they matched for Operation Encompass"
    return None
