"""The secrets production refuses as placeholders: Django's SECRET_KEY and the key of the access audit's hash
chain (ADR 0006), with the retired keys that only verify rows sealed before a rotation."""

from __future__ import annotations

import os
import secrets

from django.core.exceptions import ImproperlyConfigured

from frontdoor.config.environment import PRODUCTION, TESTING, VAR_DIR
from frontdoor.core.durability import PLACEHOLDER_SECRETS


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if PRODUCTION:
        if not key or key in PLACEHOLDER_SECRETS or len(key) < 50 or "insecure" in key:
            raise ImproperlyConfigured(
                "SECRET_KEY must be set to a long random value in production (50+ characters, not a placeholder)"
            )
        return key
    if key:
        return key
    if TESTING:
        return "test-only-secret-key-" + "x" * 40
    # The demo keeps a generated key under var/ so sessions survive a restart of `make demo`.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _audit_key() -> str:
    """The key of the access audit's HMAC chain, kept outside the database so that its owner cannot rewrite the
    chain (ADR 0006). Production requires one; the demo keeps a generated key under var/, tests use a fixed one."""
    key = os.environ.get("FRONTDOOR_AUDIT_KEY", "")
    if PRODUCTION:
        if not key or key in PLACEHOLDER_SECRETS or len(key) < 32 or key == SECRET_KEY:
            raise ImproperlyConfigured(
                "FRONTDOOR_AUDIT_KEY must be set to a random value in production (32+ characters, not a placeholder,"
                " not the SECRET_KEY): the access audit's hash chain is keyed with it"
            )
        return key
    if key:
        return key
    if TESTING:
        return "test-only-audit-key-" + "y" * 40
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "audit-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


# The current audit key seals new rows; retired keys (comma-separated) only verify rows sealed before a rotation.
FRONTDOOR_AUDIT_KEY = _audit_key()
FRONTDOOR_AUDIT_RETIRED_KEYS = [k for k in os.environ.get("FRONTDOOR_AUDIT_RETIRED_KEYS", "").split(",") if k]
