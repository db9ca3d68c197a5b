"""The deadline on a MASH check: the partner agency answers within so many working hours of the request, by the
check's priority (red 4, amber 24, green 72 by default, from `settings.FRONTDOOR_MASH_CHECK_HOURS`), so no check
falls due overnight, at a weekend or on a bank holiday.

A missed check escalates to the agency's manager. The partnership has no "agency manager" role yet, so the rule
names the MASH manager, who takes it up with the agency; the check's pages say so. Registered in `MashConfig.ready`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.conf import settings

from frontdoor.core.clocks import ClockRule, Unit, register_rule, working_calendar
from frontdoor.intake.models import RiskGrade

CHECK_SUBJECT = "mash.check"
# Whom a missed check is escalated to, and what the pages say about it.
ESCALATE_TO = "mash_manager"
ESCALATION_NOTE = (
    "If it is not answered in time, the MASH manager is told and takes it up with the agency "
    "(the partnership has no agency manager role yet)."
)


def check_rules(hours: Mapping[str, int]) -> dict[str, ClockRule]:
    """A MASH check's clock for each priority: the agency answers within `hours[priority]` working hours."""
    return {
        grade.value: ClockRule(
            f"mash.check.{grade.value}",
            f"MASH check ({grade.value}): the agency answers",
            Unit.WORKING_HOURS,
            hours[grade.value],
            ESCALATE_TO,
            phrase="answer to {subject}",
        )
        for grade in RiskGrade
    }


# Read once at start-up, as every setting is: a running clock keeps the due time it was given when it started.
CHECK_RULES = check_rules(settings.FRONTDOOR_MASH_CHECK_HOURS)
CHECK_RULE_CODES = tuple(rule.code for rule in CHECK_RULES.values())


def remind_at(priority: str, requested_at: datetime) -> datetime:
    """When the agency is reminded: once `FRONTDOOR_MASH_CHECK_REMIND_AT` of the working hours allowed have gone."""
    hours = CHECK_RULES[priority].amount * settings.FRONTDOOR_MASH_CHECK_REMIND_AT
    return working_calendar().add_working_hours(requested_at, hours)


def register() -> None:
    for rule in CHECK_RULES.values():
        register_rule(rule)
