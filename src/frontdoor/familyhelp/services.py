"""Family help's use cases: triage a family the MASH stepped down (to the allocation waiting list with its interim
duty worker, or signposted and closed), name another duty worker, allocate a Family Help Lead Practitioner with the
family's and each child's voice, and step a family up to the MASH.

Each runs in one transaction, under a lock on the family, with its audit row, the clock of the family's wait (met,
or cancelled) and its notifications. Stepping up sends a referral through `intake.services.submit_referral`, as any
practitioner's referral arrives, and links it to the family; the MASH's decision on it comes back through
`familyhelp.stepdown`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.clocks import cancel_clock, meet_clock
from frontdoor.core.models import Clock, ClockState
from frontdoor.familyhelp.clocks import ALLOCATION, FAMILY_SUBJECT
from frontdoor.familyhelp.models import (
    UNALLOCATED,
    Allocation,
    ChildVoice,
    DutyWorker,
    Family,
    FamilyChild,
    FamilyStatus,
    StepUp,
    Triage,
    TriageOutcome,
)
from frontdoor.familyhelp.notices import tell
from frontdoor.familyhelp.selectors import is_family_help_worker, name_of
from frontdoor.intake.services import ReferralData, submit_referral

log = logging.getLogger(__name__)


class FamilyHelpRefused(Exception):
    """The change cannot be made; `message` says why in words a worker can act on. `forbidden` means the role may
    not do this at all (the page never offers it), rather than that the family has moved on."""

    def __init__(self, message: str, *, forbidden: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.forbidden = forbidden


@dataclass(frozen=True)
class Voice:
    """A child's own wishes and feelings, or why they could not be obtained (one of the two)."""

    wishes_and_feelings: str = ""
    not_obtained_reason: str = ""


def _worker(actor: Actor, permission: str, what: str) -> User:
    if actor.user is None or not role_grants(actor.role, permission):
        raise FamilyHelpRefused(f"Your role cannot {what}", forbidden=True)
    return actor.user


def _locked(family: Family, statuses: tuple[str, ...], refusal: str) -> Family:
    family = Family.objects.select_for_update().get(pk=family.pk)
    if family.status not in statuses:
        raise FamilyHelpRefused(refusal.format(reference=family.reference))
    return family


def _family_help_worker(user: User | None, what: str) -> User:
    if user is None or not is_family_help_worker(user):
        raise FamilyHelpRefused(
            f"{name_of(user) or 'Nobody'} cannot be the family's {what}: choose an early help worker"
        )
    return user


def _wait_clocks(family: Family):
    return Clock.objects.filter(
        subject_type=FAMILY_SUBJECT,
        subject_id=str(family.pk),
        rule=ALLOCATION.code,
        state__in=[ClockState.RUNNING, ClockState.BREACHED],
    )


def _name_duty_worker(family: Family, worker: User, by: User, at: datetime) -> DutyWorker:
    DutyWorker.objects.filter(family=family, ended_at__isnull=True).update(ended_at=at)
    named = DutyWorker.objects.create(family=family, worker=worker, named_by=by, named_at=at)
    if worker != by:
        tell(family, worker, f"duty:{named.pk}", f"You are the duty worker for family {family.reference}")
    return named


def triage_family(family: Family, *, actor: Actor, outcome: str, note: str, duty_worker: User | None) -> Triage:
    """Family help's triage of a family the MASH stepped down: to the allocation waiting list with the duty worker
    who supports it meanwhile, or signposted to support in the community and closed (its wait's clock cancelled)."""
    me = _worker(actor, "familyhelp.work", "triage families")
    with transaction.atomic():
        family = _locked(family, (FamilyStatus.TRIAGE,), "Family {reference} has already been triaged")
        now = timezone.now()
        triage = Triage.objects.create(
            family=family, outcome=TriageOutcome(outcome), note=note, triaged_at=now, triaged_by=me
        )
        if outcome == TriageOutcome.WAITING_LIST:
            _name_duty_worker(family, _family_help_worker(duty_worker, "duty worker"), me, now)
            family.status = FamilyStatus.WAITING
        else:
            family.status, family.closed_at, family.closed_reason = FamilyStatus.CLOSED, now, "Signposted at triage"
            DutyWorker.objects.filter(family=family, ended_at__isnull=True).update(ended_at=now)
            for clock in _wait_clocks(family):
                cancel_clock(clock, now)
        family.save(update_fields=["status", "closed_at", "closed_reason"])
        record_access(actor, None, action="triage_family", purpose=family.reference, outcome=AuditOutcome.ALLOWED)
        log.info("familyhelp.triaged family=%s outcome=%s", family.pk, outcome)
        return triage


def name_duty_worker(family: Family, *, actor: Actor, worker: User) -> DutyWorker:
    """Another duty worker supports the family while it waits; who had it before is kept."""
    me = _worker(actor, "familyhelp.work", "name a duty worker")
    with transaction.atomic():
        family = _locked(family, (FamilyStatus.WAITING,), "Family {reference} is no longer waiting for allocation")
        current = DutyWorker.objects.filter(family=family, ended_at__isnull=True).first()
        if current is not None and current.worker_id == worker.pk:
            return current
        named = _name_duty_worker(family, _family_help_worker(worker, "duty worker"), me, timezone.now())
        purpose = f"{family.reference} to user {worker.pk}"
        record_access(actor, None, action="name_duty_worker", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        log.info("familyhelp.duty_worker_named family=%s worker=%s", family.pk, worker.pk)
        return named


def allocate(family: Family, *, actor: Actor, lead: User, family_voice: str, voices: Mapping[int, Voice]) -> Allocation:
    """Allocate the family's Family Help Lead Practitioner, with what the family says it needs and each child's own
    wishes and feelings (or why they could not be obtained), every child separately. The wait's clock is met (late
    if the alert had passed) and the interim duty worker's part ends."""
    me = _worker(actor, "familyhelp.allocate", "allocate families")
    with transaction.atomic():
        family = _locked(family, (FamilyStatus.WAITING,), "Family {reference} is not waiting for allocation")
        children = list(FamilyChild.objects.filter(family=family).order_by("id"))
        missing = [c.name for c in children if c.pk not in voices or not _heard(voices[c.pk])]
        if missing or not family_voice.strip():
            raise FamilyHelpRefused("Record the family's voice and each child's: " + ", ".join(missing or ["family"]))
        now = timezone.now()
        allocation = Allocation.objects.create(
            family=family,
            lead_practitioner=_family_help_worker(lead, "lead practitioner"),
            allocated_by=me,
            allocated_at=now,
            family_voice=family_voice,
        )
        ChildVoice.objects.bulk_create(
            ChildVoice(
                allocation=allocation,
                child=child,
                wishes_and_feelings=voices[child.pk].wishes_and_feelings,
                not_obtained_reason=""
                if voices[child.pk].wishes_and_feelings
                else voices[child.pk].not_obtained_reason,
            )
            for child in children
        )
        DutyWorker.objects.filter(family=family, ended_at__isnull=True).update(ended_at=now)
        for clock in _wait_clocks(family):
            meet_clock(clock, now)
        family.status = FamilyStatus.ALLOCATED
        family.save(update_fields=["status"])
        if lead != me:
            tell(family, lead, f"lead:{allocation.pk}", f"You are the lead practitioner for family {family.reference}")
        purpose = f"{family.reference} to user {lead.pk}"
        record_access(actor, None, action="allocate_family", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        log.info("familyhelp.allocated family=%s lead=%s", family.pk, lead.pk)
        return allocation


def _heard(voice: Voice) -> bool:
    return bool(voice.wishes_and_feelings.strip() or voice.not_obtained_reason.strip())


def step_up(family: Family, *, actor: Actor, referral: ReferralData) -> StepUp:
    """Refer the family's children to the front door (the MASH) because the worry has grown: the referral arrives
    as any practitioner's does, and stays linked to the family, whose wait (if it was waiting) stops. Its lead
    practitioner keeps it until the MASH decides."""
    me = _worker(actor, "familyhelp.work", "step families up to the MASH")
    with transaction.atomic():
        family = _locked(
            family, (*UNALLOCATED, FamilyStatus.ALLOCATED), "Family {reference} is not with family help just now"
        )
        sent = submit_referral(referral, actor=actor, channel="web")
        now = sent.received_at
        stepped = StepUp.objects.create(family=family, referral=sent, stepped_up_at=now, stepped_up_by=me)
        for clock in _wait_clocks(family):
            cancel_clock(clock, now)
        family.status = FamilyStatus.STEPPED_UP
        family.save(update_fields=["status"])
        purpose = f"{family.reference}: referral {sent.reference}"
        record_access(actor, None, action="step_up_family", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        log.info("familyhelp.stepped_up family=%s referral=%s", family.pk, sent.pk)
        return stepped
