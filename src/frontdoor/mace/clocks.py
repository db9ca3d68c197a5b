"""The disruption action's clock: done within `FRONTDOOR_MACE_DISRUPTION_DAYS` working days of being agreed (the
default, and why, in `frontdoor/config/mace.py`), escalating to the missing and exploitation coordinator when
missed. Registered with `core.clocks` in `MaceConfig.ready`."""

from __future__ import annotations

from django.conf import settings

from frontdoor.core.clocks import ClockRule, Unit, register_rule
from frontdoor.mace.models import ACTION_SUBJECT

COORDINATOR_ROLE = "missing_exploitation_coordinator"
DISRUPTION_RULE = "mace.disruption"

__all__ = ["ACTION_SUBJECT", "COORDINATOR_ROLE", "DISRUPTION_RULE", "register"]


def disruption_rule(days: int) -> ClockRule:
    return ClockRule(
        DISRUPTION_RULE,
        f"Complete a MACE disruption action within {days} working days",
        Unit.WORKING_DAYS,
        days,
        COORDINATOR_ROLE,
        phrase="MACE disruption: {subject}",
    )


def register() -> None:
    register_rule(disruption_rule(settings.FRONTDOOR_MACE_DISRUPTION_DAYS))
