"""What the MACE workspace shows of itself elsewhere, registered in `MaceConfig.ready`: what its clocks' subjects
(disruption actions) are called, whose deadlines they are, the cleared roles' home section, and a legitimate
relationship with the children it follows."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.registry import Subject
from frontdoor.exploitation import rules
from frontdoor.exploitation.models import MaceListing
from frontdoor.mace import selectors
from frontdoor.mace.models import DisruptionAction, Intelligence


def describe_actions(ids: list[str]) -> dict[str, Subject]:
    found = DisruptionAction.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list("pk", flat=True)
    return {str(pk): Subject(f"Disruption action {pk}", reverse("mace:action", args=[pk])) for pk in found}


def action_deadlines(actor: Actor) -> list[tuple[str, str]]:
    """The coordinator's own deadlines are every open disruption action (a missed one escalates to them); another
    cleared user's, the actions they own."""
    if role_grants(actor.role, "exploitation.coordinate"):
        return selectors.action_subjects()
    if actor.user is None or not role_grants(actor.role, "mace.manage"):
        return []
    return selectors.action_subjects(actor.user.pk)


def home(actor: Actor) -> dict[str, Any]:
    """The MACE picture in numbers: children listed (high risk among them), open and missed disruption actions."""
    return {"counts": selectors.count_work(), "level_words": rules.LEVEL_WORDS}


def mace_works_with(user: User, role: str | None, person_id: int) -> str | None:
    """A cleared role reaches each child listed for MACE, and each child intelligence links with exploitation."""
    if not role_grants(role, "mace.view"):
        return None
    if MaceListing.objects.filter(person_id=person_id, closed_on__isnull=True).exists():
        return "listed for MACE"
    found = Intelligence.objects.filter(children__pk=person_id).order_by("-received_on").values_list("pk", flat=True)
    first = found.first()
    return f"MACE intelligence {first}" if first else None
