"""Reads for MASH checks: who may see a check (one place), an agency's queue, the checks on a referral or VIST, the
people an item names, the agencies a check can go to, and each agency's response times for the scorecards."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.access.role_permissions import CHECK_RESPONDER_ROLES, role_grants
from frontdoor.core.calendars import WorkingCalendar
from frontdoor.core.clocks import working_calendar
from frontdoor.core.models import Clock, ClockState
from frontdoor.core.selectors import map_clocks
from frontdoor.intake.models import Referral, Vist
from frontdoor.mash.checks_clocks import CHECK_RULE_CODES, CHECK_SUBJECT
from frontdoor.mash.models import CheckStatus, MashCheck
from frontdoor.people import vocabulary
from frontdoor.people.models import EDUCATION_KINDS, Agency, AgencyKind

# The agencies the MASH asks: every kind but the MASH's own service and the out-of-hours team.
NOT_ASKED: frozenset[str] = frozenset({AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.EMERGENCY_DUTY_TEAM})


def is_asked(agency: Agency) -> bool:
    """Whether the MASH ever sends this agency a check."""
    return agency.kind not in NOT_ASKED


@dataclass(frozen=True)
class NamedPerson:
    """Someone a referral or VIST names, as a check can ask about them: `key` says which row of the item."""

    key: str
    name: str
    described_as: str
    date_of_birth: date | None
    person_id: int | None
    is_child: bool


def list_people_on_item(item: Referral | Vist) -> list[NamedPerson]:
    """The children, then the adults, the item names, in its order."""
    if isinstance(item, Referral):
        children = [
            NamedPerson(
                f"child-{c.pk}",
                f"{c.first_name} {c.last_name}".strip() or "Unborn baby",
                "unborn baby" if c.expected_date_of_delivery and not c.date_of_birth else "child",
                c.date_of_birth,
                c.person_id,
                True,
            )
            for c in item.children.order_by("id")
        ]
        adults = [
            NamedPerson(f"adult-{a.pk}", a.name, a.relationship.lower(), a.date_of_birth, a.person_id, False)
            for a in item.adults.order_by("id")
        ]
        return children + adults
    persons = sorted(item.persons.order_by("id"), key=lambda p: not p.is_child)
    return [
        NamedPerson(
            f"person-{p.pk}",
            f"{p.first_name} {p.last_name}".strip(),
            p.role,
            p.date_of_birth,
            p.person_id,
            p.is_child,
        )
        for p in persons
    ]


def list_agencies_to_ask() -> list[Agency]:
    """The active partner agencies a check can go to, by name."""
    return list(Agency.objects.filter(active=True).exclude(kind__in=NOT_ASKED).order_by("name"))


HEALTH_KINDS = {
    AgencyKind.AMBULANCE,
    AgencyKind.COMMUNITY_HEALTH,
    AgencyKind.ACUTE_HOSPITAL,
    AgencyKind.MATERNITY,
    AgencyKind.SEXUAL_HEALTH,
    AgencyKind.GP,
}


def records_heading(agency: Agency | None) -> str:
    """The child's page's chronology heading for what this kind of agency holds ("Police", "Health"), to link a
    responder straight to their own agency's records; empty where the chronology has no heading for it."""
    kind = agency.kind if agency is not None else ""
    if kind == AgencyKind.POLICE:
        return vocabulary.POLICE
    if kind in HEALTH_KINDS:
        return vocabulary.HEALTH
    if kind in EDUCATION_KINDS:
        return vocabulary.KINDS["school_census"].agency
    if kind == AgencyKind.EARLY_HELP:
        return vocabulary.KINDS["early_help_episode"].agency
    return ""


def answers_for_agency(actor: Actor) -> bool:
    """Whether the actor answers MASH checks for their agency (the agency's queue is theirs)."""
    return actor.agency is not None and role_grants(actor.role, "mash.checks.answer")


def _checks() -> QuerySet[MashCheck]:
    return MashCheck.objects.select_related("agency", "referral", "vist", "requested_by", "answered_by")


def _visible_to(actor: Actor) -> QuerySet[MashCheck]:
    """Every check for those who ask for them; the checks sent to their own agency for responders."""
    if role_grants(actor.role, "mash.checks.request"):
        return _checks()
    if answers_for_agency(actor):
        return _checks().filter(agency=actor.agency)
    return _checks().none()


def get_check(actor: Actor, reference: str, purpose: str) -> MashCheck:
    """One check, if the actor may see it (raises MashCheck.DoesNotExist otherwise: another agency's check is not
    said to exist), with the people it asks about; the look is audited, one row per person, in the same transaction.
    """
    with transaction.atomic():
        check = _visible_to(actor).prefetch_related("people").get(reference=reference)
        people = [p.person for p in check.people.select_related("person") if p.person_id]
        for person in dict.fromkeys(people) or [None]:
            record_access(
                actor, person, action="view_mash_check", purpose=f"{purpose}: {reference}", outcome=AuditOutcome.ALLOWED
            )
        return check


def may_open(actor: Actor, check: MashCheck) -> bool:
    """Whether the actor may open this check's own page (the rule `get_check` applies, without a query)."""
    return role_grants(actor.role, "mash.checks.request") or may_answer(actor, check)


def find_agency_check(agency: Agency, reference: str) -> MashCheck | None:
    """A check sent to this agency, to act on (None for another agency's: it is not said to exist)."""
    return _checks().filter(agency=agency, reference=reference).first()


def may_answer(actor: Actor, check: MashCheck) -> bool:
    return answers_for_agency(actor) and check.agency_id == actor.agency.pk  # type: ignore[union-attr]


def list_agency_checks(agency: Agency, *, open_only: bool = True) -> list[MashCheck]:
    """The checks sent to one agency: open ones soonest due first, or (open_only=False) every one, newest first."""
    checks = _checks().filter(agency=agency).prefetch_related("people")
    if open_only:
        found = list(checks.filter(status=CheckStatus.OPEN))
        due = map_check_clocks(found)
        return sorted(found, key=lambda c: (due[c.pk].due_at if c.pk in due else c.requested_at, c.pk))
    return list(checks.order_by("-requested_at", "-id"))


def list_answered_checks(agency: Agency, limit: int = 20) -> list[MashCheck]:
    """The agency's most recent answers (and declines), latest first."""
    return list(
        _checks().filter(agency=agency).exclude(status=CheckStatus.OPEN).order_by("-answered_at", "-id")[:limit]
    )


def list_item_checks(item: Referral | Vist) -> list[MashCheck]:
    """Every check on a referral or VIST: open ones first, then by when they were asked."""
    of = {"referral": item} if isinstance(item, Referral) else {"vist": item}
    checks = list(_checks().filter(**of).prefetch_related("people").order_by("requested_at", "id"))
    return sorted(checks, key=lambda c: c.status != CheckStatus.OPEN)


def map_check_clocks(checks: list[MashCheck]) -> dict[int, Clock]:
    return map_clocks(CHECK_SUBJECT, [c.pk for c in checks], CHECK_RULE_CODES)


@dataclass(frozen=True)
class AgencyCounts:
    open: int
    overdue: int
    due_today: int
    answered_this_week: int


def count_agency_checks(agency: Agency, now: datetime | None = None) -> AgencyCounts:
    """The agency's queue in numbers, for its responders' home."""
    now = now or timezone.now()
    open_ids = [
        str(pk) for pk in MashCheck.objects.filter(agency=agency, status=CheckStatus.OPEN).values_list("pk", flat=True)
    ]
    clocks = Clock.objects.filter(
        subject_type=CHECK_SUBJECT, subject_id__in=open_ids, state__in=[ClockState.RUNNING, ClockState.BREACHED]
    )
    end_of_today = timezone.localtime(now).replace(hour=23, minute=59, second=59)
    overdue = clocks.filter(Q(state=ClockState.BREACHED) | Q(due_at__lte=now)).count()
    week_ago = now - timedelta(days=7)
    return AgencyCounts(
        open=len(open_ids),
        overdue=overdue,
        due_today=clocks.filter(due_at__gt=now, due_at__lte=end_of_today).count(),
        answered_this_week=MashCheck.objects.filter(agency=agency, answered_at__gte=week_ago).count(),
    )


def list_responders(agency: Agency) -> list[User]:
    """The agency's people who answer its checks now: active, holding a responder role."""
    return list(
        User.objects.filter(
            agency=agency,
            is_active=True,
            role_grants__role__in=CHECK_RESPONDER_ROLES,
            role_grants__revoked_at__isnull=True,
        )
        .distinct()
        .order_by("id")
    )


# --- Response times, for the scorecards -------------------------------------------------------------------------


def working_hours_between(calendar: WorkingCalendar, start: datetime, end: datetime) -> float:
    """The working hours from `start` to `end` (0 if `end` is not later), on the partnership's calendar."""
    if end <= start:
        return 0.0
    tz = calendar.tz
    first, last = start.astimezone(tz), end.astimezone(tz)
    total = timedelta()
    day = first.date()
    while day <= last.date():
        if calendar.is_working_day(day):
            opens = datetime.combine(day, calendar.day_start).replace(tzinfo=tz)
            closes = datetime.combine(day, calendar.day_end).replace(tzinfo=tz)
            span = min(closes, last) - max(opens, first)
            total += max(span, timedelta())
        day += timedelta(days=1)
    return total.total_seconds() / 3600


@dataclass(frozen=True)
class ResponseTimes:
    """One agency's MASH checks asked in a period: how many, how many answered (and declined) and how many in time,
    how many are still open (and overdue), and the working hours its answers took."""

    agency: Agency
    asked: int
    answered: int
    declined: int
    in_time: int
    late: int
    still_open: int
    overdue: int
    median_hours: float | None
    longest_hours: float | None

    @property
    def in_time_share(self) -> float | None:
        closed = self.answered + self.declined
        return self.in_time / closed if closed else None


def list_response_times(start: datetime, end: datetime, now: datetime | None = None) -> list[ResponseTimes]:
    """Each agency's response to the MASH checks asked in [start, end), by agency name: the scorecards' figures.

    A response counts in time when its clock was met by its due time; a response's hours are working hours from
    the request to the answer, on the partnership's calendar (so a check asked on Friday afternoon and answered on
    Monday morning took a few hours, not a weekend)."""
    now = now or timezone.now()
    calendar = working_calendar()
    checks = list(MashCheck.objects.filter(requested_at__gte=start, requested_at__lt=end).select_related("agency"))
    clocks = map_check_clocks(checks)
    by_agency: dict[int, list[MashCheck]] = defaultdict(list)
    for check in checks:
        by_agency[check.agency_id].append(check)
    times = []
    for agency_checks in by_agency.values():
        closed = [c for c in agency_checks if c.answered_at is not None]
        hours = [working_hours_between(calendar, c.requested_at, c.answered_at) for c in closed]  # type: ignore[arg-type]
        late = [c for c in closed if c.pk in clocks and clocks[c.pk].met_late]
        still_open = [c for c in agency_checks if c.answered_at is None]
        overdue = [
            c
            for c in still_open
            if c.pk in clocks and (clocks[c.pk].state == ClockState.BREACHED or clocks[c.pk].due_at <= now)
        ]
        times.append(
            ResponseTimes(
                agency=agency_checks[0].agency,
                asked=len(agency_checks),
                answered=sum(c.status == CheckStatus.ANSWERED for c in closed),
                declined=sum(c.status == CheckStatus.DECLINED for c in closed),
                in_time=len(closed) - len(late),
                late=len(late),
                still_open=len(still_open),
                overdue=len(overdue),
                median_hours=statistics.median(hours) if hours else None,
                longest_hours=max(hours) if hours else None,
            )
        )
    return sorted(times, key=lambda t: t.agency.name)
