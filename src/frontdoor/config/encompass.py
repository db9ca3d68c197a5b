"""Operation Encompass: when a notice is due, whether MASH police review it first, how long matching may hold it."""

from __future__ import annotations

import os
import re

from django.core.exceptions import ImproperlyConfigured

# Operation Encompass: a notice is due before the start of the establishment's next school day, this time (24-hour
# HH:MM, UK time); where the force says so (FRONTDOOR_ENCOMPASS_POLICE_REVIEW=1) MASH police review each notice
# before it is released, otherwise it goes at once; an incident whose people are still being matched waits at most
# this many seconds before its children are found with what is known.
FRONTDOOR_ENCOMPASS_DAY_START = os.environ.get("FRONTDOOR_ENCOMPASS_DAY_START", "08:30")
if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", FRONTDOOR_ENCOMPASS_DAY_START):
    raise ImproperlyConfigured("FRONTDOOR_ENCOMPASS_DAY_START must be a time like 08:30")
FRONTDOOR_ENCOMPASS_POLICE_REVIEW = os.environ.get("FRONTDOOR_ENCOMPASS_POLICE_REVIEW", "0") == "1"
FRONTDOOR_ENCOMPASS_MATCHING_WAIT_SECONDS = int(os.environ.get("FRONTDOOR_ENCOMPASS_MATCHING_WAIT_SECONDS", "30"))
