"""The clock of an emergency duty team hand-over: the MASH picks it up within 4 working hours, counted from the
contact, so a contact at 22:00 on a Friday is due at 13:00 on Monday (Tuesday after a bank holiday Monday), and is
in the queue from 09:00. Registered in `MashConfig.ready`.
"""

from __future__ import annotations

from datetime import datetime

from frontdoor.core.clocks import ClockRule, Unit, register_rule, working_calendar

HANDOVER_SUBJECT = "mash.edt_contact"
HANDOVER = ClockRule(
    "mash.edt.handover",
    "EDT hand-over: the MASH picks it up",
    Unit.WORKING_HOURS,
    4,
    "mash_manager",
    phrase="MASH follow-up of {subject}",
)


def handover_at(recorded_at: datetime) -> datetime:
    """When a contact reaches the MASH's queue: at once in working hours, else the next working day's opening."""
    return working_calendar().add_working_hours(recorded_at, 0)


def is_out_of_hours(moment: datetime) -> bool:
    return not working_calendar().is_working_time(moment)


def register() -> None:
    register_rule(HANDOVER)
