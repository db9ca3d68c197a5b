"""Priority in the triage queue: red, amber or green, and where it came from.

A VIST arrives graded by the officer (raised to amber after a third green about a child). A referral is given its
priority by a MASH worker at triage; until then one is suggested from what the referrer said, the level of need and
the presenting issues, and every page says that it is only a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from frontdoor.core.display import when
from frontdoor.intake.display import LABELS
from frontdoor.intake.models import LevelOfNeed, RiskGrade, Vist
from frontdoor.mash.models import ReferralPriority

# Presenting issues that usually need a same-day response (a strategy discussion is likely), and those that need
# one within a day or so. The level of need the referrer chose counts as much: level 4 is red, level 3 amber.
URGENT_ISSUES = ("physical_abuse", "sexual_abuse", "exploitation")
CONCERNING_ISSUES = ("domestic_abuse", "neglect", "emotional_abuse", "missing", "parental_substance_misuse")
ORDER = {RiskGrade.RED: 0, RiskGrade.AMBER: 1, RiskGrade.GREEN: 2}
TAGS = {RiskGrade.RED: "govuk-tag--red", RiskGrade.AMBER: "govuk-tag--orange", RiskGrade.GREEN: "govuk-tag--green"}


@dataclass(frozen=True)
class Priority:
    grade: str  # a RiskGrade value
    set: bool  # set by a person (the MASH, or the officer for a VIST); False: only suggested
    note: str  # where it came from, in words

    @property
    def label(self) -> str:
        return str(RiskGrade(self.grade).label)

    @property
    def tag(self) -> str:
        return TAGS[RiskGrade(self.grade)]

    @property
    def rank(self) -> int:
        return ORDER[RiskGrade(self.grade)]


ISSUES = cast(dict[str, str], LABELS["issues"])


def _issue(code: str) -> str:
    return ISSUES.get(code, code).lower()


def suggest(level_of_need: int, presenting_issues: Iterable[str]) -> Priority:
    """The priority a referral's own answers suggest, and which answers suggest it."""
    issues = list(presenting_issues)
    if level_of_need >= LevelOfNeed.SPECIALIST or any(i in URGENT_ISSUES for i in issues):
        grade, named = RiskGrade.RED, [i for i in issues if i in URGENT_ISSUES]
        level = level_of_need >= LevelOfNeed.SPECIALIST
    elif level_of_need == LevelOfNeed.INTENSIVE or any(i in CONCERNING_ISSUES for i in issues):
        grade, named = RiskGrade.AMBER, [i for i in issues if i in CONCERNING_ISSUES]
        level = level_of_need == LevelOfNeed.INTENSIVE
    else:
        grade, named, level = RiskGrade.GREEN, [], True
    reasons = ([f"level of need {level_of_need}"] if level else []) + [_issue(i) for i in named]
    said = reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
    return Priority(grade.value, set=False, note=f"Suggested from {said}: not yet set by the MASH")


def of_referral(level_of_need: int, presenting_issues: Iterable[str], latest: ReferralPriority | None) -> Priority:
    """The priority a MASH worker set (the latest), or else the suggestion."""
    if latest is None:
        return suggest(level_of_need, presenting_issues)
    by = latest.set_by.get_full_name() or latest.set_by.username
    return Priority(latest.priority, set=True, note=f"Set by {by}, {when(latest.set_at)}")


def of_vist(vist: Vist) -> Priority:
    if vist.effective_grade != vist.risk_grade:
        note = f"Graded {vist.get_risk_grade_display().lower()} by the officer; raised after a third green VIST"
        return Priority(vist.effective_grade, set=True, note=note + " about a child within three months")
    return Priority(vist.effective_grade, set=True, note="Graded by the officer")
