"""Legitimate relationships that follow family help's work, so that break-glass is left for the unexpected.

A role holding `familyhelp.view` may see in full the children of each family on the family help triage list and
the allocation waiting list (the team's lists), the adults the stepping-down referral named, and those children's
households (records at the same address) and recorded relatives. Once a family has a lead practitioner, or has
been stepped up or closed, that relationship is its lead practitioner's and duty worker's, and the family help
manager's (`familyhelp.allocate`); it is kept for `after_closing_days` (policy.toml) after family help closes.
Each answer is the reason in words, which the look's audit row records.

Registered with `frontdoor.access.relationships.register_relationship_source` in `FamilyHelpConfig.ready`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.role_permissions import role_grants
from frontdoor.familyhelp.models import UNALLOCATED, Allocation, DutyWorker, Family, FamilyChild
from frontdoor.familyhelp.selectors import families_of
from frontdoor.people.households import map_households
from frontdoor.people.models import Relationship


def _live(since: datetime) -> Q:
    return Q(closed_at__isnull=True) | Q(closed_at__gte=since)


def _worked_by(user: User, since: datetime) -> Q:
    """Families the user leads or is duty worker for (or was, until the period after closing ends)."""
    ended = Q(ended_at__isnull=True) | Q(ended_at__gte=since)
    leads = Allocation.objects.filter(ended, lead_practitioner=user).values("family_id")
    duty = DutyWorker.objects.filter(ended, worker=user).values("family_id")
    return Q(pk__in=leads) | Q(pk__in=duty)


def _families_for(user: User, role: str | None, since: datetime) -> Q:
    """The families whose people this user, in this role, works with."""
    if role_grants(role, "familyhelp.allocate"):
        return _live(since)
    on_the_lists = Q(status__in=UNALLOCATED, closed_at__isnull=True)
    return on_the_lists | (_live(since) & _worked_by(user, since))


def _as_child_or_adult(person_id: int, visible: Q) -> str | None:
    family = families_of(person_id).filter(visible).order_by("-waiting_since", "-id").first()
    if family is None:
        return None
    is_child = FamilyChild.objects.filter(
        Q(person_id=person_id) | Q(referral_child__person_id=person_id), family=family
    ).exists()
    return f"{'child' if is_child else 'adult'} in family help family {family.reference}"


def _family_of_a_child(person_id: int, visible: Q) -> str | None:
    children: dict[int, str] = {}
    for family_reference, person, linked in FamilyChild.objects.filter(
        family__in=Family.objects.filter(visible)
    ).values_list("family__reference", "person_id", "referral_child__person_id"):
        for known in (person, linked):
            if known:
                children.setdefault(known, family_reference)
    if not children:
        return None
    related = Relationship.objects.filter(
        Q(person_id=person_id, relative_id__in=list(children)) | Q(relative_id=person_id, person_id__in=list(children))
    ).first()
    if related is not None:
        child = related.relative_id if related.person_id == person_id else related.person_id
        return f"recorded relative of a child in family help family {children[child]}"
    household = map_households([person_id])[person_id] & set(children)
    if household:
        return f"household of a child in family help family {children[min(household)]}"
    return None


def family_help_works_with(user: User, role: str | None, person_id: int) -> str | None:
    """Why a family help worker may see this person as part of family help's work, or None."""
    if not role_grants(role, "familyhelp.view"):
        return None
    since = timezone.now() - timedelta(days=get_policy().after_closing_days)
    visible = _families_for(user, role, since)
    return _as_child_or_adult(person_id, visible) or _family_of_a_child(person_id, visible)
