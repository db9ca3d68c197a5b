"""The secrets production refuses as placeholders: Django's SECRET_KEY and the key of the access audit's hash
chain (ADR 0006), with the retired keys that only verify rows sealed before a rotation."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

from frontdoor.config.environment import PRODUCTION, TESTING, VAR_DIR
from frontdoor.core.durability import PLACEHOLDER_SECRETS


def _key(name: str, *, weak: Callable[[str], bool], refusal: str, test_key: str, kept_as: str, size: int) -> str:
    """The key from the environment; production refuses none, a placeholder or a weak one. The tests use a fixed key;
    the demo generates one and keeps it under var/ (only its owner may read it) so that it survives a restart."""
    key = os.environ.get(name, "")
    if PRODUCTION:
        if not key or key in PLACEHOLDER_SECRETS or weak(key):
            raise ImproperlyConfigured(refusal)
        return key
    if key:
        return key
    if TESTING:
        return test_key
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / kept_as
    if not path.exists():
        path.write_text(secrets.token_urlsafe(size))
        path.chmod(0o600)
    return path.read_text().strip()


# Kept by the demo so that sessions survive a restart of `make demo`.
SECRET_KEY = _key(
    "SECRET_KEY",
    weak=lambda key: len(key) < 50 or "insecure" in key,
    refusal="SECRET_KEY must be set to a long random value in production (50+ characters, not a placeholder)",
    test_key="test-only-secret-key-" + "x" * 40,
    kept_as="secret-key",
    size=64,
)
# The key of the access audit's HMAC chain, kept outside the database so that its owner cannot rewrite the chain
# (ADR 0006). The current key seals new rows; retired keys (comma-separated) only verify rows sealed before a rotation.
FRONTDOOR_AUDIT_KEY = _key(
    "FRONTDOOR_AUDIT_KEY",
    weak=lambda key: len(key) < 32 or key == SECRET_KEY,
    refusal="FRONTDOOR_AUDIT_KEY must be set to a random value in production (32+ characters, not a placeholder,"
    " not the SECRET_KEY): the access audit's hash chain is keyed with it",
    test_key="test-only-audit-key-" + "y" * 40,
    kept_as="audit-key",
    size=48,
)
FRONTDOOR_AUDIT_RETIRED_KEYS = [k for k in os.environ.get("FRONTDOOR_AUDIT_RETIRED_KEYS", "").split(",") if k]
