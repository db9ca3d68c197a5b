"""Reads of the emergency duty team's work: its contacts, one contact, the hand-overs waiting in the MASH's queue,
and the EDT's reach out of hours.

Out of hours (from the working-hours calendar), the EDT sees the early-help and social-care records of any child:
`out_of_hours` is a relationship source that answers only then, so each look goes through the access gate and its
audit row gives the reason "out of hours". In working hours the EDT keeps a relationship only with the children of
its own contacts, until the MASH has picked them up and the period after closing (policy.toml) has passed.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.roles import Role
from frontdoor.core.display import deadline
from frontdoor.core.registry import Subject
from frontdoor.core.selectors import map_clocks
from frontdoor.mash.edt_clocks import HANDOVER, HANDOVER_SUBJECT, is_out_of_hours
from frontdoor.mash.models_edt import EdtContact
from frontdoor.people.models import Person, PersonKind

OUT_OF_HOURS = "out of hours"


def out_of_hours(user: User, role: str | None, person_id: int) -> str | None:
    """The EDT may see any child out of hours; and, at any time, the child of a contact it recorded lately."""
    if role != Role.EDT_WORKER:
        return None
    if is_out_of_hours(timezone.now()):
        kind = Person.objects.filter(pk=person_id).values_list("kind", flat=True).first()
        if kind in (PersonKind.CHILD, PersonKind.UNBORN):
            return OUT_OF_HOURS
    since = timezone.now() - timedelta(days=get_policy().after_closing_days)
    mine = EdtContact.objects.filter(
        Q(picked_up_at__isnull=True) | Q(picked_up_at__gte=since), person_id=person_id, recorded_by=user
    ).first()
    return f"child on out-of-hours contact {mine.reference}" if mine is not None else None


def find_contact(reference: str) -> EdtContact | None:
    return (
        EdtContact.objects.filter(reference=reference).select_related("recorded_by", "picked_up_by", "person").first()
    )


def list_contacts_by(user: User | None, limit: int = 50) -> list[EdtContact]:
    """The contacts this EDT worker recorded, the latest first."""
    return list(
        EdtContact.objects.filter(recorded_by=user)
        .select_related("picked_up_by")
        .order_by("-recorded_at", "-id")[:limit]
    )


def list_handed_over(now: datetime | None = None) -> list[EdtContact]:
    """The hand-overs in the MASH's queue: reached it (from the next working day's opening) and not picked up."""
    now = now or timezone.now()
    return list(
        EdtContact.objects.filter(picked_up_at__isnull=True, handover_at__lte=now).order_by("handover_at", "id")
    )


def map_handover_clocks(contacts: list[EdtContact]) -> dict[int, Any]:
    return map_clocks(HANDOVER_SUBJECT, [c.pk for c in contacts], [HANDOVER.code])


def contact_deadline(contact: EdtContact, now: datetime | None = None):
    return deadline(map_handover_clocks([contact]).get(contact.pk), now or timezone.now())


def describe_contacts(ids: list[str]) -> dict[str, Subject]:
    references = EdtContact.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", "reference")
    return {str(pk): Subject(f"Out-of-hours contact {ref}", f"/mash/edt/contacts/{ref}/") for pk, ref in references}


def home_edt(actor: Actor) -> dict[str, Any]:
    """The EDT's home: whether it is out of hours now (so what it may open), and its contacts waiting for the MASH."""
    now = timezone.now()
    waiting = EdtContact.objects.filter(recorded_by=actor.user, picked_up_at__isnull=True)
    return {
        "out_of_hours": is_out_of_hours(now),
        "waiting": waiting.count(),
        "recorded_today": EdtContact.objects.filter(
            recorded_by=actor.user, recorded_at__gte=now - timedelta(hours=24)
        ).count(),
    }
