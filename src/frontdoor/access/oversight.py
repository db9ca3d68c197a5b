"""Reads for the privacy officer: break-glass awaiting review, who looked at a record, and unusual access."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, F, Max, Min, OuterRef, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from frontdoor.access.anomalies import Look, bulk_browsing, repeated_views
from frontdoor.access.models import AccessAudit, AuditOutcome, BreakGlass, BreakGlassReview, User
from frontdoor.access.role_permissions import role_grants
from frontdoor.people.models import Address

REPORT_PERIOD = timedelta(days=30)
REVIEW_OVERDUE = timedelta(days=7)
LOOKS_SHOWN = 500
# Rows about a person that are not looks at their data.
NOT_LOOKS = ("view_access_log",)


def list_break_glass_awaiting_review() -> list[BreakGlass]:
    """Break-glass accesses nobody has reviewed yet, oldest first."""
    return list(
        BreakGlass.objects.filter(review=BreakGlassReview.AWAITING)
        .select_related("user", "agency")
        .order_by("granted_at", "id")
    )


def get_break_glass(grant_id: int) -> BreakGlass:
    return BreakGlass.objects.select_related("user", "agency", "reviewed_by").get(pk=grant_id)


def is_overdue(grant: BreakGlass, now: datetime | None = None) -> bool:
    return grant.review == BreakGlassReview.AWAITING and (now or timezone.now()) - grant.granted_at > REVIEW_OVERDUE


def list_looks(person_id: int, limit: int = LOOKS_SHOWN) -> list[AccessAudit]:
    """Who looked at (or was refused) this person's record, newest first, at most `limit` rows."""
    return list(
        AccessAudit.objects.filter(person_id=person_id)
        .select_related("actor", "agency", "api_client")
        .order_by("-at", "-id")[:limit]
    )


@dataclass(frozen=True)
class UnusualAccess:
    kind: str
    actor: User
    person_id: int | None
    count: int
    first_at: datetime
    last_at: datetime

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


KIND_LABELS = {
    "same_surname": "Viewer shares the person's surname",
    "same_postcode": "Viewer lives at the person's postcode",
    "bulk_browsing": "Many different people in a short time",
    "repeated_views": "The same person again and again",
}


def _looks(since: datetime) -> QuerySet[AccessAudit]:
    return AccessAudit.objects.filter(
        at__gte=since, person__isnull=False, actor__isnull=False, outcome=AuditOutcome.ALLOWED
    ).exclude(action__in=NOT_LOOKS)


def list_unusual_access(since: datetime | None = None) -> list[UnusualAccess]:
    """Looks that the insider-misuse rules flag since `since` (by default the last 30 days), newest first."""
    since = since or timezone.now() - REPORT_PERIOD
    found: list[tuple[str, int, int | None, int, datetime, datetime]] = []
    same_surname = (
        _looks(since)
        .annotate(viewer=Lower("actor__last_name"), viewed=Lower("person__last_name"))
        .filter(viewer=F("viewed"))
        .exclude(viewed="")
    )
    same_postcode = (
        _looks(since)
        .exclude(actor__home_postcode="")
        .filter(
            Exists(Address.objects.filter(person_id=OuterRef("person_id"), postcode=OuterRef("actor__home_postcode")))
        )
    )
    for kind, rows in (("same_surname", same_surname), ("same_postcode", same_postcode)):
        grouped = (
            rows.values("actor_id", "person_id")
            .annotate(n=Count("id"), first=Min("at"), last=Max("at"))
            .order_by("actor_id", "person_id")
        )
        found += [(kind, g["actor_id"], g["person_id"], g["n"], g["first"], g["last"]) for g in grouped]
    looks = [Look(a, p, at) for a, p, at in _looks(since).values_list("actor_id", "person_id", "at").iterator()]
    for finding in bulk_browsing(looks) + repeated_views(looks):
        found.append(
            (finding.kind, finding.actor_id, finding.person_id, finding.count, finding.first_at, finding.last_at)
        )
    users = User.objects.in_bulk({f[1] for f in found})
    result = [UnusualAccess(kind, users[a], p, n, first, last) for kind, a, p, n, first, last in found]
    return sorted(result, key=lambda u: (u.last_at, u.kind), reverse=True)


def home_reviews(actor: Any) -> dict[str, Any]:
    """The privacy officer's home section: break-glass waiting for review, and unusual access to look at."""
    awaiting = list_break_glass_awaiting_review()
    return {
        "reviews": {
            "awaiting": len(awaiting),
            "overdue": sum(1 for grant in awaiting if is_overdue(grant)),
            "unusual": len(list_unusual_access()) if role_grants(actor.role, "audit.view") else None,
        }
    }
