"""Reads for the MASH: a referral or VIST in full (audited), its priority and who is working it, and the workers it
may be given to. The queue itself is in `mash.queue`."""

from __future__ import annotations

from django.db import transaction

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.access.role_permissions import MASH_ROLES
from frontdoor.intake.models import Referral, ReferralAdult, ReferralChild, Vist
from frontdoor.mash import priority
from frontdoor.mash.models import Assignment, Decision, ReferralPriority, VistTriage


def _record_each(actor: Actor, people: list, *, action: str, purpose: str) -> None:
    """One audit row per person the item names and the front door has linked (so the look is in each one's "who
    has looked"), or one row for the item when it names no one linked yet."""
    for person in dict.fromkeys(people) or [None]:
        record_access(actor, person, action=action, purpose=purpose, outcome=AuditOutcome.ALLOWED)


def get_referral_for_mash(actor: Actor, reference: str, purpose: str) -> Referral:
    """A referral in full for MASH staff, with its decision if made, audited in the same transaction as the read."""
    with transaction.atomic():
        referral = (
            Referral.objects.select_related("referrer_agency")
            .prefetch_related("children__person", "adults__person")
            .get(reference=reference)
        )
        named: list[ReferralChild | ReferralAdult] = [*referral.children.all(), *referral.adults.all()]
        people = [p.person for p in named if p.person_id]
        _record_each(actor, people, action="view_referral", purpose=f"{purpose}: {reference}")
        return referral


def find_referral(reference: str) -> Referral | None:
    """A referral by its reference, to act on (not to read: nothing about its children is shown from this)."""
    return Referral.objects.filter(reference=reference).first()


def find_vist(reference: str) -> Vist | None:
    """A VIST by its reference, to act on (not to read)."""
    return Vist.objects.filter(reference=reference).first()


def find_decision(referral: Referral) -> Decision | None:
    return Decision.objects.filter(referral=referral).select_related("decided_by").first()


def get_vist_for_mash(actor: Actor, reference: str, purpose: str) -> Vist:
    """A VIST in full for MASH staff, audited in the same transaction as the read."""
    with transaction.atomic():
        vist = Vist.objects.prefetch_related("persons__person").get(reference=reference)
        people = [p.person for p in vist.persons.all() if p.person_id]
        _record_each(actor, people, action="view_vist", purpose=f"{purpose}: {reference}")
        return vist


def find_triage(vist: Vist) -> VistTriage | None:
    return VistTriage.objects.filter(vist=vist).select_related("triaged_by").first()


def find_priority(referral: Referral) -> ReferralPriority | None:
    """The priority a MASH worker last set on the referral (None: only suggested so far)."""
    return ReferralPriority.objects.filter(referral=referral).select_related("set_by").first()


def referral_priority(referral: Referral) -> priority.Priority:
    """The priority the MASH set on the referral (the latest), or the one its answers suggest."""
    return priority.of_referral(referral.level_of_need, referral.presenting_issues, find_priority(referral))


def list_mash_workers() -> list[User]:
    """Everyone who can be given MASH work now: active accounts holding a MASH role, by name."""
    return list(
        User.objects.filter(is_active=True, role_grants__role__in=MASH_ROLES, role_grants__revoked_at__isnull=True)
        .distinct()
        .order_by("first_name", "last_name", "id")
    )


def is_mash_worker(user: User) -> bool:
    return user.is_active and user.role_grants.filter(role__in=MASH_ROLES, revoked_at__isnull=True).exists()


def of_item(item: Referral | Vist) -> dict[str, Referral | Vist]:
    return {"referral": item} if isinstance(item, Referral) else {"vist": item}


def find_assignment(item: Referral | Vist) -> Assignment | None:
    """Who is working the referral or VIST now (None: nobody yet)."""
    return Assignment.objects.filter(ended_at__isnull=True, **of_item(item)).select_related("worker").first()


def list_assignments(item: Referral | Vist) -> list[Assignment]:
    """Every assignment of the referral or VIST, the latest first: who assigned whom, and when."""
    return list(
        Assignment.objects.filter(**of_item(item))
        .select_related("worker", "assigned_by")
        .order_by("-assigned_at", "-id")
    )
