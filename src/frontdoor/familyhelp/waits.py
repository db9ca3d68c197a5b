"""How long a family has waited for its lead practitioner, in weeks as people say it, and the alert beyond
`settings.FRONTDOOR_FAMILY_HELP_ALERT_WEEKS` (four by default).

Pure apart from the one worker job at the end, which tells each waiting family's interim duty worker when the
family's allocation deadline has been missed (the sweep in `core.clocks` has already told the family help manager).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse

from frontdoor.core import outbox
from frontdoor.core.models import Clock, ClockState, OutboxMessage
from frontdoor.familyhelp.clocks import ALLOCATION, FAMILY_SUBJECT
from frontdoor.familyhelp.models import UNALLOCATED, DutyWorker


def alert_after() -> timedelta:
    return timedelta(weeks=settings.FRONTDOOR_FAMILY_HELP_ALERT_WEEKS)


def alert_words() -> str:
    weeks = settings.FRONTDOOR_FAMILY_HELP_ALERT_WEEKS
    return f"{weeks} week{'' if weeks == 1 else 's'}"


def beyond_the_alert(waiting_since: datetime, now: datetime) -> bool:
    """Waited the alert's weeks or longer (the allocation clock is missed at the same moment)."""
    return now - waiting_since >= alert_after()


def weeks_waited(waited: timedelta) -> int:
    return waited.days // 7


def waited_words(waited: timedelta) -> str:
    """ "5 weeks and 2 days", "1 week", "3 days", "less than a day"."""
    weeks, days = divmod(max(waited.days, 0), 7)
    day_words = f"{days} day{'' if days == 1 else 's'}"
    if not weeks:
        return day_words if days else "less than a day"
    week_words = f"{weeks} week{'' if weeks == 1 else 's'}"
    return f"{week_words} and {day_words}" if days else week_words


def tell_duty_workers_of_long_waits() -> int:
    """For each family whose allocation deadline is missed, tell its duty worker once; return how many were told.

    Idempotent through the outbox's dedupe key (one message per missed clock and worker), so it can run often; a
    new duty worker named later is told too."""
    missed = Clock.objects.filter(
        subject_type=FAMILY_SUBJECT, rule=ALLOCATION.code, state=ClockState.BREACHED, closed_at__isnull=True
    ).values_list("pk", "subject_id")
    families = {int(subject_id): clock_id for clock_id, subject_id in missed}
    duty = DutyWorker.objects.filter(
        family_id__in=list(families), ended_at__isnull=True, family__status__in=UNALLOCATED
    ).select_related("family", "worker")
    messages = [
        outbox.Message(
            kind="familyhelp.long_wait",
            dedupe_key=f"familyhelp:clock:{families[d.family_id]}:duty:{d.worker_id}",
            recipient=d.worker,
            subject=f"Family {d.family.reference} has waited {alert_words()} for a lead practitioner",
            body="You are its duty worker while it waits.",
            link_path=reverse("familyhelp:family", args=[d.family.reference]),
        )
        for d in duty
    ]
    queued = set(
        OutboxMessage.objects.filter(dedupe_key__in=[m.dedupe_key for m in messages]).values_list(
            "dedupe_key", flat=True
        )
    )
    new = [m for m in messages if m.dedupe_key not in queued]
    outbox.enqueue_all(new)
    return len(new)
