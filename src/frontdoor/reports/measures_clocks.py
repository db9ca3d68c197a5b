"""Figures read from the clocks: a deadline met in time or not, counted from the one table of clocks (`core.Clock`),
so the scorecard says what the deadlines on everyone's pages said."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Count, Q, QuerySet

from frontdoor.core.models import Clock, ClockState
from frontdoor.reports.figures import Period, Row


def clock_row(
    label: str,
    period: Period,
    rule: str,
    subject_type: str,
    people_of: Callable[[list[str]], Iterable[int]],
    subjects: Iterable[str] | QuerySet | None = None,
) -> Row:
    """Clocks of `rule` started in the period (on `subjects` when given): how many were met by their due time, of
    those met or past due; those still running and not yet due are left out and said in the note; cancelled ones
    (the work was withdrawn) are left out."""
    clocks = Clock.objects.filter(
        rule=rule, subject_type=subject_type, started_at__gte=period.start, started_at__lt=period.end
    ).exclude(state=ClockState.CANCELLED)
    if subjects is not None:
        clocks = clocks.filter(
            subject_id__in=subjects if isinstance(subjects, QuerySet) else [str(s) for s in subjects]
        )
    clocks = clocks.order_by()
    if not period.people:  # counted in the database: a year's clocks are tens of thousands of rows
        counts = clocks.aggregate(
            in_time=Count("id", filter=Q(state=ClockState.MET, met_late=False)),
            waiting=Count("id", filter=Q(state=ClockState.RUNNING, due_at__gt=period.now)),
            all=Count("id"),
        )
        words = f"{counts['waiting']} still within time" if counts["waiting"] else ""
        return Row(label, count=counts["in_time"], of=counts["all"] - counts["waiting"], note=words)
    in_time, late, running = [], [], 0
    for state, due_at, met_late, subject_id in clocks.values_list("state", "due_at", "met_late", "subject_id"):
        if state == ClockState.MET and not met_late:
            in_time.append(subject_id)
        elif state == ClockState.RUNNING and due_at > period.now:
            running += 1
        else:
            late.append(subject_id)
    note = f"{running} still within time" if running else ""
    return Row(
        label,
        count=len(in_time),
        of=len(in_time) + len(late),
        people=tuple(sorted(set(people_of(in_time)))) if period.people else (),
        of_people=tuple(sorted(set(people_of(in_time + late)))) if period.people else (),
        note=note,
    )
