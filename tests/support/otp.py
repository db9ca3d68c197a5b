"""What an authenticator app does: the current TOTP code for a secret as the set-up page shows it."""

from __future__ import annotations

import re
import time

import pyotp


def secret_from_page(html: str) -> str:
    """The base32 secret shown for typing into an app (groups of four), without its spaces."""
    match = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', html)
    assert match, "the set-up page shows no secret"
    return match.group(1).replace(" ", "")


def code_for(secret: str, at: float | None = None) -> str:
    return pyotp.TOTP(secret).at(time.time() if at is None else at)


def seconds_to_next_code(step: int = 30) -> float:
    return step - time.time() % step
