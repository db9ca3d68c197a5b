"""The MACE workspace: how long a disruption action has before it is missed, and the periods its lists look back."""

from __future__ import annotations

from frontdoor.config.environment import whole

# A disruption action (a visit to an address, a closure notice, a vehicle stopped) is due within this many working
# days of being agreed: the monthly MACE meeting reviews each one, so twenty working days (about a month) means an
# action agreed at one meeting is done, or escalated to the coordinator, before the next.
FRONTDOOR_MACE_DISRUPTION_DAYS = whole("FRONTDOOR_MACE_DISRUPTION_DAYS", 20, 1, 120)
