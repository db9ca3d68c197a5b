"""What strategy discussions show of themselves elsewhere: what their clocks are about, the relationship their
attendees and convening worker have with the people they are about, a line in each child's chronology with the
discussion's open deadlines and subject access items, the deadline source for "My deadlines" and "Team deadlines",
and the MASH roles' home section (discussions to hold, records to circulate, actions due). Registered in
`MashConfig.ready`."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import get_policy
from frontdoor.access.models import User
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import deadline
from frontdoor.core.registry import Subject
from frontdoor.mash.models_conference import CategoryOfAbuse, ConferenceOutcome
from frontdoor.mash.models_strategy import (
    DecisionKind,
    StrategyAction,
    StrategyDiscussion,
    StrategyPerson,
    StrategyStatus,
)
from frontdoor.mash.strategy_clocks import ACTION_SUBJECT, HOLD, RECORD, STRATEGY_SUBJECT, working_hours_now
from frontdoor.mash.strategy_selectors import map_clocks
from frontdoor.people.models import Person, PersonKind
from frontdoor.people.providers import Entry, PersonProvider

HOME_SHOWS = 5
# How far back a discussion's clocks are looked for: past any conference's 15 working days, with room to spare.
RECENT_DAYS = 120


def _link(discussion: StrategyDiscussion) -> str:
    return f"/mash/strategy/{discussion.reference}/"


def describe_discussions(ids: list[str]) -> dict[str, Subject]:
    found = StrategyDiscussion.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    return {str(d.pk): Subject(f"Strategy discussion {d.reference}", _link(d)) for d in found}


def describe_actions(ids: list[str]) -> dict[str, Subject]:
    found = StrategyAction.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).select_related("discussion")
    return {
        str(a.pk): Subject(f"Action from strategy discussion {a.discussion.reference}", _link(a.discussion))
        for a in found
    }


def _live(since: Any) -> Q:
    """A discussion still open, or circulated within the policy's `after_closing_days`."""
    return (
        Q(discussion__status__in=[StrategyStatus.CONVENED, StrategyStatus.RECORDED])
        | Q(discussion__circulated_at__gte=since)
        | Q(discussion__cancelled_at__gte=since)
    )


def on_their_discussion(user: User, role: str | None, person_id: int) -> str | None:
    """Why an attendee (or the worker who convened it) may see this person: they are on a strategy discussion the
    user was invited to or convened, open or circulated within `after_closing_days`."""
    if not role_grants(role, "mash.strategy.view"):
        return None
    since = timezone.now() - timedelta(days=get_policy().after_closing_days)
    found = (
        StrategyPerson.objects.filter(_live(since), person_id=person_id)
        .filter(Q(discussion__invitees__user=user) | Q(discussion__convened_by=user))
        .select_related("discussion")
        .order_by("-discussion__convened_at")
        .first()
    )
    return f"on strategy discussion {found.discussion.reference}" if found else None


# --- The child's page and subject access ------------------------------------------------------------------------


def chronology(person_id: int) -> list[Entry]:
    entries = []
    for on in StrategyPerson.objects.filter(person_id=person_id).select_related("discussion"):
        d = on.discussion
        decided = ", ".join(DecisionKind(x.kind).label.lower() for x in d.decisions.all())
        detail = f"Decided: {decided}." if decided else "Convened" + (" out of hours" if d.out_of_hours else "") + "."
        entries.append(
            Entry(
                at=d.held_at or d.convened_at,
                ended_at=None,
                what="Strategy discussion" + (" (pre-birth)" if d.pre_birth else ""),
                detail=detail,
                agency="Front door",
                category="referrals",
                source=f"frontdoor {d.reference}",
                link=_link(d),
                decision=bool(decided),
            )
        )
    outcomes = ConferenceOutcome.objects.filter(child__person_id=person_id).select_related("conference__discussion")
    for outcome in outcomes:
        conference = outcome.conference
        start = outcome.plan_start
        detail = (
            f"A child protection plan from {start.day} {start:%B %Y}, "
            f"category: {CategoryOfAbuse(outcome.category).label.lower()}."
            if outcome.plan and start is not None
            else "No child protection plan."
        )
        entries.append(
            Entry(
                at=conference.held_at,
                ended_at=None,
                what="Initial child protection conference",
                detail=f"Chaired by {conference.chair}. {detail}",
                agency="Front door",
                category="referrals",
                source=f"frontdoor {conference.discussion.reference}",
                link=_link(conference.discussion),
                decision=True,
            )
        )
    return entries


def subjects(person_id: int) -> list[tuple[str, str]]:
    on = StrategyPerson.objects.filter(person_id=person_id).values_list("discussion_id", flat=True).distinct()
    actions = StrategyAction.objects.filter(discussion_id__in=list(on), done_at__isnull=True).values_list(
        "pk", flat=True
    )
    return [(STRATEGY_SUBJECT, str(pk)) for pk in on] + [(ACTION_SUBJECT, str(pk)) for pk in actions]


def subject_access(person: Person) -> list[dict[str, Any]]:
    """Each discussion about the person: why it was held and what it decided (not what agencies shared, which is
    theirs to disclose)."""
    held = []
    for on in StrategyPerson.objects.filter(person=person).select_related("discussion"):
        d = on.discussion
        held.append({
            "what": "A strategy discussion: agencies met because of a concern about significant harm",
            "as": on.described_as, "reference": d.reference, "convened": d.convened_at, "held": d.held_at,
            "why": d.reason, "decided": [DecisionKind(x.kind).label for x in d.decisions.all()],
            "why_decided": d.rationale,
        })  # fmt: skip
    return held


def actions(role: str | None, person_id: int) -> list[tuple[str, str]]:
    """From a child's page (an open case): the MASH convenes a strategy discussion; out of hours, the emergency duty
    team an urgent one."""
    if Person.objects.filter(pk=person_id, kind=PersonKind.ADULT).exists():
        return []
    if role_grants(role, "mash.strategy.convene"):
        return [("Convene a strategy discussion", f"/mash/strategy/child/{person_id}/")]
    if role_grants(role, "mash.strategy.convene_out_of_hours") and not working_hours_now(timezone.now()):
        return [("Convene an urgent strategy discussion", f"/mash/strategy/out-of-hours/{person_id}/")]
    return []


PROVIDER = PersonProvider(
    "mash.strategy", chronology=chronology, subjects=subjects, subject_access=subject_access, actions=actions
)


# --- Whose deadlines ---------------------------------------------------------------------------------------------


def strategy_mine(actor: Actor) -> list[tuple[str, str]]:
    """The discussions a worker convened (to hold, or to circulate), and the open actions they own."""
    if actor.user is None:
        return []
    subjects: list[tuple[str, str]] = []
    if role_grants(actor.role, "mash.strategy.record"):
        # Circulated ones too: the worker who convened it leads the section 47 enquiry to its conference.
        recent = timezone.now() - timedelta(days=RECENT_DAYS)
        mine = StrategyDiscussion.objects.filter(convened_by=actor.user, convened_at__gte=recent)
        subjects += [(STRATEGY_SUBJECT, str(pk)) for pk in mine.values_list("pk", flat=True)]
    if role_grants(actor.role, "mash.strategy.view"):
        owned = StrategyAction.objects.filter(owner=actor.user, done_at__isnull=True).values_list("pk", flat=True)
        subjects += [(ACTION_SUBJECT, str(pk)) for pk in owned]
    return subjects


def strategy_team(actor: Actor) -> list[tuple[str, str]]:
    """Every open discussion and action, for the MASH manager (the conference clocks among them)."""
    if not role_grants(actor.role, "mash.team_deadlines"):
        return []
    recent = timezone.now() - timedelta(days=RECENT_DAYS)
    discussions = StrategyDiscussion.objects.filter(convened_at__gte=recent).values_list("pk", flat=True)
    actions = StrategyAction.objects.filter(done_at__isnull=True).values_list("pk", flat=True)
    return [(STRATEGY_SUBJECT, str(pk)) for pk in discussions] + [(ACTION_SUBJECT, str(pk)) for pk in actions]


# --- The home section --------------------------------------------------------------------------------------------


def home_strategy(actor: Actor) -> dict[str, Any] | None:
    """Discussions to hold, records to circulate and the actor's own actions due, soonest first; left off when
    there are none."""
    if actor.user is None:
        return None
    discussions = StrategyDiscussion.objects.filter(status__in=[StrategyStatus.CONVENED, StrategyStatus.RECORDED])
    if not role_grants(actor.role, "mash.strategy.record"):
        discussions = discussions.filter(invitees__user=actor.user).distinct()
    open_ones = list(discussions.order_by("convened_at", "id")[:200])
    hold = map_clocks(STRATEGY_SUBJECT, [d.pk for d in open_ones], HOLD.code)
    record = map_clocks(STRATEGY_SUBJECT, [d.pk for d in open_ones], RECORD.code)
    now = timezone.now()
    to_hold = [(d, deadline(hold.get(d.pk), now)) for d in open_ones if d.status == StrategyStatus.CONVENED]
    to_circulate = [(d, deadline(record.get(d.pk), now)) for d in open_ones if d.status == StrategyStatus.RECORDED]
    actions = list(
        StrategyAction.objects.filter(owner=actor.user, done_at__isnull=True)
        .select_related("discussion")
        .order_by("due_on", "id")[:HOME_SHOWS]
    )
    action_clocks = map_clocks(ACTION_SUBJECT, [a.pk for a in actions])
    if not (to_hold or to_circulate or actions):
        return None
    return {
        "to_hold": to_hold[:HOME_SHOWS],
        "to_circulate": to_circulate[:HOME_SHOWS],
        "hold_total": len(to_hold),
        "circulate_total": len(to_circulate),
        "actions": [(a, deadline(action_clocks.get(a.pk), now)) for a in actions],
    }
