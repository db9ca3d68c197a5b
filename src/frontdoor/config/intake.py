"""Intake: VIST compliance (how long after a police incident with children its VIST is due)."""

from __future__ import annotations

import os

from frontdoor.config.environment import counted


def _due_hours(raw: str) -> int:
    """A whole number of hours from 1 to 720; anything else stops the start-up."""
    return counted("FRONTDOOR_VIST_DUE_HOURS", raw, "hours", 720, 24)


# VIST compliance: a police incident with children and no VIST this many hours after it (real hours, nights and
# weekends included) is on the police supervisor's list, and a VIST sent later than this is marked late.
FRONTDOOR_VIST_DUE_HOURS = _due_hours(os.environ.get("FRONTDOOR_VIST_DUE_HOURS", "24"))
