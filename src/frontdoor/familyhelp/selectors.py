"""Reads for family help: its lists (the triage list, the allocation waiting list, the alert list and the allocated
families), one family in full, and the people who may be named its duty worker or lead practitioner.

Every list and every family read as a page is audited in the same transaction as the read: a list as one row, a
family with one row per person it names whom the front door knows (so the look is in each one's "who has looked").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.familyhelp.models import (
    UNALLOCATED,
    Allocation,
    ChildVoice,
    DutyWorker,
    Family,
    FamilyChild,
    FamilyStatus,
    StepDown,
    VistStepDown,
)
from frontdoor.familyhelp.waits import alert_after, beyond_the_alert, waited_words, weeks_waited
from frontdoor.intake.models import ReferralAdult
from frontdoor.people.models import Person

FAMILY_HELP_ROLE = "early_help_worker"  # who may be a family's duty worker or lead practitioner


def name_of(user: User | None) -> str:
    """A worker as people know them: their name, never an account number."""
    if user is None:
        return ""
    return user.get_full_name() or user.username


@dataclass(frozen=True)
class FamilyRow:
    """One family on a list: its children, how long it has waited, and who supports it."""

    family: Family
    children: list[FamilyChild]
    referral: str  # the reference of the referral that stepped it down (the latest)
    waited: timedelta
    beyond: bool
    duty_worker: User | None
    lead: User | None
    vist: str = ""  # the police VIST triaged as early help that stepped it down, when no referral did

    @property
    def reference(self) -> str:
        return self.family.reference

    @property
    def weeks(self) -> int:
        return weeks_waited(self.waited)

    @property
    def waited_words(self) -> str:
        return waited_words(self.waited)

    @property
    def duty_worker_name(self) -> str:
        return name_of(self.duty_worker)

    @property
    def lead_name(self) -> str:
        return name_of(self.lead)


def _with_people(families: QuerySet[Family]) -> QuerySet[Family]:
    return families.prefetch_related(
        Prefetch("children", queryset=FamilyChild.objects.select_related("referral_child")),
        Prefetch(
            "duty_workers",
            queryset=DutyWorker.objects.filter(ended_at__isnull=True).select_related("worker"),
            to_attr="current_duty",
        ),
        Prefetch(
            "allocations",
            queryset=Allocation.objects.filter(ended_at__isnull=True).select_related("lead_practitioner"),
            to_attr="current_lead",
        ),
        Prefetch("step_downs", queryset=StepDown.objects.select_related("referral").order_by("at", "id")),
        Prefetch("vist_step_downs", queryset=VistStepDown.objects.select_related("vist").order_by("at", "id")),
    )


def _row(family: Family, now: datetime) -> FamilyRow:
    step_downs = list(family.step_downs.all())
    duty, lead = getattr(family, "current_duty", []), getattr(family, "current_lead", [])
    waiting = family.status in UNALLOCATED
    return FamilyRow(
        family=family,
        children=list(family.children.all()),
        referral=step_downs[-1].referral.reference if step_downs else "",
        waited=now - family.waiting_since,
        beyond=waiting and beyond_the_alert(family.waiting_since, now),
        duty_worker=duty[0].worker if duty else None,
        lead=lead[0].lead_practitioner if lead else None,
        vist=vists[-1].vist.reference if (vists := list(family.vist_step_downs.all())) else "",
    )


def _listed(actor: Actor, families: QuerySet[Family], what: str) -> list[FamilyRow]:
    with transaction.atomic():
        now = timezone.now()
        rows = [_row(family, now) for family in _with_people(families).order_by("waiting_since", "id")]
        purpose = f"{what}: {len(rows)} {'family' if len(rows) == 1 else 'families'}"
        record_access(actor, None, action="view_family_help_list", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        return rows


def list_triage(actor: Actor) -> list[FamilyRow]:
    """Families the MASH stepped down that family help has not yet triaged, waiting longest first."""
    return _listed(actor, Family.objects.filter(status=FamilyStatus.TRIAGE), "triage list")


def list_waiting(actor: Actor) -> list[FamilyRow]:
    """The allocation waiting list: triaged families waiting for a lead practitioner, waiting longest first."""
    return _listed(actor, Family.objects.filter(status=FamilyStatus.WAITING), "waiting list")


def list_alerts(actor: Actor) -> list[FamilyRow]:
    """Families still without a lead practitioner the alert's weeks or more after the MASH stepped them down,
    whichever list they are on, waiting longest first."""
    since = timezone.now() - alert_after()
    families = Family.objects.filter(status__in=UNALLOCATED, waiting_since__lte=since)
    return _listed(actor, families, "alert list")


def list_allocated(actor: Actor, *, mine: bool = False) -> list[FamilyRow]:
    """Families with a lead practitioner (only the actor's own, with `mine`), allocated longest ago first."""
    families = Family.objects.filter(status=FamilyStatus.ALLOCATED)
    if mine:
        families = families.filter(allocations__ended_at__isnull=True, allocations__lead_practitioner=actor.user)
    return _listed(actor, families, "your families" if mine else "allocated families")


def count_lists(user: User | None, now: datetime | None = None) -> dict[str, int]:
    """How many families are on each list, and how many are the user's own: counts only, nothing about anyone."""
    now = now or timezone.now()
    statuses = dict(Family.objects.values_list("status").annotate(n=Count("id")).order_by())
    return {
        "triage": statuses.get(FamilyStatus.TRIAGE, 0),
        "waiting": statuses.get(FamilyStatus.WAITING, 0),
        "allocated": statuses.get(FamilyStatus.ALLOCATED, 0),
        "beyond": Family.objects.filter(status__in=UNALLOCATED, waiting_since__lte=now - alert_after()).count(),
        "mine": Allocation.objects.filter(
            ended_at__isnull=True, lead_practitioner=user, family__status=FamilyStatus.ALLOCATED
        ).count()
        if user is not None
        else 0,
        "duty": DutyWorker.objects.filter(ended_at__isnull=True, worker=user, family__status__in=UNALLOCATED).count()
        if user is not None
        else 0,
    }


def longest_wait(now: datetime | None = None) -> timedelta | None:
    """How long the family waiting longest for a lead practitioner has waited (None when none is waiting)."""
    first = Family.objects.filter(status__in=UNALLOCATED).order_by("waiting_since").values_list("waiting_since")
    since = first.first()
    return (now or timezone.now()) - since[0] if since else None


# --- One family ---------------------------------------------------------------------------------------------------


def find_family(reference: str) -> Family | None:
    """A family by its reference, to act on (not to read: nothing about its children is shown from this)."""
    return Family.objects.filter(reference=reference).first()


@dataclass
class FamilyRecord:
    """A family as its page shows it."""

    row: FamilyRow
    adults: list[ReferralAdult]  # the parents and carers the referral named
    allocation: Allocation | None  # the current lead practitioner, with what the family and children said
    voices: list[ChildVoice]  # each child's voice at the current allocation, in the children's order
    people: list[int]  # everyone the page names whom the front door knows

    @property
    def family(self) -> Family:
        return self.row.family


def get_family_for(actor: Actor, reference: str, purpose: str) -> FamilyRecord:
    """A family in full, audited against each person it names in the same transaction; raises Family.DoesNotExist."""
    with transaction.atomic():
        family = _with_people(Family.objects.filter(reference=reference)).get()
        row = _row(family, timezone.now())
        referrals = [s.referral_id for s in family.step_downs.all()]
        adults = list(ReferralAdult.objects.filter(referral_id__in=referrals[:1]).order_by("id"))
        allocation = (
            Allocation.objects.filter(family=family, ended_at__isnull=True)
            .select_related("lead_practitioner", "allocated_by")
            .first()
        )
        voices = list(allocation.child_voices.select_related("child").order_by("child_id")) if allocation else []
        people = [c.person_id_known for c in row.children] + [a.person_id for a in adults]
        known = list(dict.fromkeys(p for p in people if p))
        named = Person.objects.in_bulk(known)
        looked_at: list[Person | None] = [named[p] for p in known if p in named]
        for person in looked_at or [None]:
            record_access(
                actor, person, action="view_family", purpose=f"{purpose}: {reference}", outcome=AuditOutcome.ALLOWED
            )
        return FamilyRecord(row=row, adults=adults, allocation=allocation, voices=voices, people=known)


def latest_voices(family: Family) -> list[ChildVoice]:
    """Each child's voice at the family's latest allocation (none before one)."""
    latest = Allocation.objects.filter(family=family).order_by("-allocated_at", "-id").first()
    return list(latest.child_voices.order_by("child_id")) if latest is not None else []


# --- Who can be named -----------------------------------------------------------------------------------------------


def _family_help_workers() -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, role_grants__role=FAMILY_HELP_ROLE, role_grants__revoked_at__isnull=True
    ).distinct()


def list_family_help_workers() -> list[User]:
    """Everyone who may be named a family's duty worker or lead practitioner now: early help workers, by name."""
    return list(_family_help_workers().order_by("first_name", "last_name", "id"))


def is_family_help_worker(user: User) -> bool:
    return _family_help_workers().filter(pk=user.pk).exists()


def families_of(person_id: int) -> QuerySet[Family]:
    """The families in which this person is a child, or an adult the stepping-down referral named."""
    as_child = FamilyChild.objects.filter(Q(person_id=person_id) | Q(referral_child__person_id=person_id))
    as_adult = StepDown.objects.filter(
        referral_id__in=ReferralAdult.objects.filter(person_id=person_id).values("referral_id")
    )
    return Family.objects.filter(
        Q(pk__in=as_child.values("family_id")) | Q(pk__in=as_adult.values("family_id"))
    ).distinct()
