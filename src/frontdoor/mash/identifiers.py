"""The consistent child identifier beside the already-known check: each matched person's NHS number and where it
came from (people.consistent_identifier), for a referral's or VIST's people lines. The matches were audited when
the check was described; this only reads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from frontdoor.people.consistent_identifier import ConsistentIdentifier, consistent_identifier
from frontdoor.people.models import Person


def map_nhs_numbers(*known_maps: dict[int, Any]) -> dict[int, ConsistentIdentifier]:
    """Each matched person's consistent identifier, keyed by person id."""
    ids: set[int] = set()
    for known in known_maps:
        for found in known.values():
            ids.update(m.person_id for m in found.matches if m.person_id)
    return {person.pk: consistent_identifier(person) for person in _people(ids)}


def _people(ids: Iterable[int]) -> list[Person]:
    return list(Person.objects.filter(pk__in=sorted(ids)).order_by("pk"))
