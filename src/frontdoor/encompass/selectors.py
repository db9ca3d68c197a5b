"""Reads for Operation Encompass: each role's list of notices, one notice for the person acting (audited), its
journey in words, the listed children nobody matched.

Who sees which notice: a school's DSLs their own establishment's (released); the council's education safeguarding
officer the children routed to the council, and every notice whose clock was missed (escalated to them); MASH
police the drafts awaiting review.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import Action
from frontdoor.access.role_permissions import role_grants
from frontdoor.access.selectors import access_person
from frontdoor.core.display import duration, when
from frontdoor.core.models import Clock, ClockState
from frontdoor.encompass.clocks import NOTICE
from frontdoor.encompass.models import NOTICE_SUBJECT, Notice, NoticeStatus, RouteReason, UnmatchedChild
from frontdoor.intake.models import ArrivalKind as IntakeArrival
from frontdoor.intake.models import CheckCandidate
from frontdoor.people.models import Person, School

CATEGORY = "education"  # what the establishment is told is education's to see (access policy)
REVIEW_CATEGORY = "police"  # a draft is the police's own account


def _escalated_ids() -> QuerySet:
    missed = Clock.objects.filter(subject_type=NOTICE_SUBJECT, rule=NOTICE.code).filter(
        Q(state=ClockState.BREACHED) | Q(met_late=True)
    )
    return missed.values("subject_id")


def visible_notices(actor: Actor) -> QuerySet[Notice]:
    """The notices this actor, in their role, works (none for a role that works none)."""
    notices = Notice.objects.select_related("school__agency", "incident")
    role = actor.role
    if role_grants(role, "encompass.school"):
        if actor.agency is None:
            return notices.none()
        return notices.filter(school__agency=actor.agency).exclude(status=NoticeStatus.AWAITING_REVIEW)
    if role_grants(role, "encompass.council"):
        escalated = Q(pk__in=[int(i) for i in _escalated_ids().values_list("subject_id", flat=True)])
        return notices.filter(Q(school__isnull=True) | escalated).exclude(status=NoticeStatus.AWAITING_REVIEW)
    if role_grants(role, "encompass.review"):
        return notices.filter(status=NoticeStatus.AWAITING_REVIEW)
    return notices.none()


def list_to_acknowledge(actor: Actor) -> list[Notice]:
    """Released notices waiting for this actor's acknowledgement, soonest due first (a school's own; the council's
    children routed to it)."""
    notices = visible_notices(actor).filter(status=NoticeStatus.SENT)
    if role_grants(actor.role, "encompass.council"):
        notices = notices.filter(school__isnull=True)
    return list(notices.order_by("due_at", "id"))


def list_notices(actor: Actor) -> list[Notice]:
    """Every notice this actor works, newest incident first."""
    return list(visible_notices(actor).order_by("-incident_at", "-id")[:200])


def list_escalated(actor: Actor) -> list[Notice]:
    """For the council: notices no establishment acknowledged before its school day started."""
    if not role_grants(actor.role, "encompass.council"):
        return []
    ids = [int(i) for i in _escalated_ids().values_list("subject_id", flat=True)]
    return list(
        Notice.objects.filter(pk__in=ids, school__isnull=False).select_related("school__agency").order_by("-due_at")
    )


def list_for_review(actor: Actor) -> list[Notice]:
    if not role_grants(actor.role, "encompass.review"):
        return []
    return list(visible_notices(actor).order_by("due_at", "id"))


def list_unmatched(open_only: bool = True) -> list[UnmatchedChild]:
    tasks = UnmatchedChild.objects.select_related("incident")
    if open_only:
        tasks = tasks.filter(resolved_at__isnull=True)
    return list(tasks.order_by("created_at", "id"))


def find_unmatched(pk: int) -> UnmatchedChild | None:
    return UnmatchedChild.objects.select_related("incident").filter(pk=pk).first()


def list_candidates(actor: Actor, task: UnmatchedChild) -> list[tuple[int, str]]:
    """The people the already-known check offered for a listed child, each read through the access gate (those
    the actor may not see are left out)."""
    kind = IntakeArrival.INCIDENT_PERSON if task.kind == "incident" else IntakeArrival.VIST_PERSON
    offered = CheckCandidate.objects.filter(identity_check__kind=kind, identity_check__subject_id=task.listed_id)
    named = []
    for person_id in dict.fromkeys(offered.order_by("id").values_list("person_id", flat=True)):
        try:
            person = access_person(actor, person_id, "Operation Encompass: match a listed child").person
        except PermissionDenied:
            continue
        born = f", born {person.date_of_birth:%-d %B %Y}" if person.date_of_birth else ""
        named.append((person_id, f"{person.display_name}{born}"))
    return named


def get_person(pk: int) -> Person:
    return Person.objects.get(pk=pk)


def find_notice(actor: Actor, reference: str) -> Notice | None:
    """One of the notices this actor works, by reference, or None (another school's is as one that does not
    exist)."""
    return visible_notices(actor).filter(reference=reference).first()


def read_notice(actor: Actor, notice: Notice, purpose: str = "Operation Encompass") -> bool:
    """Open the child's notice through the access gate (one audit row); whether its content may be shown."""
    access = access_person(actor, notice.child_id, f"{purpose} {notice.reference}")
    category = REVIEW_CATEGORY if notice.status == NoticeStatus.AWAITING_REVIEW else CATEGORY
    return access.may(category, Action.VIEW_FULL)


def map_schools_named(notices: list[Notice]) -> dict[int, str]:
    return {n.pk: (n.school.agency.name if n.school else "Council education safeguarding") for n in notices}


# --- Timeliness -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    what: str
    at: str  # in words, or "" when it has not happened
    after: str  # how long after the incident, in words


@dataclass(frozen=True)
class Timeliness:
    steps: list[Step]
    due: str
    delivered_in_time: bool | None  # None: not delivered yet
    acknowledged_in_time: bool | None  # None: not acknowledged yet
    verdict: str


def timeliness(notice: Notice) -> Timeliness:
    """The notice's journey, each moment in words with how long after the incident, and whether it beat the
    deadline (delivered, and acknowledged, before the start of the school day)."""

    def step(what: str, moment) -> Step:
        if moment is None:
            return Step(what, "", "")
        seconds = (moment - notice.incident_at).total_seconds()
        return Step(what, when(moment), f"{duration(seconds)} after the incident" if seconds >= 0 else "")

    steps = [
        step("Incident", notice.incident_at),
        step("VIST received", notice.vist_at),
        step("Child identified later (the deadline counts from here)", notice.found_at),
        step("Notification created", notice.created_at),
        step("Delivered", notice.delivered_at),
        step("Opened", notice.opened_at),
        step("Acknowledged", notice.acknowledged_at),
    ]
    optional = {"VIST received", steps[2].what}  # shown only when they happened
    steps = [s for s in steps if s.at or s.what not in optional] or steps
    delivered = None if notice.delivered_at is None else notice.delivered_at <= notice.due_at
    acknowledged = None if notice.acknowledged_at is None else notice.acknowledged_at <= notice.due_at
    if acknowledged:
        verdict = "Acknowledged before the school day started"
    elif acknowledged is False:
        verdict = "Acknowledged after the school day had started"
    elif timezone.now() > notice.due_at:
        verdict = "Not acknowledged, and the school day has started"
    elif delivered is False:
        verdict = "Delivered after the school day had started"
    elif delivered:
        verdict = "Delivered before the school day starts; waiting for acknowledgement"
    else:
        verdict = "Not delivered yet"
    return Timeliness(steps, when(notice.due_at), delivered, acknowledged, verdict)


def routed_words(notice: Notice) -> str:
    return RouteReason(notice.routed).label


def present_words(notice: Notice) -> str:
    if notice.child_present is None:
        return "The officer did not say"
    return "Yes" if notice.child_present else "No"


def schools_of(agency_id: int) -> list[School]:
    return list(School.objects.filter(agency_id=agency_id))
