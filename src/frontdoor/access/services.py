"""Writes about users, roles and API clients. One use case, one transaction."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

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
    RoleGrantRequest,
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
    until: datetime | None = None,
) -> LegitimateRelationship:
    """Give a worker (or a team: an agency, optionally one role in it) a legitimate relationship with a person,
    open-ended or `until` a time."""
    return LegitimateRelationship.objects.create(
        person=person, user=user, agency=agency, role=role, kind=kind, added_by=added_by, ended_at=until
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


# --- What administrators grant ------------------------------------------------------------------------------------


class GrantRefused(Exception):
    """An administrator may not make this grant (their own, or deciding their own request); the message says why."""


def reads_childrens_records(role: str) -> bool:
    """Whether a role may see any category of a person's data in full (with a relationship, in any agency)."""
    policy = get_policy()
    rules = policy.roles[role]
    levels = {*rules.categories.values(), *(v for cells in rules.agency.values() for v in cells.values())}
    return bool(levels & {"read", "full"})


def _on_record(administrator: User, action: str, purpose: str, person: Person | None = None) -> None:
    record_access(
        Actor(user=administrator, role=Role.SYSTEM_ADMINISTRATOR, agency=administrator.agency),
        person,
        action=action,
        purpose=purpose,
        outcome=AuditOutcome.ALLOWED,
    )


def _tell_privacy_officers(kind: str, key: str, subject: str) -> None:
    """An alert with no personal data: the detail is in the administration site and the access audit."""
    enqueue_all(
        [
            Message(
                kind=kind,
                dedupe_key=f"{key}:{officer.pk}",
                recipient=officer,
                subject=subject,
                body="An administrator changed who may see children's records. Review it in the access audit.",
                link_path="/access/reviews/",
            )
            for officer in active_users_with_role(Role.PRIVACY_OFFICER)
        ]
    )


def grant_role_as_administrator(administrator: User, user: User, role: str) -> RoleGrant | RoleGrantRequest:
    """An administrator gives a user a role. A role that reads children's records waits for a second administrator
    (a RoleGrantRequest); any other takes effect now. Either way it is audited and the privacy officers are told.
    Nobody grants themselves a role."""
    role = Role(role)
    if administrator.pk == user.pk:
        raise GrantRefused("You cannot give yourself a role: another administrator must")
    with transaction.atomic():
        if reads_childrens_records(role):
            request = RoleGrantRequest.objects.create(user=user, role=role, requested_by=administrator)
            _on_record(administrator, "request_role", f"asked for the {role.label} role for {user.username}")
            _tell_privacy_officers(
                "access.role_requested",
                f"role-request:{request.pk}",
                "A role that reads children's records was asked for",
            )
            return request
        grant = grant_role(user, role, granted_by=administrator)
        _on_record(administrator, "grant_role", f"gave the {role.label} role to {user.username}")
        _tell_privacy_officers("access.role_granted", f"role-grant:{grant.pk}", "A role was given")
        return grant


def decide_role_request(administrator: User, request_id: int, *, approve: bool) -> RoleGrantRequest:
    """A second administrator approves or refuses a role asked for; never the one who asked, nor the user."""
    with transaction.atomic():
        request = RoleGrantRequest.objects.select_for_update().select_related("user").get(pk=request_id)
        if request.approved is not None:
            raise GrantRefused("This role has already been decided")
        if administrator.pk in (request.requested_by_id, request.user_id):
            raise GrantRefused("Another administrator must decide: not the one who asked, nor the user")
        request.approved, request.decided_by, request.decided_at = approve, administrator, timezone.now()
        request.save(update_fields=["approved", "decided_by", "decided_at"])
        label = Role(request.role).label
        if approve:
            grant_role(request.user, request.role, granted_by=administrator)
        verb = "approved" if approve else "refused"
        action = "approve_role" if approve else "refuse_role"
        _on_record(administrator, action, f"{verb} the {label} role for {request.user.username}")
        _tell_privacy_officers(f"access.role_{verb}", f"role-{verb}:{request.pk}", f"A role asked for was {verb}")
        return request


def add_relationship_as_administrator(
    administrator: User, relationship: LegitimateRelationship
) -> LegitimateRelationship:
    """An administrator records a legitimate relationship (unsaved `relationship`): audited against the person, the
    privacy officers told. Nobody gives one to themselves or to their own agency's team."""
    own = relationship.user_id == administrator.pk or (
        relationship.user_id is None
        and relationship.agency_id is not None
        and relationship.agency_id == administrator.agency_id
    )
    if own:
        raise GrantRefused(
            "You cannot give yourself or your own team a relationship with a person: another administrator must"
        )
    with transaction.atomic():
        relationship.added_by = administrator
        relationship.save()
        holder = relationship.user.username if relationship.user else f"the {relationship.agency} team"
        _on_record(
            administrator, "add_relationship", f"gave {holder} a relationship with this person", relationship.person
        )
        _tell_privacy_officers(
            "access.relationship_added", f"relationship:{relationship.pk}", "A relationship with a person was given"
        )
        return relationship
