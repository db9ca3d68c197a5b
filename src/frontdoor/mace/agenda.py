"""Why each listed child is on the monthly MACE meeting's agenda, and in what order. Reads only.

Every child with an open MACE listing is on it. Their reasons: newly listed since the last meeting; risk raised (a
screening since the last meeting put their level up); their rescreen overdue. A child with none of these is there
for review. The agenda takes the newly listed first, then those whose risk rose, then overdue rescreens, then the
rest; within each, high risk before medium, then the longest listed. A child listed after the meeting's day is not on
it, and a rescreen is overdue if it was due before the meeting's day ended (or now, if sooner).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from frontdoor.exploitation import rules
from frontdoor.exploitation.models import MaceListing, Screening
from frontdoor.mace.models import AgendaReason


@dataclass
class Entry:
    listing: MaceListing
    reasons: list[str]  # AgendaReason values


def _raised_since(person_id: int, since: date | None) -> bool:
    screenings = list(Screening.objects.filter(person_id=person_id).order_by("screened_at", "id"))
    previous = None
    for screening in screenings:
        after = since is None or timezone.localtime(screening.screened_at).date() > since
        if after and previous is not None and rules.LEVELS.index(screening.level) > rules.LEVELS.index(previous):
            return True
        previous = screening.level
    return False


def entries(held_on: date, last_meeting: date | None) -> list[Entry]:
    """The agenda for a meeting on `held_on` after one held on `last_meeting` (None: the first)."""
    day_end = timezone.make_aware(datetime.combine(held_on + timedelta(days=1), time.min))
    now = min(timezone.now(), day_end)
    found = []
    listed = MaceListing.objects.filter(closed_on__isnull=True, listed_on__lte=held_on).select_related("screening")
    for listing in listed:
        reasons = []
        if last_meeting is None or listing.listed_on > last_meeting:
            reasons.append(AgendaReason.NEW.value)
        elif _raised_since(listing.person_id, last_meeting):
            reasons.append(AgendaReason.RAISED.value)
        current = Screening.objects.filter(person_id=listing.person_id, superseded_at__isnull=True).first()
        if current is not None and current.rescreen_by is not None and current.rescreen_by < now:
            reasons.append(AgendaReason.OVERDUE.value)
        found.append(Entry(listing, reasons or [AgendaReason.REVIEW.value]))
    order = list(AgendaReason.values)  # new, raised, overdue, review
    return sorted(
        found,
        key=lambda e: (
            order.index(e.reasons[0]),
            -rules.LEVELS.index(e.listing.level),
            e.listing.listed_on,
            e.listing.pk,
        ),
    )
