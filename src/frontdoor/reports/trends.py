"""Trends: a few scorecard figures week by week (a period of up to 13 weeks) or month by month (longer), each the
figure's own computation (`figures.py`) over each part of the period, with its table and a summary in words. The
chart is drawn in the browser from the table (`assets/charts.js`); a value withheld from an aggregate-only viewer is
withheld from the chart too."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from frontdoor.reports.figures import FIGURES, Figure, Period, Row

WEEKS_UP_TO = timedelta(days=13 * 7)
# The figures drawn as trends: the count of the first row ("count"), or its share ("share").
TRENDS = (("contacts", "count"), ("decisions", "share"))
COLOUR = "#1d70b8"  # GOV.UK blue


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


@dataclass(frozen=True)
class Trend:
    figure: Figure
    measure: str  # "count" or "share"
    heading: str  # the table's value column
    points: list[Point]
    summary: str
    colour: str = COLOUR


def _point(label: str, row: Row | None, measure: str, small: int, suppress: bool) -> Point:
    if row is None or row.count is None:
        return Point(label, "0" if measure == "count" else "Nothing to measure", 0 if measure == "count" else None)
    if measure == "count":
        if suppress and 0 < row.count < small:
            return Point(label, f"fewer than {small}", None)
        return Point(label, f"{row.count:,}", row.count)
    if not row.of:
        return Point(label, "Nothing to measure", None)
    if suppress and any(0 < n < small for n in (row.count, row.of, row.of - row.count)):
        return Point(label, f"not shown: it rests on fewer than {small}", None)
    share = round(row.count * 100 / row.of)
    return Point(label, f"{share}% ({row.count:,} of {row.of:,})", share)


def _summary(figure: Figure, measure: str, points: list[Point]) -> str:
    shown = [p for p in points if p.value is not None]
    unit = "%" if measure == "share" else ""
    if not shown:
        return f"{figure.title}: no value can be shown for any part of the period."
    high = max(shown, key=lambda p: p.value or 0)
    low = min(shown, key=lambda p: p.value or 0)
    first, last = shown[0], shown[-1]
    withheld = len(points) - len(shown)
    words = (
        f"{figure.title}: {first.value:g}{unit} in {_lower(first.label)} and {last.value:g}{unit} in "
        f"{_lower(last.label)}; the highest {high.value:g}{unit} ({_lower(high.label)}), the lowest "
        f"{low.value:g}{unit} ({_lower(low.label)})."
    )
    if withheld:
        words += f" {withheld} of the {len(points)} parts of the period are not shown."
    return words


def _lower(label: str) -> str:
    return label[0].lower() + label[1:] if label.startswith("Week") else label


def build_trends(period: Period, suppress: bool, small: int) -> list[Trend]:
    parts = parts_of(period)
    trends = []
    for key, measure in TRENDS:
        figure = FIGURES[key]
        points = []
        for part in parts:
            rows = figure.compute(replace(part.period, people=False))
            points.append(_point(part.label, rows[0] if rows else None, measure, small, suppress))
        heading = figure.unit.capitalize() if measure == "count" else "Share in time"
        trends.append(Trend(figure, measure, heading, points, _summary(figure, measure, points)))
    return trends
