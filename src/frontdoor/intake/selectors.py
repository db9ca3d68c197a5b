"""Reads about referrals, VISTs and incidents. Reads that show a child's details write an access-audit row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.core.display import Deadline, deadline
from frontdoor.core.selectors import map_clocks
from frontdoor.intake.clocks import REFERRAL_DECISION
from frontdoor.intake.matching import can_match, candidates_of, details_of
from frontdoor.intake.models import REFERRAL_SUBJECT, IdentityCheck, Referral, ReferralDraft, Vist, VistUpdate
from frontdoor.linkage import selectors as linkage_selectors
from frontdoor.linkage.candidates import best_matches


def list_my_referrals(actor: Actor) -> list[Referral]:
    """The referrals this user made, newest first, with their children (for names in the list); audited."""
    with transaction.atomic():
        mine = Referral.objects.filter(submitted_by=actor.user).prefetch_related("children", "updates")
        referrals = list(mine.order_by("-received_at", "-id"))
        record_access(
            actor, None, action="list_own_referrals", purpose=f"{len(referrals)} shown", outcome=AuditOutcome.ALLOWED
        )
        return referrals


def get_my_referral(actor: Actor, reference: str) -> Referral:
    """One of the user's own referrals, audited; raises Referral.DoesNotExist for anyone else's."""
    with transaction.atomic():
        referral = Referral.objects.prefetch_related("children", "adults", "updates").get(
            submitted_by=actor.user, reference=reference
        )
        record_access(actor, None, action="view_own_referral", purpose=reference, outcome=AuditOutcome.ALLOWED)
        return referral


def list_client_referrals(actor: Actor, *, limit: int, offset: int) -> list[Referral]:
    """The referrals an API client sent, newest first (a page of them); audited."""
    with transaction.atomic():
        sent = Referral.objects.filter(api_client=actor.api_client).prefetch_related("updates")
        sent = sent.order_by("-received_at", "-id")
        referrals = list(sent[offset : offset + limit])
        record_access(
            actor, None, action="list_own_referrals", purpose=f"{len(referrals)} shown", outcome=AuditOutcome.ALLOWED
        )
        return referrals


def find_client_referral(actor: Actor, reference: str) -> Referral | None:
    """One referral the API client sent, audited when found; None for anyone else's."""
    with transaction.atomic():
        referral = (
            Referral.objects.filter(api_client=actor.api_client, reference=reference)
            .prefetch_related("updates")
            .first()
        )
        if referral is not None:
            record_access(actor, None, action="view_own_referral", purpose=reference, outcome=AuditOutcome.ALLOWED)
        return referral


def list_client_vists(actor: Actor, *, limit: int, offset: int) -> list[Vist]:
    """The VISTs an API client sent, newest first (a page of them), with what the force was told; audited."""
    with transaction.atomic():
        sent = Vist.objects.filter(api_client=actor.api_client).prefetch_related("updates")
        vists = list(sent.order_by("-received_at", "-id")[offset : offset + limit])
        record_access(actor, None, action="list_own_vists", purpose=f"{len(vists)} shown", outcome=AuditOutcome.ALLOWED)
        return vists


def find_client_vist(actor: Actor, reference: str) -> Vist | None:
    """One VIST the API client sent, audited when found; None for anyone else's."""
    with transaction.atomic():
        vist = Vist.objects.filter(api_client=actor.api_client, reference=reference).prefetch_related("updates").first()
        if vist is not None:
            record_access(actor, None, action="view_own_vist", purpose=reference, outcome=AuditOutcome.ALLOWED)
        return vist


def list_force_told(vist: Vist) -> list[VistUpdate]:
    """What the force that sent the VIST has been told about it, in order (the words only: no child's details)."""
    return list(VistUpdate.objects.filter(vist=vist).order_by("at", "id"))


def list_my_drafts(user: User) -> list[ReferralDraft]:
    return list(ReferralDraft.objects.filter(owner=user, submitted_referral__isnull=True).order_by("-updated_at"))


def map_decision_deadlines(referrals: list[Referral]) -> dict[int, Deadline | None]:
    """Each referral's one-working-day decision deadline, in words, keyed by referral id."""
    clocks = map_clocks(REFERRAL_SUBJECT, [r.pk for r in referrals], [REFERRAL_DECISION.code])
    now = timezone.now()
    return {r.pk: deadline(clocks.get(r.pk), now) for r in referrals}


@dataclass
class Known:
    """Who an arriving person probably is: the matches, whether they were found on arrival (or now, because the
    arrival's check is still pending), and whether there was enough to match on at all."""

    matches: list[linkage_selectors.Match]
    checked_at: datetime | None
    matchable: bool


def map_already_known(actor: Actor, kind: str, subjects: Iterable[Any], *, purpose: str) -> dict[int, Known]:
    """For each arriving person (children or adults of a referral, persons of a VIST or incident), who they are
    probably known to, keyed by their id. Checks answered on arrival are shown as stored; a check not yet answered
    is answered now (not stored: the worker owns that). Every person shown is audited in the same transaction."""
    subjects = list(subjects)
    with transaction.atomic():
        checks = {
            c.subject_id: c for c in IdentityCheck.objects.filter(kind=kind, subject_id__in=[s.pk for s in subjects])
        }
        known = {}
        for subject in subjects:
            details = details_of(kind, subject)
            check = checks.get(subject.pk)
            if check is not None and check.checked_at is not None:
                matches = linkage_selectors.describe_matches(actor, check.matches, purpose=purpose)
                known[subject.pk] = Known(matches, check.checked_at, can_match(details))
            elif can_match(details):
                found = best_matches(candidates_of(details), limit=linkage_selectors.MAX_SHOWN)
                matches = linkage_selectors.describe_matches(actor, found, purpose=purpose)
                known[subject.pk] = Known(matches, None, True)
            else:
                known[subject.pk] = Known([], None, False)
        return known
