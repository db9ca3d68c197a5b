"""The partnership's annual report figures: the scorecard's figures (each defined once, in `figures.py`) over a year
from 1 April to 31 March, as the viewer may see them (`selectors.build_scorecard`: a leader every number, an
aggregate-only viewer small numbers suppressed). `frontdoor report annual --year YYYY` prints them; the page shows
them."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.reports.figures import Period
from frontdoor.reports.selectors import Scorecard, build_scorecard


def first_april(year: int) -> datetime:
    return timezone.make_aware(datetime.combine(date(year, 4, 1), time.min))


def year_period(ending: int, now: datetime) -> Period:
    """1 April of the year before `ending` up to 1 April of `ending` (so "2026" is 2025-26)."""
    return Period(start=first_april(ending - 1), end=first_april(ending), now=now)


def year_words(ending: int) -> str:
    return f"1 April {ending - 1} to 31 March {ending}"


def current_year(today: date) -> int:
    """The reporting year that today falls in, named by the year it ends in."""
    return today.year + 1 if today.month >= 4 else today.year


def build_annual(actor: Actor, ending: int) -> Scorecard:
    return build_scorecard(actor, year_period(ending, timezone.now()))


def _number(row) -> str:
    if row.statistic:
        return row.statistic
    return f"{row.count}" + (f" ({row.share})" if row.share else "")


def annual_lines(card: Scorecard, ending: int) -> list[str]:
    """The figures as lines of text: each figure's title, definition and rows."""
    lines = [f"Annual report figures, {year_words(ending)}", ""]
    if card.suppressed:
        lines += [f"Counts from 1 to {card.threshold - 1} are shown as fewer than {card.threshold}.", ""]
    for group, figures in card.groups:
        lines += [group.upper(), ""]
        for shown in figures:
            lines.append(shown.figure.title)
            lines.append(f"  {shown.figure.definition}")
            if not shown.rows:
                lines.append("  Nothing of this kind happened in the year.")
            for row in shown.rows:
                note = f" ({row.note})" if row.note else ""
                lines.append(f"  {row.label}: {_number(row)}{note}")
            lines.append("")
    lines.append("NOT YET MEASURED")
    lines += [f"  {n.title}: {n.reason}" for n in card.not_measured]
    return lines
