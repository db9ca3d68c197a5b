"""Trends: the scorecard's volume and timeliness figures week by week (a period of up to 13 weeks) or month by month
(longer), each the figure's own computation (`figures.py`) over each part of the period, drawing the row and the
measure `TRENDS` names for it, with its table and a summary in words. The chart is drawn in the browser from the
table (`assets/charts.js`); a value withheld from an aggregate-only viewer is withheld from the chart too."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from frontdoor.reports.figures import FIGURES, Figure, Period, Row

WEEKS_UP_TO = timedelta(days=13 * 7)
COLOUR = "#1d70b8"  # GOV.UK blue
EVERY_ROW = -1  # a figure divided by agency, drawn for the whole partnership: its rows added together


@dataclass(frozen=True)
class Drawn:
    """A figure drawn as a trend: which of its rows, and whether its count or its share."""

    key: str  # the figure's, in `figures.FIGURES`
    measure: str  # "count" or "share"
    row: int = 0  # the row drawn, or EVERY_ROW
    title: str = ""  # the trend's title, when it is not the figure's (a figure of several rows)
    heading: str = ""  # the table's value column, when it is not the measure's


# The figures drawn as trends, for the MASH manager's week-by-week or month-by-month view: the front door's volume and
# each deadline's share met, and the children's voices heard.
TRENDS = (
    Drawn("contacts", "count"),
    Drawn("decisions", "share"),
    Drawn("checks", "share", EVERY_ROW, title="MASH checks answered within the agreed response time"),
    Drawn("strategy", "share", 0, title="Strategy discussions held within one working day of being convened"),
    Drawn("conferences", "share"),
    Drawn("encompass", "share"),
    Drawn("interviews", "share"),
    Drawn("voice", "share", heading="Share recorded"),
)


@dataclass(frozen=True)
class Part:
    label: str
    period: Period


def parts_of(period: Period) -> list[Part]:
    """The weeks (from Mondays) or calendar months the period falls into, each cut to the period."""
    start, end = period.start, period.end
    weekly = end - start <= WEEKS_UP_TO
    parts, at = [], start
    while at < end:
        if weekly:
            following = (at - timedelta(days=at.weekday())).replace(hour=0, minute=0) + timedelta(days=7)
            label = f"Week from {at.day} {at:%B %Y}"
        else:
            following = _next_month(at)
            label = f"{at:%B %Y}"
        following = min(_aligned(following, start), end)
        parts.append(Part(label, replace(period, start=at, end=following)))
        at = following
    return parts


def _aligned(moment: datetime, like: datetime) -> datetime:
    """The same wall-clock moment in the period's time zone (a week can cross the clocks changing)."""
    return moment.replace(tzinfo=like.tzinfo)


def _next_month(at: datetime) -> datetime:
    first = at.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return first.replace(year=first.year + 1, month=1) if first.month == 12 else first.replace(month=first.month + 1)


@dataclass(frozen=True)
class Point:
    label: str
    words: str  # as the table shows it
    value: float | None  # as the chart draws it: None when withheld or there is nothing to measure
    withheld: bool = False  # withheld from an aggregate-only viewer (rather than nothing to measure)


@dataclass(frozen=True)
class Trend:
    figure: Figure
    measure: str  # "count" or "share"
    heading: str  # the table's value column
    points: list[Point]
    summary: str
    colour: str = COLOUR
    title: str = ""  # the trend's title: the figure's, or the row's drawn


def _small(n: int | None, small: int) -> bool:
    return n is not None and 0 < n < small


def _drawn_row(rows: list[Row], row: int, small: int, suppress: bool) -> Row | str | None:
    """The row a trend draws from the part's rows: the one asked for, or every row added together; for an
    aggregate-only viewer a sum is withheld when a row in it would be (its small number could be worked out from
    the scorecard's rows beside it), said as words."""
    if row != EVERY_ROW:
        return rows[row] if len(rows) > row else None
    counted = [r for r in rows if r.count is not None]
    if not counted:
        return None
    if suppress and any(_small(n, small) for r in counted for n in (r.count, r.of, (r.of or 0) - (r.count or 0))):
        return f"not shown: it rests on fewer than {small}"
    return Row(rows[0].label, count=sum(r.count or 0 for r in counted), of=sum(r.of or 0 for r in counted))


def _point(label: str, row: Row | None, measure: str, small: int, suppress: bool) -> Point:
    if row is None or row.count is None:
        return Point(label, "0" if measure == "count" else "Nothing to measure", 0 if measure == "count" else None)
    if measure == "count":
        if suppress and 0 < row.count < small:
            return Point(label, f"fewer than {small}", None, withheld=True)
        return Point(label, f"{row.count:,}", row.count)
    if not row.of:
        return Point(label, "Nothing to measure", None)
    if suppress and any(0 < n < small for n in (row.count, row.of, row.of - row.count)):
        return Point(label, f"not shown: it rests on fewer than {small}", None, withheld=True)
    share = round(row.count * 100 / row.of)
    return Point(label, f"{share}% ({row.count:,} of {row.of:,})", share)


def _summary(title: str, measure: str, points: list[Point]) -> str:
    shown = [p for p in points if p.value is not None]
    unit = "%" if measure == "share" else ""
    if not shown:
        return f"{title}: no value can be shown for any part of the period."
    high = max(shown, key=lambda p: p.value or 0)
    low = min(shown, key=lambda p: p.value or 0)
    first, last = shown[0], shown[-1]
    withheld = sum(p.withheld for p in points)
    empty = len(points) - len(shown) - withheld
    words = (
        f"{title}: {first.value:g}{unit} in {_lower(first.label)} and {last.value:g}{unit} in "
        f"{_lower(last.label)}; the highest {high.value:g}{unit} ({_lower(high.label)}), the lowest "
        f"{low.value:g}{unit} ({_lower(low.label)})."
    )
    if withheld:
        words += f" {withheld} of the {len(points)} parts of the period are not shown."
    if empty:
        words += f" {empty} of the {len(points)} parts of the period have nothing to measure."
    return words


def _lower(label: str) -> str:
    return label[0].lower() + label[1:] if label.startswith("Week") else label


def build_trends(period: Period, suppress: bool, small: int) -> list[Trend]:
    """Each drawn figure's own computation over each part of the period, counted in the database (no children)."""
    parts = parts_of(period)
    trends = []
    for drawn in TRENDS:
        figure = FIGURES[drawn.key]
        points = []
        for part in parts:
            row = _drawn_row(figure.compute(replace(part.period, people=False)), drawn.row, small, suppress)
            if isinstance(row, str):
                points.append(Point(part.label, row, None, withheld=True))
            else:
                points.append(_point(part.label, row, drawn.measure, small, suppress))
        heading = drawn.heading or (figure.unit.capitalize() if drawn.measure == "count" else "Share in time")
        title = drawn.title or figure.title
        trends.append(
            Trend(figure, drawn.measure, heading, points, _summary(title, drawn.measure, points), title=title)
        )
    return trends
