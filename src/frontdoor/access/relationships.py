"""Legitimate relationships: who may see a person in full, because the person is in their caseload or queue.

The relationship table (`LegitimateRelationship`) holds caseloads, team queues and pupils. Capabilities above
`access` add their own sources without `access` importing them: `register_relationship_source(fn)`, where
`fn(user, role, person_id) -> bool` (the MASH registers its triage queue this way, in `MashConfig.ready`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.models import LegitimateRelationship, User
from frontdoor.people.models import Person

RelationshipSource = Callable[[User, str | None, int], bool]

_SOURCES: list[RelationshipSource] = []


def register_relationship_source(source: RelationshipSource) -> None:
    """Count `source(user, role, person_id)` as a legitimate relationship too (registering twice is a no-op)."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def has_legitimate_relationship(user: User, person: Person | int, role: str | None = None) -> bool:
    """Does `user`, acting in `role`, have a live legitimate relationship with `person`?

    Yes when a live relationship row names the user, or their team (their agency, for any role or for `role`),
    or when a registered source says so (the MASH triage queue for MASH roles). With `role=None` only rows
    naming the user or their whole agency count: roles never merge.
    """
    person_id = person if isinstance(person, int) else person.pk
    if not user.is_active:
        return False
    now = timezone.now()
    holder = Q(user=user)
    if user.agency_id is not None:
        team_role = Q(role="") | Q(role=role) if role else Q(role="")
        holder |= Q(user__isnull=True, agency_id=user.agency_id) & team_role
    live = LegitimateRelationship.objects.filter(
        holder, Q(ended_at__isnull=True) | Q(ended_at__gt=now), person_id=person_id, started_at__lte=now
    )
    if live.exists():
        return True
    return any(source(user, role, person_id) for source in _SOURCES)
