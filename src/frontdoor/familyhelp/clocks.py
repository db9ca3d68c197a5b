"""The deadline a family's wait starts: a Family Help Lead Practitioner allocated within the alert's weeks.

The clock starts when the MASH steps the family down and is met when a lead practitioner is allocated (cancelled if
family help closes or steps the family up first). When it is missed, the worker's sweep escalates it to the family
help manager (the MASH manager holds `familyhelp.allocate` until the partnership has a family help manager role),
and the family is on the alert list.

Weeks are calendar weeks counted in elapsed hours (the wait is the family's, not the office's), so across a clock
change the alert comes an hour earlier or later by the wall clock. Registered with `core.clocks` in
`FamilyHelpConfig.ready`, from `settings.FRONTDOOR_FAMILY_HELP_ALERT_WEEKS`.
"""

from __future__ import annotations

from django.conf import settings

from frontdoor.core.clocks import ClockRule, Unit, register_rule

# What an allocation clock (and an escalation) names as its subject (`core.Clock.subject_type`).
FAMILY_SUBJECT = "familyhelp.family"
# Who is told when a family has waited too long: a role holding `familyhelp.allocate`.
FAMILY_HELP_MANAGER_ROLE = "mash_manager"


def allocation_rule(weeks: int) -> ClockRule:
    return ClockRule(
        "familyhelp.allocation",
        f"Allocate a family help lead practitioner within {weeks} week{'' if weeks == 1 else 's'}",
        Unit.HOURS,
        weeks * 7 * 24,
        FAMILY_HELP_MANAGER_ROLE,
        phrase="allocation of a family help lead practitioner for {subject}",
    )


# Read once at start-up, as every setting is: a running clock keeps the due time it was given when it started.
ALLOCATION = allocation_rule(settings.FRONTDOOR_FAMILY_HELP_ALERT_WEEKS)


def register() -> None:
    register_rule(ALLOCATION)
