"""Writes about users, roles and API clients. One use case, one transaction."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from frontdoor.access.models import ApiClient, RoleGrant, User
from frontdoor.access.roles import Role
from frontdoor.people.models import Agency

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
