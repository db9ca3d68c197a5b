"""The deadline on a MASH check: the partner agency answers within so many working hours of the request, by the
check's priority (red 4, amber 24, green 72 by default, from `settings.FRONTDOOR_MASH_CHECK_HOURS`), so no check
falls due overnight, at a weekend or on a bank holiday.

A missed check escalates to the agency's own manager where the partnership has such a role (the police supervisor,
for the police: `AGENCY_MANAGERS`), each priority then having a rule per such agency kind; otherwise to the MASH
manager, who takes it up with the agency. The check's pages say which. Registered in `MashConfig.ready`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.conf import settings

from frontdoor.core.clocks import Clock, ClockRule, Unit, register_rule, working_calendar
from frontdoor.intake.models import RiskGrade
from frontdoor.mash.models import MashCheck
from frontdoor.people.models import AgencyKind

CHECK_SUBJECT = "mash.check"
# Whom a missed check is escalated to: the MASH manager, unless the agency has a manager role of its own.
ESCALATE_TO = "mash_manager"
AGENCY_MANAGERS: dict[str, tuple[str, str]] = {AgencyKind.POLICE: ("police_supervisor", "the police supervisor")}
ESCALATION_NOTE = (
    "If it is not answered in time, the MASH manager is told and takes it up with the agency "
    "(the partnership has no manager role for this agency)."
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


def the_checks_agency(clock: Clock, managers: list[Any]) -> list[Any]:
    """Of the agency managers, those of the agency the check went to: one force's supervisors are not told of
    another force's missed checks."""
    if not clock.subject_id.isdigit():
        return []
    agency = MashCheck.objects.filter(pk=int(clock.subject_id)).values_list("agency_id", flat=True).first()
    return [user for user in managers if agency is not None and user.agency_id == agency]


def agency_rules(hours: Mapping[str, int]) -> dict[tuple[str, str], ClockRule]:
    """The same clocks for an agency with its own manager role, escalating to that role's holders at that agency.
    The link goes to their home, where their agency's missed checks are listed."""
    return {
        (grade.value, kind): ClockRule(
            f"mash.check.{grade.value}.{kind}",
            f"MASH check ({grade.value}): the agency answers",
            Unit.WORKING_HOURS,
            hours[grade.value],
            role,
            phrase="answer to {subject}",
            escalation_link="/",
            audience=the_checks_agency,
        )
        for grade in RiskGrade
        for kind, (role, _) in AGENCY_MANAGERS.items()
    }


# Read once at start-up, as every setting is: a running clock keeps the due time it was given when it started.
CHECK_RULES = check_rules(settings.FRONTDOOR_MASH_CHECK_HOURS)
AGENCY_CHECK_RULES = agency_rules(settings.FRONTDOOR_MASH_CHECK_HOURS)
CHECK_RULE_CODES = tuple(rule.code for rule in [*CHECK_RULES.values(), *AGENCY_CHECK_RULES.values()])


def rule_for(priority: str, agency_kind: str) -> ClockRule:
    """The clock of a check to an agency of this kind at this priority."""
    return AGENCY_CHECK_RULES.get((priority, agency_kind)) or CHECK_RULES[priority]


def escalation_note(agency_kind: str) -> str:
    """What a check's pages say about a missed answer, for the agency it went to."""
    if agency_kind in AGENCY_MANAGERS:
        return f"If it is not answered in time, {AGENCY_MANAGERS[agency_kind][1]} is told."
    return ESCALATION_NOTE


def remind_at(priority: str, requested_at: datetime) -> datetime:
    """When the agency is reminded: once `FRONTDOOR_MASH_CHECK_REMIND_AT` of the working hours allowed have gone."""
    hours = CHECK_RULES[priority].amount * settings.FRONTDOOR_MASH_CHECK_REMIND_AT
    return working_calendar().add_working_hours(requested_at, hours)


def register() -> None:
    for rule in [*CHECK_RULES.values(), *AGENCY_CHECK_RULES.values()]:
        register_rule(rule)
