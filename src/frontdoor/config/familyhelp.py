"""Family help (early help): how long a family may wait for a lead practitioner before it is on the alert list."""

from __future__ import annotations

import os
import re

from django.core.exceptions import ImproperlyConfigured


def _alert_weeks(raw: str) -> int:
    """A whole number of weeks from 1 to 52; anything else stops the start-up."""
    if not re.fullmatch(r"[0-9]{1,2}", raw.strip()) or not 1 <= int(raw) <= 52:
        raise ImproperlyConfigured(
            f"FRONTDOOR_FAMILY_HELP_ALERT_WEEKS must be a whole number of weeks from 1 to 52, like 4: {raw!r} is not"
        )
    return int(raw)


# Family help (early help): a family still waiting for a lead practitioner this many weeks after the MASH stepped it
# down is on the alert list, and the family help manager is told (the inspection found waits of up to ten weeks).
FRONTDOOR_FAMILY_HELP_ALERT_WEEKS = _alert_weeks(os.environ.get("FRONTDOOR_FAMILY_HELP_ALERT_WEEKS", "4"))
