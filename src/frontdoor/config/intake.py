"""Intake: VIST compliance (how long after a police incident with children its VIST is due)."""

from __future__ import annotations

import os
import re

from django.core.exceptions import ImproperlyConfigured


def _due_hours(raw: str) -> int:
    """A whole number of hours from 1 to 720; anything else stops the start-up."""
    if not re.fullmatch(r"[0-9]{1,3}", raw.strip()) or not 1 <= int(raw) <= 720:
        raise ImproperlyConfigured(
            f"FRONTDOOR_VIST_DUE_HOURS must be a whole number of hours from 1 to 720, like 24: {raw!r} is not"
        )
    return int(raw)


# VIST compliance: a police incident with children and no VIST this many hours after it (real hours, nights and
# weekends included) is on the police supervisor's list, and a VIST sent later than this is marked late.
FRONTDOOR_VIST_DUE_HOURS = _due_hours(os.environ.get("FRONTDOOR_VIST_DUE_HOURS", "24"))
