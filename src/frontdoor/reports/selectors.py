"""The scorecard as a viewer may see it, and the children behind one of its numbers.

Every figure is computed the same for everyone (`figures.py`); what differs is what the viewer is shown. A leader
(`reports.drill_down`) sees every number as it is and may open the list of children behind one, each child read
through the access gate (`access.selectors.access_person`: audited, cut by the policy and their relationships). An
aggregate-only viewer (the independent scrutineer) sees counts, never a child, and a count from 1 to N-1 is shown as
"fewer than N" (`FRONTDOOR_REPORTS_SMALL_NUMBER`), with any share or statistic resting on it withheld.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import Action
from frontdoor.access.role_permissions import role_grants
from frontdoor.access.selectors import LookLimitReached, access_person
from frontdoor.intake.models import DomesticAbuseIncident
from frontdoor.people.models import Agency, Person
from frontdoor.reports import (
    fairness,
    fairness_shares,
    measures_conferences,  # noqa: F401 (the measures modules register their figures)
    measures_quality,  # noqa: F401
    measures_timeliness,  # noqa: F401
    measures_volumes,  # noqa: F401
    trends,
)
from frontdoor.reports.figures import FIGURES, GROUPS, NOT_YET_MEASURED, Figure, NotMeasured, Period, Row, list_figures

PAGE_SIZE = 20  # children opened per page of a drill-down, well within a role's look limit


def small_number() -> int:
    return settings.FRONTDOOR_REPORTS_SMALL_NUMBER


def may_drill_down(actor: Actor) -> bool:
    return role_grants(actor.role, "reports.drill_down")


@dataclass(frozen=True)
class ShownRow:
    index: int
    label: str
    count: str  # the count in words as this viewer may see it ("" when the row is a statistic)
    share: str  # "62%", or "" when there is no share or it is withheld
    statistic: str
    note: str
    rag: str  # "Green", "Amber", "Red" or ""
    drill_down: bool


@dataclass(frozen=True)
class ShownFigure:
    figure: Figure
    rows: list[ShownRow]
    target: str
    by_agency: str


@dataclass(frozen=True)
class Scorecard:
    groups: list[tuple[str, list[ShownFigure]]]
    not_measured: list[NotMeasured]
    suppressed: bool
    threshold: int = field(default=5)


def _is_small(n: int | None) -> bool:
    return n is not None and 0 < n < small_number()


def _count_words(row: Row, unit: str, suppress: bool) -> str:
    if row.count is None:
        return ""
    fewer = f"fewer than {small_number()}"
    if suppress and _is_small(row.count):
        count = fewer
    elif suppress and row.of is not None and _is_small(row.of - row.count):
        count = f"all but {fewer}"
    else:
        count = f"{row.count:,}"
    if row.of is None:
        return count
    of = fewer if suppress and _is_small(row.of) else f"{row.of:,}"
    return f"{count} of {of}"


def _share_withheld(row: Row, suppress: bool) -> bool:
    return suppress and (_is_small(row.count) or _is_small(row.of) or _is_small((row.of or 0) - (row.count or 0)))


def _rag(share: float) -> str:
    if share * 100 >= settings.FRONTDOOR_REPORTS_CHECKS_GREEN:
        return "Green"
    if share * 100 >= settings.FRONTDOOR_REPORTS_CHECKS_AMBER:
        return "Amber"
    return "Red"


def _statistic(row: Row, unit: str, suppress: bool) -> str:
    if row.based_on is None:
        return ""
    if row.based_on == 0:
        return f"No {unit} in the period to measure"
    if suppress and _is_small(row.based_on):
        return f"Not shown: it rests on fewer than {small_number()} {unit}"
    return f"{row.statistic} (from {row.based_on:,} {unit})"


def secondary(figure: Figure, rows: list[Row]) -> set[int]:
    """The rows to withhold besides the small numbers, so that a single small number among parts of a total cannot
    be worked out by subtraction: the smallest other part that is not zero."""
    parts = [i for i in range(len(rows)) if not (figure.parts == "after_first" and i == 0)] if figure.parts else []
    small = [i for i in parts if _is_small(rows[i].count)]
    if len(small) != 1:
        return set()
    others = sorted((rows[i].count or 0, i) for i in parts if i not in small and rows[i].count)
    return {others[0][1]} if others else set()


def show_row(index: int, row: Row, figure: Figure, suppress: bool, drill: bool, hidden: bool = False) -> ShownRow:
    share, rag = "", ""
    if hidden:
        withheld = "not shown, so that a small number beside it cannot be worked out"
        return ShownRow(index, row.label, withheld, "", "", row.note, "", False)
    if row.share is not None and not _share_withheld(row, suppress):
        share = f"{round(row.share * 100)}%"
        rag = _rag(row.share) if row.share_target else ""
    return ShownRow(
        index=index,
        label=row.label,
        count=_count_words(row, figure.unit, suppress),
        share=share,
        statistic=_statistic(row, figure.unit, suppress),
        note=row.note,
        rag=rag,
        # The page is computed without the people behind each number (`build_scorecard`): any count may be opened.
        drill_down=drill and bool(row.count),
    )


def target_words(figure: Figure) -> str:
    return figure.target.format(
        green=settings.FRONTDOOR_REPORTS_CHECKS_GREEN, amber=settings.FRONTDOOR_REPORTS_CHECKS_AMBER
    )


def build_scorecard(actor: Actor, period: Period) -> Scorecard:
    """Every figure over the period as `actor` may see it, by group."""
    drill = may_drill_down(actor)
    suppress = not drill
    groups: dict[str, list[ShownFigure]] = {key: [] for key in GROUPS}
    counted = replace(period, people=False)  # the children behind a number are found when it is opened
    for figure in list_figures():
        rows = figure.compute(counted)
        hidden = secondary(figure, rows) if suppress else set()
        shown = [show_row(i, row, figure, suppress, drill, i in hidden) for i, row in enumerate(rows)]
        groups[figure.group].append(ShownFigure(figure, shown, target_words(figure), figure.by_agency))
    return Scorecard(
        groups=[(GROUPS[key], figures) for key, figures in groups.items() if figures],
        not_measured=list(NOT_YET_MEASURED),
        suppressed=suppress,
        threshold=small_number(),
    )


def find_figure(key: str) -> Figure | None:
    list_figures()
    return FIGURES.get(key)


def list_agencies() -> list[tuple[int, str]]:
    """Every agency, by name, for the filter."""
    return list(Agency.objects.order_by("name", "id").values_list("id", "name"))


def list_teams() -> list[str]:
    """The teams frontdoor records work by, for the filter: the attending officer's team on a police incident. Other
    work is recorded by agency (a MASH team is an agency's workers in one role), not by team."""
    found = DomesticAbuseIncident.objects.exclude(team="").values_list("team", flat=True).distinct()
    return sorted(set(found))


def build_trends(actor: Actor, period: Period) -> list[trends.Trend]:
    return trends.build_trends(period, suppress=not may_drill_down(actor), small=small_number())


@dataclass(frozen=True)
class Shares:
    """A share figure's row by group: each group's own share against all children's."""

    rows: list[tuple[int, str]]  # the figure's rows that are shares, to choose one from
    row: int
    label: str
    breakdowns: list[fairness_shares.ShownShareBreakdown]
    margin: int


@dataclass(frozen=True)
class Fairness:
    figure: Figure
    choices: list[tuple[str, str]]  # every figure, to choose the children from
    children: str  # how many children are behind the figure, as the viewer may see it
    breakdowns: list[fairness.ShownBreakdown]
    not_held: tuple[tuple[str, str], ...]
    suppressed: bool
    threshold: int
    shares: Shares | None = None  # for a share figure, in place of `breakdowns`


def children_of_figure(figure: Figure, rows: list[Row]) -> tuple[int, ...]:
    """The children behind a figure's number: the first row's when it is the total of the rows after it, else every
    row's together."""
    if figure.parts == "after_first" and rows:
        return rows[0].people
    return tuple(sorted({p for row in rows for p in row.people}))


def _shares(rows: list[Row], row: int | None, suppress: bool, on: date) -> Shares | None:
    """The share row chosen (the first when none or no such share is chosen) by group; None when the figure gives
    no share."""
    choices = [(i, r.label) for i, r in enumerate(rows) if r.of is not None]
    if not choices:
        return None
    index = row if row in dict(choices) else choices[0][0]
    chosen = rows[index]
    margin = fairness_shares.margin()
    found = fairness_shares.share_breakdowns(chosen.people, chosen.of_people, on)
    shown = [fairness_shares.show_share_breakdown(b, suppress, small_number(), margin) for b in found]
    return Shares(choices, index, chosen.label, shown, margin)


def build_fairness(actor: Actor, period: Period, key: str, row: int | None = None) -> Fairness:
    """The children behind a figure by sex, age band, ethnicity and disability, against the child population where
    it is known (`fairness.py`); for a share, each group's own share against all children's (`fairness_shares.py`),
    for row `row` of the figure when it gives several."""
    figure = find_figure(key) or FIGURES["contacts"]
    rows = figure.compute(period)
    suppress = not may_drill_down(actor)
    last_day = (period.end.astimezone(period.start.tzinfo) - timedelta(microseconds=1)).date()
    shares = _shares(rows, row, suppress, last_day)
    if shares is not None:
        people = rows[shares.row].people
        shown = []
    else:
        people = children_of_figure(figure, rows)
        shown = [fairness.show_breakdown(b, suppress, small_number()) for b in fairness.breakdowns(people, last_day)]
    count = len(people)
    words = f"fewer than {small_number()}" if suppress and _is_small(count) else f"{count:,}"
    return Fairness(
        figure=figure,
        choices=[(f.key, f.title) for f in list_figures()],
        children=words,
        breakdowns=shown,
        not_held=fairness.NOT_HELD,
        suppressed=suppress,
        threshold=small_number(),
        shares=shares,
    )


@dataclass(frozen=True)
class Child:
    person_id: int
    name: str
    date_of_birth: object


@dataclass(frozen=True)
class BehindNumber:
    figure: Figure
    row: Row
    children: list[Child]  # the children this viewer may see, on this page
    withheld: int  # on this page: children the viewer's access does not show
    stopped: bool  # the look limit was reached: the rest of the page was not opened
    page: int
    pages: int


def children_behind(actor: Actor, figure: Figure, period: Period, index: int, page: int) -> BehindNumber | None:
    """The children behind row `index` of a figure, a page at a time, each read through the access gate (audited);
    None when there is no such row. Only for a viewer who may drill down (the view checks the permission)."""
    rows = figure.compute(period)
    if not 0 <= index < len(rows):
        return None
    row = rows[index]
    people = list(row.people)
    pages = max(1, -(-len(people) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    children, withheld, stopped = [], 0, False
    purpose = f"Scorecard: {figure.title}"[:200]
    for person_id in people[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]:
        try:
            seen = access_person(actor, person_id, purpose)
        except LookLimitReached:
            stopped = True
            break
        except (PermissionDenied, Person.DoesNotExist):
            withheld += 1
            continue
        if seen.may("identity", Action.VIEW_SUMMARY):
            children.append(Child(person_id, seen.person.display_name, seen.person.date_of_birth))
        else:
            withheld += 1
    return BehindNumber(figure, row, children, withheld, stopped, page, pages)


def build_home(actor: Actor, period: Period) -> str:
    """This period's contacts in words, as `actor` may see the number."""
    figure = FIGURES["contacts"]
    total = figure.compute(period)[0]
    count = _count_words(total, figure.unit, suppress=not may_drill_down(actor))
    return f"{count} {'contact' if count == '1' else 'contacts'}"
