"""The return home interview's clock: offered within 72 hours of the child's return or find (statutory guidance on
children who run away or go missing, 2014; domain reference §3).

Counted in wall-clock hours from the moment the child came back, not from when it was recorded: a child found on a
Friday evening is offered an interview by Monday evening, weekend or not. A clock change moves the due time by the
wall clock (72 elapsed hours). When it is missed, the sweep escalates it to the missing and exploitation
coordinator. Registered with `core.clocks` in `MissingConfig.ready`.
"""

from __future__ import annotations

from frontdoor.core.clocks import ClockRule, Unit, register_rule
from frontdoor.missing.models import INTERVIEW_SUBJECT

COORDINATOR_ROLE = "missing_exploitation_coordinator"

INTERVIEW_OFFER = ClockRule(
    "missing.interview_offer",
    "Offer a return home interview within 72 hours of the return",
    Unit.HOURS,
    72,
    COORDINATOR_ROLE,
    phrase="offer of a return home interview: {subject}",
)

__all__ = ["INTERVIEW_OFFER", "INTERVIEW_SUBJECT", "register"]


def register() -> None:
    register_rule(INTERVIEW_OFFER)
