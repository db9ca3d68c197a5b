"""The daily vulnerability meeting and the emergency duty team in tests: moments in UK time, an actor, a contact."""

from __future__ import annotations

from datetime import date, datetime

from frontdoor.access.audit import Actor
from frontdoor.core.calendars import LONDON
from frontdoor.mash import edt_services
from support.factories import UserFactory


def uk(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall-clock moment in the UK (GMT or BST, as it was)."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def actor(user, role: str) -> Actor:
    return Actor(user=user, role=role, agency=user.agency)


def edt_contact(user=None, **fields):
    """An out-of-hours contact recorded through the service, by an EDT worker unless told otherwise."""
    user = user or UserFactory(roles=["edt_worker"])
    data = {
        "first_name": "Kayden",
        "last_name": "Marsh",
        "date_of_birth": date(2013, 6, 14),
        "what_happened": "Police called at 10pm: Kayden found alone at home, mother not returned.",
        "action_taken": "Kayden placed with his aunt overnight; police informed.",
        "priority": "red",
        **fields,
    }
    return edt_services.record_contact(edt_services.ContactData(**data), actor=actor(user, "edt_worker"))
