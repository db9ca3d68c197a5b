"""The scorecard's figures, each defined once: its key, its title and definition in words, its unit, the group it
belongs to and the function that computes it over a period (`measures_*` modules, reading the capabilities through
their models and selectors).

A figure gives rows: one for the whole partnership, or one per agency when it is divided by agency. A row holds a
count (and, for a share, what it is a share of), or a statistic in words with how many records it rests on, and the
people behind the count, for a leader's drill-down (and, for a share, the people behind what it is a share of, for
the disproportionality view). Suppression, red/amber/green and access are applied on top of
the rows (`selectors.py`); a figure never knows who is looking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Period:
    """[start, end): the moments a figure counts; `now` is when it is computed (what is still within time)."""

    start: datetime
    end: datetime
    now: datetime
    agency_id: int | None = None  # the agency filter, for the figures divided by agency
    team: str = ""  # the team filter: the police team on an incident, for the figures about incidents
    # Whether the rows need the people behind them (a drill-down or the disproportionality view): a trend or an
    # aggregate-only viewer needs the counts only, and the figures that can skip the look-up do.
    people: bool = True


@dataclass(frozen=True)
class Row:
    label: str
    count: int | None = None  # how many (the numerator of a share)
    of: int | None = None  # what the count is a share of, when it is one
    statistic: str = ""  # a statistic in words ("6 hours"), when the row gives one
    based_on: int | None = None  # how many records the statistic rests on
    people: tuple[int, ...] = ()  # the people behind `count`, for the drill-down
    # The people behind `of`, for a share's disproportionality view (each group's share of its own children); filled
    # only when the period asks for the people, like `people`.
    of_people: tuple[int, ...] = ()
    note: str = ""  # what else is true of the row, in words ("2 still within time")
    share_target: bool = False  # red/amber/green applies to this row's share

    @property
    def share(self) -> float | None:
        return self.count / self.of if self.count is not None and self.of else None


GROUPS = {
    "volumes": "Volumes",
    "timeliness": "Timeliness",
    "quality": "Quality",
}


@dataclass(frozen=True)
class Figure:
    key: str
    group: str  # a key of GROUPS
    title: str
    definition: str
    unit: str  # what is counted, in words: "contacts", "children", ...
    compute: Callable[[Period], list[Row]] = field(repr=False)
    by_agency: str = ""  # which agency the figure is divided by, in words; empty: the whole partnership only
    # The figure's red/amber/green, in words, when it has a target ("" when none is set).
    target: str = ""
    # Rows that add up to a total shown beside them: "after_first" (the first row is the total), "all" (each row's
    # `of` is the total), "" (none). One small number among them is then not left alone to be worked out.
    parts: str = ""


@dataclass(frozen=True)
class NotMeasured:
    title: str
    reason: str


FIGURES: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    if figure.key in FIGURES and FIGURES[figure.key] != figure:
        raise ValueError(f"figure {figure.key} is already defined differently")
    if figure.group not in GROUPS:
        raise ValueError(f"figure {figure.key}: unknown group {figure.group}")
    FIGURES[figure.key] = figure
    return figure


def list_figures() -> list[Figure]:
    """Every figure, by group in GROUPS' order, then in the order defined."""
    order = list(GROUPS)
    return sorted(FIGURES.values(), key=lambda f: order.index(f.group))


# What the scorecard cannot measure yet from what frontdoor holds, each with its reason: never shown as zero.
NOT_YET_MEASURED = [
    NotMeasured(
        "Children and family assessments completed within 45 working days",
        "The assessment is done in the council's case management system after the front door; frontdoor is not "
        "told when it is completed.",
    ),
    NotMeasured(
        "Family help: how long families are supported after allocation, and with what outcome",
        "frontdoor records the allocation to a lead practitioner, not the support that follows it.",
    ),
]
