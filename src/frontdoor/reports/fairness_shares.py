"""The disproportionality view for a share ("decisions within one working day", "each child's voice recorded"): for
each group of children by sex, age band, ethnicity and disability, how many of the group's children are counted in
the share, of how many of its children the share is taken over, the group's own share, and its ratio to the share for
all children; then, in words, the groups whose share falls short of all children's (or exceeds it) by the margin.

The unit is the child: a child is in the share's denominator when any record it is taken over names them (a decided
referral, a return home interview due), and in its numerator when any record counted in the share names them. So the
groups add up to all children, and a group's share and all children's are counted alike. A figure's own share, on
the scorecard, counts its records (referrals, checks, notifications), so the two can differ a little.

Small numbers are withheld for a viewer who sees aggregates only, as on the scorecard, with one more group withheld
where a single small number could be worked out from the total (`fairness.show_breakdown` does the same).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from frontdoor.people.models import Sex
from frontdoor.reports.fairness import (
    AGE_BANDS,
    DISABLED,
    NOT_DISABLED,
    NOT_RECORDED,
    UNBORN,
    age_band,
    profiles,
)

WITHHELD = "not shown, so that a small number cannot be worked out"


@dataclass(frozen=True)
class ShareGroup:
    label: str
    count: int  # the group's children counted in the share
    of: int  # the group's children the share is taken over

    @property
    def share(self) -> float | None:
        return self.count / self.of if self.of else None


@dataclass(frozen=True)
class ShareBreakdown:
    key: str
    title: str
    definition: str
    groups: list[ShareGroup]
    whole: ShareGroup  # all children


def share_ratio(group: ShareGroup, whole: ShareGroup) -> float | None:
    """The group's share against all children's: None when either is not known or all children's is zero."""
    mine, theirs = group.share, whole.share
    return mine / theirs if mine is not None and theirs else None


def _sex_words(sex: str) -> str:
    return Sex(sex).label if sex in Sex.values else NOT_RECORDED


def _ordered(labels: Iterable[str], first: Iterable[str], last: Iterable[str]) -> list[str]:
    found = set(labels)
    first, last = [x for x in first if x in found], [x for x in last if x in found]
    middle = sorted(found - set(first) - set(last))
    return first + middle + last


DEFINITIONS = {
    "sex": "As the partners' records give it.",
    "age": "The child's age on the last day of the period; an unborn child is counted apart.",
    "ethnicity": "As the person's record or the council's social care record gives it (the children in need "
    "census's groups); held mostly for children known to social care, so many are not recorded.",
    "disability": "As the children in need census records it, on the person or the council's social care record. "
    "A child with no record of it is not recorded, not disabled.",
}


def share_breakdowns(counted: Iterable[int], over: Iterable[int], on: date) -> list[ShareBreakdown]:
    """The share whose numerator names the children `counted` and whose denominator names `over` (every counted
    child is taken as in the denominator too), group by group."""
    numerator = set(counted)
    asked = sorted(numerator | set(over))
    people = sorted(profiles(asked), key=lambda p: p.pk)
    everyone = [p.pk for p in people]  # every group and the whole count the same children
    sexes = {p.pk: _sex_words(p.sex) for p in people}
    ages = {p.pk: age_band(p.date_of_birth, p.kind, on) for p in people}
    bands = [label for label, _low, _high in AGE_BANDS]
    ways: list[tuple[str, str, dict[int, str], Callable[[Iterable[str]], list[str]]]] = [
        ("sex", "Sex", sexes, lambda ls: _ordered(ls, [s.label for s in Sex], [NOT_RECORDED])),
        ("age", "Age band", ages, lambda ls: _ordered(ls, bands, [UNBORN, "18 or over", NOT_RECORDED])),
        ("ethnicity", "Ethnicity", {p.pk: p.ethnicity for p in people}, lambda ls: _ordered(ls, [], [NOT_RECORDED])),
        (
            "disability",
            "Disability",
            {p.pk: p.disability for p in people},
            lambda ls: _ordered(ls, [DISABLED, NOT_DISABLED], [NOT_RECORDED]),
        ),
    ]
    whole = ShareGroup("All children", len([p for p in everyone if p in numerator]), len(everyone))
    found = []
    for key, title, labels, order in ways:
        groups = []
        for label in order(labels.values()):
            mine = [pk for pk, it in labels.items() if it == label]
            groups.append(ShareGroup(label, sum(pk in numerator for pk in mine), len(mine)))
        found.append(ShareBreakdown(key, title, DEFINITIONS[key], groups, whole))
    return found


@dataclass(frozen=True)
class ShownShare:
    label: str
    count: str
    of: str
    share: str
    ratio: str


@dataclass(frozen=True)
class ShownShareBreakdown:
    key: str
    title: str
    definition: str
    groups: list[ShownShare]
    whole: ShownShare
    lower: list[str]  # the groups whose share falls short of all children's by the margin, in words
    higher: list[str]  # the groups whose share exceeds all children's by as much
    not_compared: int  # groups whose share is withheld from this viewer


def _percent(share: float | None) -> str:
    return "" if share is None else f"{round(share * 100)}%"


def _complement(values: list[int], hidden: set[int]) -> set[int]:
    """When exactly one of `values` (parts of a total shown elsewhere) is withheld, the smallest other non-zero one
    too, so that the withheld one cannot be worked out by subtraction."""
    if len(hidden) != 1:
        return set()
    others = sorted((v, i) for i, v in enumerate(values) if i not in hidden and v)
    return {others[0][1]} if others else set()


def show_share_breakdown(breakdown: ShareBreakdown, suppress: bool, threshold: int, margin: int) -> ShownShareBreakdown:
    """The breakdown as a viewer may see it. For an aggregate-only viewer a count from 1 to threshold - 1 is "fewer
    than N", a count that leaves fewer than N of the group's children out is "all but fewer than N", and a share or
    ratio resting on either is withheld; complementary suppression on the counts and the totals alike."""

    def small(n: int) -> bool:
        return suppress and 0 < n < threshold

    groups = breakdown.groups
    count_hidden = {i for i, g in enumerate(groups) if small(g.count) or small(g.of - g.count)}
    of_hidden = {i for i, g in enumerate(groups) if small(g.of)}
    extra_count = _complement([g.count for g in groups], count_hidden) if suppress else set()
    extra_of = _complement([g.of for g in groups], of_hidden) if suppress else set()
    whole = _show_whole(breakdown.whole, suppress, threshold)
    # A ratio and a share shown together give all children's share: none when that is withheld.
    w = breakdown.whole
    no_ratio = not w.share or (suppress and any(0 < n < threshold for n in (w.count, w.of, w.of - w.count)))
    lowest, highest = 1 - margin / 100, 1 / (1 - margin / 100)
    shown, lower, higher, not_compared = [], [], [], 0
    whole_share = breakdown.whole.share
    for i, group in enumerate(groups):
        if i in extra_count:
            count = WITHHELD
        elif small(group.count):
            count = f"fewer than {threshold}"
        elif small(group.of - group.count):
            count = f"all but fewer than {threshold}"
        else:
            count = f"{group.count:,}"
        of = WITHHELD if i in extra_of else f"fewer than {threshold}" if small(group.of) else f"{group.of:,}"
        if i in count_hidden | of_hidden | extra_count | extra_of:
            shown.append(ShownShare(group.label, count, of, "not shown", "not shown"))
            not_compared += 1
            continue
        ratio = None if no_ratio else share_ratio(group, breakdown.whole)
        shown.append(ShownShare(group.label, count, of, _percent(group.share), "" if ratio is None else f"{ratio:.2f}"))
        words = (
            f"{group.label} ({_percent(group.share)} of {group.of:,} "
            f"{'child' if group.of == 1 else 'children'}, against {_percent(whole_share)})"
        )
        if ratio is not None and ratio <= lowest:
            lower.append(words)
        elif ratio is not None and ratio >= highest:
            higher.append(words)
    return ShownShareBreakdown(
        breakdown.key,
        breakdown.title,
        breakdown.definition,
        shown,
        whole,
        lower,
        higher,
        not_compared,
    )


def _show_whole(whole: ShareGroup, suppress: bool, threshold: int) -> ShownShare:
    def small(n: int) -> bool:
        return suppress and 0 < n < threshold

    fewer = f"fewer than {threshold}"
    count = fewer if small(whole.count) else f"all but {fewer}" if small(whole.of - whole.count) else f"{whole.count:,}"
    withheld = small(whole.count) or small(whole.of) or small(whole.of - whole.count)
    return ShownShare(
        whole.label,
        count,
        fewer if small(whole.of) else f"{whole.of:,}",
        "not shown" if withheld else _percent(whole.share),
        "not shown" if withheld else "" if whole.share is None else "1.00",
    )


def margin() -> int:
    return settings.FRONTDOOR_REPORTS_FAIRNESS_MARGIN
