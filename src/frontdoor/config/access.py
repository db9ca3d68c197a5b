"""Access: the policy file, break-glass, the limit on how many people one user may open, dormant accounts."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

# The access policy (role x agency kind x data category x action), checked at start-up; the packaged one if unset.
FRONTDOOR_ACCESS_POLICY = os.environ.get("FRONTDOOR_ACCESS_POLICY", "")
# How long break-glass opens a record: an hour covers an urgent enquiry or a strategy discussion and lapses long
# before the next shift; to look again after it, the worker gives a reason again.
FRONTDOOR_BREAK_GLASS_MINUTES = int(os.environ.get("FRONTDOOR_BREAK_GLASS_MINUTES", "60"))
if not 1 <= FRONTDOOR_BREAK_GLASS_MINUTES <= 12 * 60:
    raise ImproperlyConfigured("FRONTDOOR_BREAK_GLASS_MINUTES must be between 1 and 720")


def _look_limit(name: str, text: str) -> tuple[int, int]:
    count, _slash, seconds = text.partition("/")
    if not (count.strip().isdigit() and seconds.strip().isdigit() and int(count) > 0 and int(seconds) > 0):
        raise ImproperlyConfigured(f"{name}: {text!r} is not a number of people over a number of seconds, like 30/300")
    return int(count), int(seconds)


# Bulk browsing is refused, not only reported: how many different people one user, in one role, may open within
# a number of seconds (30 in 5 minutes by default; a morning's triage opens far fewer), and per-role exceptions
# ("mash_manager=60/300,referrer=10/300"). Reaching it alerts the privacy officer.
FRONTDOOR_LOOK_LIMIT = _look_limit("FRONTDOOR_LOOK_LIMIT", os.environ.get("FRONTDOOR_LOOK_LIMIT", "30/300"))
FRONTDOOR_LOOK_LIMIT_BY_ROLE = {
    role.strip(): _look_limit("FRONTDOOR_LOOK_LIMIT_BY_ROLE", limit)
    for role, _eq, limit in (
        part.partition("=") for part in os.environ.get("FRONTDOOR_LOOK_LIMIT_BY_ROLE", "").split(",") if part.strip()
    )
}

# Accounts nobody has signed in to for this many days are disabled by the worker (0: never). 90 days is a common
# figure in NHS and council access-control policies, not one from our references: the partnership sets its own.
FRONTDOOR_DORMANT_ACCOUNT_DAYS = int(os.environ.get("FRONTDOOR_DORMANT_ACCOUNT_DAYS", "90"))
if FRONTDOOR_DORMANT_ACCOUNT_DAYS < 0:
    raise ImproperlyConfigured("FRONTDOOR_DORMANT_ACCOUNT_DAYS must be 0 (never) or a number of days")
