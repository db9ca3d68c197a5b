"""The clocks of the daily vulnerability meeting: each next step it agrees is due by the next meeting, or within three
or five working days, counted on the working calendar; a missed one escalates to the MASH manager. Registered in
`MashConfig.ready`.
"""

from __future__ import annotations

from frontdoor.core.clocks import ClockRule, Unit, register_rule

STEP_SUBJECT = "mash.meeting_step"
STEP_RULES = {
    rule.code: rule
    for rule in (
        ClockRule(
            "mash.meeting.step.1", "Daily meeting next step: by the next meeting", Unit.WORKING_DAYS, 1,
            "mash_manager", phrase="{subject}",
        ),
        ClockRule(
            "mash.meeting.step.3", "Daily meeting next step: within 3 working days", Unit.WORKING_DAYS, 3,
            "mash_manager", phrase="{subject}",
        ),
        ClockRule(
            "mash.meeting.step.5", "Daily meeting next step: within 5 working days", Unit.WORKING_DAYS, 5,
            "mash_manager", phrase="{subject}",
        ),
    )
}  # fmt: skip
# What the owner is asked, in the form's words.
STEP_CHOICES = [
    ("mash.meeting.step.1", "By the next meeting (1 working day)"),
    ("mash.meeting.step.3", "Within 3 working days"),
    ("mash.meeting.step.5", "Within 5 working days"),
]


def register() -> None:
    for rule in STEP_RULES.values():
        register_rule(rule)
