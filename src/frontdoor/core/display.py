"""Times and deadlines in the words people read: "5 May 2026 at 2:05pm", "3 hours left", "1 day overdue".

Every page, document and message shows a moment through `when` and a clock through `deadline`, so no page shows
an ISO timestamp or a clock's state code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from frontdoor.core.models import Clock, ClockState


def when(moment: datetime | None) -> str:
    """ "5 May 2026 at 2:05pm", in UK time."""
    if moment is None:
        return ""
    # A moment without a zone (as some agencies' extracts give one) is taken as already in UK time.
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return f"{local.day} {local:%B %Y} at {local.hour % 12 or 12}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def clock_time(moment: datetime) -> str:
    """ "5pm", "9:30am", in UK time."""
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    minutes = f":{local:%M}" if local.minute else ""
    return f"{local.hour % 12 or 12}{minutes}{'am' if local.hour < 12 else 'pm'}"


def due_words(moment: datetime, now: datetime | None = None) -> str:
    """When something is due, as a person says it: "5pm today", "9am tomorrow", "Monday 7 December at 9am"."""
    local = timezone.localtime(moment)
    today = timezone.localtime(now or timezone.now()).date()
    days = (local.date() - today).days
    if days == 0:
        return f"{clock_time(moment)} today"
    if days == 1:
        return f"{clock_time(moment)} tomorrow"
    if days == -1:
        return f"{clock_time(moment)} yesterday"
    if 1 < days < 7:
        return f"{local:%A} {local.day} {local:%B} at {clock_time(moment)}"
    return f"{local.day} {local:%B %Y} at {clock_time(moment)}"


@dataclass(frozen=True)
class Deadline:
    due: str
    left: str
    overdue: bool
    met: bool


def duration(seconds: float) -> str:
    """A length of time in words, to the minute under a day and to the hour beyond."""
    minutes = int(seconds // 60)
    days, hours, minutes = minutes // 1440, minutes % 1440 // 60, minutes % 60
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    words = [f"{n} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
    return " ".join(words) or "less than a minute"


def deadline(clock: Clock | None, now: datetime | None = None) -> Deadline | None:
    """When a clock is due and how long is left (or how long it is overdue)."""
    if clock is None:
        return None
    now = now or timezone.now()
    if clock.state in (ClockState.MET, ClockState.CANCELLED):
        return Deadline(due=when(clock.due_at), left="", overdue=False, met=True)  # met: when it was due, in full
    remaining = (clock.due_at - now).total_seconds()
    overdue = clock.state == ClockState.BREACHED or remaining < 0
    left = f"{duration(-remaining)} overdue" if remaining < 0 else f"{duration(remaining)} left"
    return Deadline(due=due_words(clock.due_at, now), left=left, overdue=overdue, met=False)
