"""The deadlines an arrival starts: the one-working-day decision on a referral, and a VIST's by its grade.

Registered with `core.clocks` in `IntakeConfig.ready`; the MASH meets them when it decides or triages.
"""

from __future__ import annotations

from frontdoor.core.clocks import ClockRule, Unit, register_rule
from frontdoor.intake.models import RiskGrade

REFERRAL_DECISION = ClockRule(
    "referral.decision", "Acknowledge and decide on a referral", Unit.WORKING_DAYS, 1, "mash_manager"
)
VIST_GRADES = {
    RiskGrade.RED: ClockRule("mash.red", "MASH red: enquiries complete", Unit.WORKING_HOURS, 4, "mash_manager"),
    RiskGrade.AMBER: ClockRule("mash.amber", "MASH amber: enquiries complete", Unit.WORKING_HOURS, 24, "mash_manager"),
    RiskGrade.GREEN: ClockRule("mash.green", "MASH green: enquiries complete", Unit.HOURS, 72, "mash_manager"),
}
VIST_RULE_CODES = tuple(rule.code for rule in VIST_GRADES.values())


def register() -> None:
    for rule in (REFERRAL_DECISION, *VIST_GRADES.values()):
        register_rule(rule)
