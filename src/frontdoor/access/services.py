"""Writes about users, roles and API clients. One use case, one transaction."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.matrix import get_policy
from frontdoor.access.models import (
    ApiClient,
    AuditBasis,
    AuditOutcome,
    BreakGlass,
    BreakGlassReview,
    LegitimateRelationship,
    RelationshipKind,
    RoleGrant,
    User,
)
from frontdoor.access.roles import Role
from frontdoor.access.selectors import active_users_with_role
from frontdoor.core.outbox import Message, enqueue_all
from frontdoor.people.models import Agency, Person

LAST_USED_PRECISION = timedelta(minutes=1)
TOKEN_PREFIX = "fd_"  # noqa: S105  (a recognisable prefix, not a secret)


def hash_token(token: str) -> str:
    # Tokens are 256-bit random strings, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def grant_role(user: User, role: Role | str, granted_by: User | None = None) -> RoleGrant:
    """Give a user a role (a no-op if they hold it already)."""
    role = Role(role)
    existing = RoleGrant.objects.filter(user=user, role=role, revoked_at__isnull=True).first()
    return existing or RoleGrant.objects.create(user=user, role=role, granted_by=granted_by)


@transaction.atomic
def revoke_role(user: User, role: Role | str) -> int:
    """Take a role away; any session acting in it loses it on the next request."""
    return RoleGrant.objects.filter(user=user, role=Role(role), revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


@transaction.atomic
def disable_user(user: User) -> None:
    """A leaver: the account can no longer sign in, and every session of theirs fails on its next request."""
    user.is_active = False
    user.save(update_fields=["is_active"])


@transaction.atomic
def create_api_client(name: str, agency: Agency, scopes: list[str], token: str | None = None) -> tuple[ApiClient, str]:
    """Register (or re-key) an agency's API client; the token is returned once and only its hash kept."""
    token = token or TOKEN_PREFIX + secrets.token_urlsafe(32)
    client, _ = ApiClient.objects.update_or_create(
        name=name,
        defaults={
            "agency": agency,
            "scopes": sorted(set(scopes)),
            "token_prefix": token[:10],
            "token_hash": hash_token(token),
            "active": True,
        },
    )
    return client, token


def authenticate_api_token(token: str) -> ApiClient | None:
    """The active client whose token this is, or None. Records when it was last used."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    client = ApiClient.objects.select_related("agency").filter(token_hash=hash_token(token), active=True).first()
    if client is None or not hmac.compare_digest(client.token_hash, hash_token(token)):
        return None
    now = timezone.now()
    # Recorded to the minute: a write on every request would cost more than knowing the second is worth.
    if client.last_used_at is None or now - client.last_used_at > LAST_USED_PRECISION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


# --- Legitimate relationships and break-glass --------------------------------------------------------------

BREAK_GLASS_REASON_MIN = 20
BREAK_GLASS_REVIEWERS = frozenset({Role.PRIVACY_OFFICER, Role.MASH_MANAGER})


@transaction.atomic
def add_to_caseload(
    person: Person,
    *,
    user: User | None = None,
    agency: Agency | None = None,
    role: str = "",
    kind: str = RelationshipKind.CASELOAD,
    added_by: User | None = None,
) -> LegitimateRelationship:
    """Give a worker (or a team: an agency, optionally one role in it) a legitimate relationship with a person."""
    return LegitimateRelationship.objects.create(
        person=person, user=user, agency=agency, role=role, kind=kind, added_by=added_by
    )


@transaction.atomic
def end_relationship(relationship: LegitimateRelationship) -> None:
    """The person leaves the caseload or queue: full detail needs a new relationship or break-glass from now."""
    LegitimateRelationship.objects.filter(pk=relationship.pk, ended_at__isnull=True).update(ended_at=timezone.now())


def break_glass(actor: Actor, person_id: int, reason: str) -> BreakGlass:
    """Open a person's record without a legitimate relationship, for a limited time, alerting the privacy officers.

    The reason is kept for the reviewer; the alert itself names no one (a reference and a link behind sign-in).
    """
    reason = reason.strip()
    if len(reason) < BREAK_GLASS_REASON_MIN:
        raise ValidationError({"reason": f"Give a reason of at least {BREAK_GLASS_REASON_MIN} characters"})
    rules = get_policy().roles.get(actor.role or "")
    if actor.user is None or actor.role is None or rules is None or not rules.break_glass:
        raise PermissionDenied("break-glass")
    with transaction.atomic():
        person = Person.objects.get(pk=person_id)
        now = timezone.now()
        grant = BreakGlass.objects.create(
            user=actor.user,
            role=actor.role,
            agency=actor.agency,
            person=person,
            reason=reason,
            granted_at=now,
            expires_at=now + timedelta(minutes=settings.FRONTDOOR_BREAK_GLASS_MINUTES),
            request_id=actor.request_id,
        )
        recipients = active_users_with_role(Role.PRIVACY_OFFICER) or [
            # No privacy officer to tell: the MASH managers are told instead, so no break-glass goes unseen.
            u
            for u in active_users_with_role(Role.MASH_MANAGER)
            if u.pk != actor.user.pk
        ]
        enqueue_all(
            [
                Message(
                    kind="access.break_glass",
                    dedupe_key=f"break-glass:{grant.pk}:to:{user.pk}",
                    recipient=user,
                    subject=f"Break-glass access {grant.reference} to review",
                    body=f"Break-glass access {grant.reference} was used and is waiting for your review.",
                    link_path=f"/access/break-glass/{grant.pk}/",
                )
                for user in recipients
            ]
        )
        record_access(
            actor,
            person,
            action="break_glass",
            purpose=f"break-glass {grant.reference}",
            outcome=AuditOutcome.ALLOWED,
            basis=AuditBasis.BREAK_GLASS,
            break_glass=grant,
        )
    return grant


def review_break_glass(actor: Actor, grant_id: int, outcome: str, note: str = "") -> BreakGlass:
    """A second person (a privacy officer, or a manager other than the requester) judges a break-glass access."""
    if actor.user is None or actor.role not in BREAK_GLASS_REVIEWERS:
        raise PermissionDenied("access.review")
    if outcome not in (BreakGlassReview.JUSTIFIED, BreakGlassReview.REFERRED):
        raise ValidationError({"outcome": "Choose whether the access was justified or needs investigating"})
    note = note.strip()
    if outcome == BreakGlassReview.REFERRED and not note:
        raise ValidationError({"note": "Say why you are referring it for investigation"})
    with transaction.atomic():
        grant = BreakGlass.objects.select_for_update().get(pk=grant_id)
        if grant.user_id == actor.user.pk:
            raise ValidationError(
                {"outcome": "You cannot review your own break-glass access: another privacy officer or manager must"}
            )
        if grant.review != BreakGlassReview.AWAITING:
            raise ValidationError({"outcome": "This access has already been reviewed"})
        grant.review = outcome
        grant.reviewed_by = actor.user
        grant.reviewed_at = timezone.now()
        grant.review_note = note
        grant.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_note"])
    return grant
