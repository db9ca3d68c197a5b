"""Legal holds: keep a person's records, or one record, past their retention period (litigation, an inquiry, a
complaint, a subject access request being answered). The retention command reads `held()` and deletes nothing a
live hold covers."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from frontdoor.access.models import LegalHold, User
from frontdoor.people.models import Person

log = logging.getLogger("frontdoor.access.holds")


@dataclass(frozen=True)
class Held:
    """What the live holds cover: people by id, and records by (record type, reference or id)."""

    people: frozenset[int]
    records: frozenset[tuple[str, str]]

    def covers(self, record_type: str, identifiers: tuple[str, ...], person_ids: set[int]) -> bool:
        return bool(person_ids & self.people) or any((record_type, i) in self.records for i in identifiers)


@transaction.atomic
def place_hold(
    reason: str, *, person: Person | None = None, record: tuple[str, str] | None = None, by: User | None = None
) -> LegalHold:
    """Hold a person's records, or one record (a retention record type and its reference or id), with a reason."""
    if (person is None) == (record is None) or not reason.strip():
        raise ValueError("a legal hold is on a person or on a record, and gives a reason")
    record_type, record_id = record or ("", "")
    hold = LegalHold.objects.create(
        person=person, record_type=record_type, record_id=record_id, reason=reason.strip(), placed_by=by
    )
    log.info("access.legal_hold_placed hold=%s", hold.pk)
    return hold


@transaction.atomic
def release_hold(hold: LegalHold) -> None:
    """End a hold: its records become subject to their retention periods again."""
    LegalHold.objects.filter(pk=hold.pk, released_at__isnull=True).update(released_at=timezone.now())
    log.info("access.legal_hold_released hold=%s", hold.pk)


def held() -> Held:
    live = LegalHold.objects.filter(released_at__isnull=True)
    return Held(
        people=frozenset(live.filter(person__isnull=False).values_list("person_id", flat=True)),
        records=frozenset(live.filter(person__isnull=True).values_list("record_type", "record_id")),
    )


def list_holds(*, include_released: bool = False) -> list[LegalHold]:
    holds = LegalHold.objects.order_by("-placed_at", "-id")
    return list(holds if include_released else holds.filter(released_at__isnull=True))
