"""The MASH's clocks and contact: VIST enquiries and MASH checks due within working hours by grade, the reminder
before a check is due, and whom to contact about a child."""

from __future__ import annotations

import os
import re

from django.core.exceptions import ImproperlyConfigured


def _grade_hours(raw: str, name: str = "FRONTDOOR_VIST_HOURS") -> dict[str, int]:
    """ "red=4,amber=24,green=72" as {"red": 4, "amber": 24, "green": 72}; anything else stops the start-up."""
    grades, most = ("red", "amber", "green"), 999
    rule = f'{name} must give red, amber and green in whole working hours, like "red=4,amber=24,green=72"'
    hours: dict[str, int] = {}
    for part in raw.split(","):
        grade, equals, value = (p.strip() for p in part.partition("="))
        if not equals or grade.lower() not in grades or not re.fullmatch(r"[0-9]{1,3}", value):
            raise ImproperlyConfigured(f"{rule}: {part.strip()!r} is not a grade and a whole number of hours")
        if grade.lower() in hours:
            raise ImproperlyConfigured(f"{rule}: {grade.lower()} is given twice")
        hours[grade.lower()] = int(value)
    missing = [grade for grade in grades if grade not in hours]
    if missing:
        raise ImproperlyConfigured(f"{rule}: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    red, amber, green = (hours[grade] for grade in grades)
    if not 1 <= red <= amber <= green <= most:
        raise ImproperlyConfigured(
            f"{rule}: each between 1 and {most}, red no longer than amber and amber no longer than green"
        )
    return hours


# The MASH's VIST clocks: enquiries complete within this many working hours of a VIST arriving, by its grade.
FRONTDOOR_VIST_HOURS = _grade_hours(os.environ.get("FRONTDOOR_VIST_HOURS", "red=4,amber=24,green=72"))
# MASH checks: a partner agency answers within this many working hours of the request, by the check's priority.
FRONTDOOR_MASH_CHECK_HOURS = _grade_hours(
    os.environ.get("FRONTDOOR_MASH_CHECK_HOURS", "red=4,amber=24,green=72"), "FRONTDOOR_MASH_CHECK_HOURS"
)
# Responders are reminded when this share of a check's working hours has gone and it is still unanswered.
FRONTDOOR_MASH_CHECK_REMIND_AT = float(os.environ.get("FRONTDOOR_MASH_CHECK_REMIND_AT", "0.75"))
if not 0.0 < FRONTDOOR_MASH_CHECK_REMIND_AT < 1.0:
    raise ImproperlyConfigured("FRONTDOOR_MASH_CHECK_REMIND_AT must be a fraction between 0 and 1, like 0.75")

# Whom to contact about a child, shown where a role sees only that a child is known (as CP-IS shows it).
FRONTDOOR_MASH_CONTACT = os.environ.get(
    "FRONTDOOR_MASH_CONTACT", "Esterbury front door (MASH), 01632 960 123, 9am to 5pm; out of hours 01632 960 999"
)
