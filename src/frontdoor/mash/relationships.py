"""Legitimate relationships that follow the MASH's work, so that break-glass is left for the unexpected.

A MASH role may see in full every child and adult on a referral, VIST or domestic-abuse incident in its queues,
each person the already-known check offered as a match for one of them, the people whose records wait in the
identity review queue or were in a pair the worker decided (roles that review identities), and the households and
recorded relatives of the children on those items; and keeps that relationship for `after_closing_days`
(policy.toml) after the referral is decided, the VIST triaged or the pair decided. Each answer is the reason in
words, which the look's audit row records.

Registered with `frontdoor.access.relationships.register_relationship_source` in `MashConfig.ready`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.role_permissions import MASH_ROLES, role_grants
from frontdoor.intake.models import (
    ArrivalKind,
    CheckCandidate,
    IncidentPerson,
    ReferralAdult,
    ReferralChild,
    VistPerson,
)
from frontdoor.linkage.models import LinkDecision, ReviewItem, ReviewStatus
from frontdoor.mash.queue import OPEN_STATUSES
from frontdoor.people.households import map_households
from frontdoor.people.models import Relationship, SourceRecord


def _since() -> datetime:
    return timezone.now() - timedelta(days=get_policy().after_closing_days)


def _live_referral(since: datetime, prefix: str = "referral__") -> Q:
    """A referral still in the queue, or decided within the period."""
    return Q(**{f"{prefix}status__in": OPEN_STATUSES}) | Q(**{f"{prefix}mash_decision__decided_at__gte": since})


def _live_vist(since: datetime, prefix: str = "vist__") -> Q:
    return Q(**{f"{prefix}mash_triage__isnull": True}) | Q(**{f"{prefix}mash_triage__triaged_at__gte": since})


def _on_an_item(person_id: int, since: datetime) -> str | None:
    child = ReferralChild.objects.filter(_live_referral(since), person_id=person_id).select_related("referral")
    if (found := child.order_by("-referral__received_at").first()) is not None:
        return f"child on referral {found.referral.reference}"
    adult = ReferralAdult.objects.filter(_live_referral(since), person_id=person_id).select_related("referral")
    if (found_adult := adult.order_by("-referral__received_at").first()) is not None:
        return f"adult on referral {found_adult.referral.reference}"
    vist = VistPerson.objects.filter(_live_vist(since), person_id=person_id).select_related("vist")
    if (found_vist := vist.order_by("-vist__received_at").first()) is not None:
        return f"on VIST {found_vist.vist.reference}"
    incident = IncidentPerson.objects.filter(person_id=person_id, incident__received_at__gte=since)
    if (found_incident := incident.select_related("incident").order_by("-incident__received_at").first()) is not None:
        return f"in domestic-abuse incident {found_incident.incident.incident_reference}"
    return None


# Where each kind of arrival lives, to ask whether the item it arrived on is still worked.
_ARRIVALS: dict[str, tuple[type[ReferralChild | ReferralAdult | VistPerson], str, str]] = {
    ArrivalKind.REFERRAL_CHILD: (ReferralChild, "referral__", "referral"),
    ArrivalKind.REFERRAL_ADULT: (ReferralAdult, "referral__", "referral"),
    ArrivalKind.VIST_PERSON: (VistPerson, "vist__", "vist"),
}


def _offered_as_a_match(person_id: int, since: datetime) -> str | None:
    for candidate in CheckCandidate.objects.filter(person_id=person_id).select_related("identity_check"):
        check = candidate.identity_check
        if check.kind not in _ARRIVALS:
            continue
        model, prefix, item = _ARRIVALS[check.kind]
        live = _live_referral(since, prefix) if item == "referral" else _live_vist(since, prefix)
        arrival = model._default_manager.filter(live, pk=check.subject_id).select_related(item).first()
        if arrival is not None:
            reference = getattr(arrival, item).reference
            return f"possible match for someone on {'referral' if item == 'referral' else 'VIST'} {reference}"
    return None


def _in_identity_review(person_id: int) -> str | None:
    records = SourceRecord.objects.filter(person_id=person_id).values("id")
    waiting = ReviewItem.objects.filter(Q(left_id__in=records) | Q(right_id__in=records), status=ReviewStatus.OPEN)
    return "in the identity review queue" if waiting.exists() else None


def _decided_by_them(user: User, person_id: int, since: datetime) -> str | None:
    """A pair this worker decided lately: they read its records to decide, and check the result afterwards."""
    records = SourceRecord.objects.filter(person_id=person_id).values("id")
    decided = LinkDecision.objects.filter(
        Q(left_id__in=records) | Q(right_id__in=records), decided_by=user, decided_at__gte=since
    )
    return "on an identity decision they made" if decided.exists() else None


def _children_on_items(since: datetime) -> dict[int, str]:
    """Each child on a live item, with the item's reference in words."""
    children: dict[int, str] = {}
    for vp in VistPerson.objects.filter(_live_vist(since), is_child=True, person__isnull=False).select_related("vist"):
        children.setdefault(vp.person_id, f"VIST {vp.vist.reference}")  # type: ignore[arg-type]
    for rc in ReferralChild.objects.filter(_live_referral(since), person__isnull=False).select_related("referral"):
        children[rc.person_id] = f"referral {rc.referral.reference}"  # type: ignore[index]
    return children


def _family_of_a_child_on_an_item(person_id: int, since: datetime) -> str | None:
    children = _children_on_items(since)
    if not children:
        return None
    related = Relationship.objects.filter(
        Q(person_id=person_id, relative_id__in=list(children)) | Q(relative_id=person_id, person_id__in=list(children))
    ).first()
    if related is not None:
        child = related.relative_id if related.person_id == person_id else related.person_id
        return f"recorded relative of a child on {children[child]}"
    household = map_households([person_id])[person_id] & set(children)
    if household:
        return f"household of a child on {children[min(household)]}"
    return None


def the_mash_works_with(user: User, role: str | None, person_id: int) -> str | None:
    """Why a MASH worker may see this person as part of the MASH's work, or None."""
    if role not in MASH_ROLES:
        return None
    since = _since()
    reason = _on_an_item(person_id, since) or _offered_as_a_match(person_id, since)
    if reason is None and role_grants(role, "linkage.review"):
        reason = _in_identity_review(person_id) or _decided_by_them(user, person_id, since)
    return reason or _family_of_a_child_on_an_item(person_id, since)
