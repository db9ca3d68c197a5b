"""The deadlines an arrival starts: the one-working-day decision on a referral, and a VIST's by its grade.

A VIST's clock counts the MASH's working hours (red 4, amber 24, green 72 by default, from
`settings.FRONTDOOR_VIST_HOURS`), so no VIST falls due at a weekend, on a bank holiday or overnight.
Registered with `core.clocks` in `IntakeConfig.ready`; the MASH meets them when it decides or triages.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from frontdoor.core.clocks import ClockRule, Unit, register_rule
from frontdoor.intake.compliance import force_supervisors
from frontdoor.intake.models import RiskGrade

REFERRAL_DECISION = ClockRule(
    "referral.decision",
    "Acknowledge and decide on a referral",
    Unit.WORKING_DAYS,
    1,
    "mash_manager",
    phrase="decision on {subject}",
)


def vist_rules(hours: Mapping[str, int]) -> dict[RiskGrade, ClockRule]:
    """A VIST's clock for each grade: the MASH's enquiries complete within `hours[grade]` working hours."""
    return {
        grade: ClockRule(
            f"mash.{grade.value}",
            f"MASH {grade.value}: enquiries complete",
            Unit.WORKING_HOURS,
            hours[grade.value],
            "mash_manager",
            phrase=f"triage of {grade.value} {{subject}}",
        )
        for grade in RiskGrade
    }


# An incident with children is due its VIST within the due hours of the incident, counted in real hours (police
# attend at all hours); a missed one is the police supervisors' of the incident's own force to chase.
INCIDENT_VIST = ClockRule(
    "intake.incident_vist",
    "VIST sent for an incident with children",
    Unit.HOURS,
    settings.FRONTDOOR_VIST_DUE_HOURS,
    "police_supervisor",
    phrase="VIST for {subject}",
    escalation_link="/vist-compliance/",
    audience=force_supervisors,
)

# Read once at start-up, as every setting is: a running clock keeps the due time it was given when it started.
VIST_GRADES = vist_rules(settings.FRONTDOOR_VIST_HOURS)
VIST_RULE_CODES = tuple(rule.code for rule in VIST_GRADES.values())


def register() -> None:
    for rule in (REFERRAL_DECISION, INCIDENT_VIST, *VIST_GRADES.values()):
        register_rule(rule)
