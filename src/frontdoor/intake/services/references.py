"""References people read out over the phone: FD-XXXX-XXXX for referrals, VIST-XXXX-XXXX for VISTs."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction

# Crockford's base32 without I, L, O, U: easy to read out over the phone.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(prefix: str) -> str:
    body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def save_with_reference(obj: Any, prefix: str) -> None:
    """Save `obj` under a fresh reference, drawing again in the one-in-a-trillion case of a clash."""
    for _ in range(5):
        obj.reference = new_reference(prefix)
        try:
            with transaction.atomic():
                obj.save()
            return
        except IntegrityError:
            if type(obj).objects.filter(reference=obj.reference).exists():
                continue
            raise
    raise RuntimeError("could not draw a unique reference")
