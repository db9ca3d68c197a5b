"""Family help (early help): how long a family may wait for a lead practitioner before it is on the alert list."""

from __future__ import annotations

import os

from frontdoor.config.environment import counted


def _alert_weeks(raw: str) -> int:
    """A whole number of weeks from 1 to 52; anything else stops the start-up."""
    return counted("FRONTDOOR_FAMILY_HELP_ALERT_WEEKS", raw, "weeks", 52, 4)


# Family help (early help): a family still waiting for a lead practitioner this many weeks after the MASH stepped it
# down is on the alert list, and the family help manager is told (the inspection found waits of up to ten weeks).
FRONTDOOR_FAMILY_HELP_ALERT_WEEKS = _alert_weeks(os.environ.get("FRONTDOOR_FAMILY_HELP_ALERT_WEEKS", "4"))
