"""Reading strategy discussions: one discussion (for those who may see it, audited per person in the same
transaction), the discussions on an item or about a person, who may be invited for each agency, and the minimum
attendance a discussion needs.

Who may open a discussion: the MASH and the emergency duty team (they convene and record them), and anyone invited
to it. Everyone else is told it does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake.models import Referral, Vist
from frontdoor.mash.models_conference import ChildProtectionConference
from frontdoor.mash.models_strategy import Attending, StrategyAction, StrategyDiscussion, StrategyStatus
from frontdoor.mash.strategy_clocks import ACTION_SUBJECT, STRATEGY_SUBJECT
from frontdoor.people.models import AgencyKind

# The minimum attendance (Working Together: a social worker, health and the police, `domain.md` §1), and education
# for a child of school age, as the multi-agency child protection teams will require (CWSA 2026 s3, §12).
MINIMUM = (Attending.SOCIAL_CARE, Attending.POLICE, Attending.HEALTH)
SCHOOL_AGE = (4, 16)

# Which attending agency a user speaks for, from their own agency's kind.
ATTENDING_FOR_KIND: dict[str, str] = {
    AgencyKind.CHILDRENS_SOCIAL_CARE: Attending.SOCIAL_CARE,
    AgencyKind.EMERGENCY_DUTY_TEAM: Attending.SOCIAL_CARE,
    AgencyKind.POLICE: Attending.POLICE,
    AgencyKind.AMBULANCE: Attending.HEALTH,
    AgencyKind.COMMUNITY_HEALTH: Attending.HEALTH,
    AgencyKind.ACUTE_HOSPITAL: Attending.HEALTH,
    AgencyKind.MATERNITY: Attending.HEALTH,
    AgencyKind.SEXUAL_HEALTH: Attending.HEALTH,
    AgencyKind.GP: Attending.HEALTH,
    AgencyKind.SCHOOL: Attending.EDUCATION,
    AgencyKind.EARLY_YEARS: Attending.EDUCATION,
    AgencyKind.FURTHER_EDUCATION: Attending.EDUCATION,
    AgencyKind.ALTERNATIVE_PROVISION: Attending.EDUCATION,
    AgencyKind.EARLY_HELP: Attending.EARLY_HELP,
    AgencyKind.YOUTH_SUPPORT: Attending.YOUTH_JUSTICE,
    AgencyKind.PROBATION: Attending.PROBATION,
    AgencyKind.HOUSING: Attending.HOUSING,
}


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def is_school_age(born: date | None, on: date) -> bool:
    """Aged 4 to 16 on the day: 4 takes in the reception year (most children start school the September after
    they turn 4), 16 the year they leave compulsory schooling. A child whose date of birth is not known counts as of
    school age, so education is asked rather than missed; an unborn child never is."""
    if born is None:
        return True
    low, high = SCHOOL_AGE
    return low <= age_on(born, on) <= high


def required_agencies(school_age: bool) -> tuple[str, ...]:
    return (*MINIMUM, Attending.EDUCATION) if school_age else MINIMUM


def attending_for(user: User) -> str:
    return ATTENDING_FOR_KIND.get(user.agency.kind, Attending.OTHER) if user.agency is not None else Attending.OTHER


def list_invitable_users() -> list[User]:
    """Those who can be invited by name: active users of a partner agency, by agency then name."""
    users = User.objects.filter(is_active=True, agency__isnull=False).select_related("agency")
    return sorted(users, key=lambda u: (u.agency.name if u.agency else "", u.get_full_name() or u.username, u.pk))


def sees_every_discussion(actor: Actor) -> bool:
    return role_grants(actor.role, "mash.strategy.record")


def _visible_to(actor: Actor) -> QuerySet[StrategyDiscussion]:
    discussions = StrategyDiscussion.objects.select_related("referral", "vist", "convened_by")
    if sees_every_discussion(actor):
        return discussions
    if actor.user is None or not role_grants(actor.role, "mash.strategy.view"):
        return discussions.none()
    return discussions.filter(Q(invitees__user=actor.user) | Q(convened_by=actor.user)).distinct()


def get_discussion(actor: Actor, reference: str, purpose: str) -> StrategyDiscussion:
    """One discussion, if the actor may see it (raises DoesNotExist otherwise), with its people, invitees,
    decisions and actions; the look is audited, one row per person, in the same transaction."""
    with transaction.atomic():
        discussion = (
            _visible_to(actor)
            .prefetch_related("people__person", "invitees__user__agency", "decisions", "actions__owner")
            .get(reference=reference)
        )
        people = [p.person for p in discussion.people.all() if p.person_id]
        for person in dict.fromkeys(people) or [None]:
            record_access(
                actor,
                person,
                action="view_strategy_discussion",
                purpose=f"{purpose}: {reference}",
                outcome=AuditOutcome.ALLOWED,
            )
        return discussion


def list_item_discussions(item: Referral | Vist) -> list[StrategyDiscussion]:
    of = {"referral": item} if isinstance(item, Referral) else {"vist": item}
    return list(StrategyDiscussion.objects.filter(**of).order_by("-convened_at", "-id"))


def list_discussions(actor: Actor, *, open_only: bool = True) -> list[StrategyDiscussion]:
    """The discussions the actor may see, those still to be held or circulated first, newest first."""
    found = _visible_to(actor).prefetch_related("people")
    if open_only:
        found = found.filter(status__in=[StrategyStatus.CONVENED, StrategyStatus.RECORDED])
    return list(found.order_by("-convened_at", "-id")[:200])


def map_clocks(subject_type: str, ids: Iterable[int], rule: str = "") -> dict[int, Clock]:
    """The open clock of each subject (the soonest due, if more than one)."""
    clocks = Clock.objects.filter(
        subject_type=subject_type,
        subject_id__in=[str(i) for i in ids],
        state__in=[ClockState.RUNNING, ClockState.BREACHED],
    )
    if rule:
        clocks = clocks.filter(rule=rule)
    found: dict[int, Clock] = {}
    for clock in clocks.order_by("-due_at", "-id"):
        found[int(clock.subject_id)] = clock
    return found


def find_conference_clock(discussion: StrategyDiscussion, rule: str = "mash.strategy.conference") -> Clock | None:
    """The initial child protection conference clock a discussion started (open or closed), if any; or, by `rule`,
    another of its conference clocks (the first review's)."""
    return (
        Clock.objects.filter(subject_type=STRATEGY_SUBJECT, subject_id=str(discussion.pk), rule=rule)
        .order_by("-started_at", "-id")
        .first()
    )


def find_conference(discussion: StrategyDiscussion) -> ChildProtectionConference | None:
    """The initial conference recorded after a discussion (its attendance and each child's outcome), if any. The
    discussion was read through `get_discussion`, which audited the look."""
    return (
        ChildProtectionConference.objects.filter(discussion=discussion)
        .select_related("recorded_by")
        .prefetch_related("attendance", "outcomes__child")
        .first()
    )


def map_action_clocks(discussion: StrategyDiscussion) -> dict[int, Clock]:
    return map_clocks(ACTION_SUBJECT, [a.pk for a in discussion.actions.all()])


def find_action(discussion: StrategyDiscussion, action_id: int) -> StrategyAction | None:
    return StrategyAction.objects.filter(discussion=discussion, pk=action_id).first()
