"""Legitimate relationships: who may see a person in full because of the work they do, and why.

Two kinds, both named by their reason (which each look records, and "who has looked" shows):
- rows of `LegitimateRelationship`: a caseload, a team's queue, a school's pupils, added by people;
- the work itself: capabilities above `access` register a source, `fn(user, role, person_id) -> reason or None`,
  without `access` importing them (the MASH registers its queues, decisions and their households this way, in
  `MashConfig.ready`; see `[relationships]` in policy.toml).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.models import LegitimateRelationship, RelationshipKind, User
from frontdoor.people.models import Person

RelationshipSource = Callable[[User, str | None, int], str | None]

_SOURCES: list[RelationshipSource] = []

ROW_REASONS = {
    RelationshipKind.CASELOAD: "in the caseload",
    RelationshipKind.TEAM_QUEUE: "in the team's queue",
    RelationshipKind.PUPIL: "a pupil at the school",
    RelationshipKind.MASH_CHECK: "asked about in a MASH check",
}


def register_relationship_source(source: RelationshipSource) -> None:
    """Count `source(user, role, person_id)` as a legitimate relationship too (registering twice is a no-op)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def find_legitimate_relationship(user: User, person: Person | int, role: str | None = None) -> str | None:
    """Why `user`, acting in `role`, may see `person` in full, in words ("on VIST VIST-7K2M-9QXA"), or None.

    A live relationship row naming the user, or their team (their agency, for any role or for `role`), or a
    registered source. With `role=None` only rows naming the user or their whole agency count: roles never merge.
    """
    person_id = person if isinstance(person, int) else person.pk
    if not user.is_active:
        return None
    now = timezone.now()
    holder = Q(user=user)
    if user.agency_id is not None:
        team_role = Q(role="") | Q(role=role) if role else Q(role="")
        holder |= Q(user__isnull=True, agency_id=user.agency_id) & team_role
    live = LegitimateRelationship.objects.filter(
        holder, Q(ended_at__isnull=True) | Q(ended_at__gt=now), person_id=person_id, started_at__lte=now
    )
    row = live.order_by("id").first()
    if row is not None:
        return ROW_REASONS.get(RelationshipKind(row.kind), "a recorded relationship")
    for source in _SOURCES:
        reason = source(user, role, person_id)
        if reason:
            return reason
    return None


def has_legitimate_relationship(user: User, person: Person | int, role: str | None = None) -> bool:
    return find_legitimate_relationship(user, person, role) is not None
