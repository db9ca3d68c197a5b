"""Missing children: the repeat-episode threshold that prompts a strategy discussion."""

from __future__ import annotations

from frontdoor.config.environment import whole

# Missing children: this many episodes of one child within this many days prompts the MASH manager to consider a
# strategy discussion (a local threshold: no national one exists).
FRONTDOOR_MISSING_REPEAT_EPISODES = whole("FRONTDOOR_MISSING_REPEAT_EPISODES", 3, 2, 50)
FRONTDOOR_MISSING_REPEAT_DAYS = whole("FRONTDOOR_MISSING_REPEAT_DAYS", 90, 7, 366)
