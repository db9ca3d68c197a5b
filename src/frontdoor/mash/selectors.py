"""Reads for the MASH: the triage queue with each deadline, and a referral or VIST in full (audited)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.display import Deadline, deadline
from frontdoor.core.selectors import map_clocks
from frontdoor.intake.clocks import VIST_RULE_CODES
from frontdoor.intake.models import VIST_SUBJECT, Referral, ReferralStatus, Vist
from frontdoor.intake.selectors import map_decision_deadlines
from frontdoor.mash.models import Decision, VistTriage

OPEN_STATUSES = (ReferralStatus.RECEIVED, ReferralStatus.SCREENING)


def list_triage_queue() -> QuerySet[Referral]:
    """Referrals awaiting a decision, oldest first: the order the one-working-day clocks run out."""
    return (
        Referral.objects.filter(status__in=OPEN_STATUSES)
        .select_related("referrer_agency")
        .prefetch_related("children")
        .order_by("received_at", "id")
    )


def list_vist_queue() -> QuerySet[Vist]:
    """VISTs not yet triaged, oldest first."""
    return Vist.objects.filter(mash_triage__isnull=True).prefetch_related("persons").order_by("received_at", "id")


def triage_queue() -> tuple[list[tuple[Referral, Deadline | None]], list[tuple[Vist, Deadline | None]]]:
    """Referrals awaiting a decision and VISTs awaiting triage, oldest first, each with its deadline."""
    referrals = list(list_triage_queue())
    referral_deadlines = map_decision_deadlines(referrals)
    vists = list(list_vist_queue())
    clocks = map_clocks(VIST_SUBJECT, [v.pk for v in vists], VIST_RULE_CODES)
    now = timezone.now()
    return (
        [(r, referral_deadlines[r.pk]) for r in referrals],
        [(v, deadline(clocks.get(v.pk), now)) for v in vists],
    )


def get_referral_for_mash(actor: Actor, reference: str, purpose: str) -> Referral:
    """A referral in full for MASH staff, with its decision if made, audited in the same transaction as the read."""
    with transaction.atomic():
        referral = (
            Referral.objects.select_related("referrer_agency")
            .prefetch_related("children", "adults")
            .get(reference=reference)
        )
        record_access(
            actor, None, action="view_referral", purpose=f"{purpose}: {reference}", outcome=AuditOutcome.ALLOWED
        )
        return referral


def find_decision(referral: Referral) -> Decision | None:
    return Decision.objects.filter(referral=referral).select_related("decided_by").first()


def get_vist_for_mash(actor: Actor, reference: str, purpose: str) -> Vist:
    """A VIST in full for MASH staff, audited in the same transaction as the read."""
    with transaction.atomic():
        vist = Vist.objects.prefetch_related("persons").get(reference=reference)
        record_access(actor, None, action="view_vist", purpose=f"{purpose}: {reference}", outcome=AuditOutcome.ALLOWED)
        return vist


def find_triage(vist: Vist) -> VistTriage | None:
    return VistTriage.objects.filter(vist=vist).select_related("triaged_by").first()
