"""Legitimate relationships that follow missing children's work, so that break-glass is left for the unexpected.

- The return home interview service (`missing.interview`) reaches the children referred to it: each child whose
  interview is still to be offered or completed, and for `after_closing_days` (policy.toml) after it completes.
- The coordinator and police (`missing.view`) reach each child with an open episode, and for `after_closing_days`
  after the child is back (the interview, the trigger plan review and the strategy prompt follow the return).

Registered with `frontdoor.access.relationships.register_relationship_source` in `MissingConfig.ready`.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.role_permissions import role_grants
from frontdoor.missing.models import Episode, EpisodeStatus, InterviewRequest, InterviewStatus


def missing_works_with(user: User, role: str | None, person_id: int) -> str | None:
    """Why this user, in this role, may see this child as part of missing children's work, or None."""
    since = timezone.now() - timedelta(days=get_policy().after_closing_days)
    if role_grants(role, "missing.interview"):
        referred = InterviewRequest.objects.filter(episode__person_id=person_id).filter(
            ~Q(status=InterviewStatus.COMPLETED) | Q(completed_at__gte=since)
        )
        found = referred.select_related("episode").order_by("-requested_at").first()
        return f"referred for a return home interview, episode {found.episode.reference}" if found else None
    if role_grants(role, "missing.view"):
        live = Q(status=EpisodeStatus.OPEN) | Q(ended_at__gte=since)
        episode = Episode.objects.filter(live, person_id=person_id).order_by("-went_missing_at").first()
        return f"missing episode {episode.reference}" if episode else None
    return None
