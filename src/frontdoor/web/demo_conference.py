"""Demo data: an initial child protection conference held, beside the one still due (Tyler Ashdown's, from
`demo_strategy`). Oliwia Kowalski's strategy discussion started a section 47 enquiry by children's social care; its
record was circulated and the conference made each child on it the subject of a child protection plan under neglect,
so the first review conference's clock runs three months on. Conferences are held on working days (the DfE's census
refuses one dated a weekend): loaded on a day that is not one, the discussion and the conference are those of the last
working day's afternoon. Idempotent: the discussion is found by its reason."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.core.clocks import working_calendar
from frontdoor.mash import conference_services, strategy_convening, strategy_recording
from frontdoor.mash.models_strategy import Attending, StrategyDiscussion
from frontdoor.people.models import Person

REASON = "Oliwia came to school hungry and in the same clothes all week; her twin has untreated tooth decay."
INVITED = [
    (Attending.SOCIAL_CARE, "mash.sw"),
    (Attending.POLICE, "mash.police"),
    (Attending.HEALTH, "mash.health"),
    (Attending.EDUCATION, None),  # the child's school, not named: the MASH's education officer is the council's
]


def load_demo_conference() -> None:
    child = Person.objects.filter(last_name="Kowalski", first_name="Oliwia").order_by("id").first()
    if child is None or StrategyDiscussion.objects.filter(reason=REASON).exists():
        return
    users = {u.username: u for u in User.objects.filter(username__in=[name for _, name in INVITED if name])}
    worker = users["mash.sw"]
    actor = Actor(user=worker, role="mash_social_worker", agency=worker.agency)
    invites = [strategy_convening.Invite(kind, users[name] if name else None) for kind, name in INVITED]
    now = timezone.now()
    held_at = _working_moment(now)
    # On a working day, all now; on another, the last working day's: convened at eleven, held at one, conference at 3.
    earlier = held_at < now
    discussion = strategy_convening.convene_strategy_discussion(
        actor=actor, reason=REASON, invites=invites, person=child, at=held_at - timedelta(hours=4) if earlier else now
    )
    strategy_recording.record_discussion(
        discussion,
        held_at=held_at - timedelta(hours=2) if earlier else now,
        actor=actor,
        attendance=[
            strategy_convening.Attendance(i.pk, True, information_shared="Shared what it holds on the twins.")
            for i in discussion.invitees.all()
        ],
        decisions=["s47_single"],
        rationale="Persistent neglect seen by school and health: reasonable cause to suspect significant harm.",
        actions=[],
    )
    strategy_recording.circulate_record(discussion, actor=actor)
    conference_services.record_conference(
        discussion,
        actor=actor,
        given=conference_services.Conference(
            held_at=held_at,
            chair="Chris Lowe, child protection chair",
            agencies=[Attending.SOCIAL_CARE, Attending.HEALTH, Attending.EDUCATION],
            child_views="Oliwia said she would like breakfast at home and her brother's teeth to stop hurting.",
            family_views="Their mother accepts they need help and asked for a family support worker.",
            outcomes=[
                conference_services.ChildOutcome(p.pk, True, "NEG", timezone.localdate(held_at))
                for p in discussion.people.filter(is_child=True)
            ],
        ),
    )


def _working_moment(now: datetime) -> datetime:
    """Now on a working day; on any other day, three o'clock on the last working day."""
    calendar = working_calendar()
    today = timezone.localtime(now, calendar.tz).date()
    if calendar.is_working_day(today):
        return now
    return datetime.combine(calendar.previous_working_day(today), time(15, 0), tzinfo=calendar.tz)
