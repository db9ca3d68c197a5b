"""Family help's notifications: in the app, naming the family's reference only (the detail is behind the sign-in)."""

from __future__ import annotations

from django.urls import reverse

from frontdoor.access.models import User
from frontdoor.core import outbox
from frontdoor.familyhelp.models import Family


def tell(family: Family, user: User, key: str, subject: str) -> None:
    """Tell `user` about the family once per `key` (the outbox's dedupe key), linking to the family's page."""
    outbox.enqueue(
        kind="familyhelp.family",
        dedupe_key=f"familyhelp:{family.pk}:{key}:{user.pk}",
        recipient=user,
        subject=subject,
        link_path=reverse("familyhelp:family", args=[family.reference]),
    )
