"""Insider-misuse rules over looks at records (after NIIAS): bulk browsing and repeated views. Pure functions.

The thresholds are set above what a busy MASH worker does in a day of triage (the synthetic benign set in the
tests stays below them) and far below what browsing out of curiosity looks like.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

BULK_DISTINCT_PEOPLE = 25
BULK_WINDOW = timedelta(minutes=15)
REPEAT_VIEWS = 12
REPEAT_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Look:
    actor_id: int
    person_id: int
    at: datetime


@dataclass(frozen=True)
class Finding:
    kind: str  # "bulk_browsing" or "repeated_views"
    actor_id: int
    person_id: int | None
    count: int
    first_at: datetime
    last_at: datetime


def bulk_browsing(
    looks: Iterable[Look], distinct_people: int = BULK_DISTINCT_PEOPLE, window: timedelta = BULK_WINDOW
) -> list[Finding]:
    """Viewers who looked at `distinct_people` or more different people within `window`: their busiest window."""
    by_actor: dict[int, list[Look]] = defaultdict(list)
    for look in looks:
        by_actor[look.actor_id].append(look)
    findings = []
    for actor_id, actor_looks in sorted(by_actor.items()):
        actor_looks.sort(key=lambda lk: lk.at)
        in_window: deque[Look] = deque()
        people: Counter[int] = Counter()
        best: tuple[int, datetime, datetime] | None = None
        for look in actor_looks:
            in_window.append(look)
            people[look.person_id] += 1
            while look.at - in_window[0].at > window:
                gone = in_window.popleft()
                people[gone.person_id] -= 1
                if not people[gone.person_id]:
                    del people[gone.person_id]
            if len(people) >= distinct_people and (best is None or len(people) > best[0]):
                best = (len(people), in_window[0].at, look.at)
        if best:
            findings.append(Finding("bulk_browsing", actor_id, None, *best))
    return findings


def repeated_views(
    looks: Iterable[Look], views: int = REPEAT_VIEWS, window: timedelta = REPEAT_WINDOW
) -> list[Finding]:
    """A viewer who looked at the same person `views` times or more within `window`: their busiest window."""
    by_pair: dict[tuple[int, int], list[datetime]] = defaultdict(list)
    for look in looks:
        by_pair[(look.actor_id, look.person_id)].append(look.at)
    findings = []
    for (actor_id, person_id), times in sorted(by_pair.items()):
        times.sort()
        start = 0
        best: tuple[int, datetime, datetime] | None = None
        for end, at in enumerate(times):
            while at - times[start] > window:
                start += 1
            count = end - start + 1
            if count >= views and (best is None or count > best[0]):
                best = (count, times[start], at)
        if best:
            findings.append(Finding("repeated_views", actor_id, person_id, *best))
    return findings
