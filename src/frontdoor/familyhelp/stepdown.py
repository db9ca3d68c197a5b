"""How family help learns of the MASH's decisions without importing the MASH: from what the referrer was told.

The MASH tells the referrer its decision through `intake.services.tell_referrer`, which writes an
`intake.ReferralUpdate` carrying the outcome's code (the code partners' systems read: "early_help" for early help).
The worker's `take_family_help_decisions` job reads, every few seconds, the decisions family help has not yet taken:

- an early-help decision steps a family down: a new family on the triage list, with the referral's children and
  the clock of its wait started at the moment the MASH decided (so the seconds before the job runs never shorten a
  wait);
- the MASH's decision on a step-up from family help: the family comes back to family help (to its lead practitioner
  if it has one, otherwise to the triage list), unless the MASH took it into children's social care, when family
  help closes with the MASH's decision recorded. Either way the family's history stays in one place.

Chosen over a hook called inside `tell_referrer` so that the MASH's decision, the front door's one-working-day duty,
never waits on family help and never fails because of it: a fault here leaves the decision recorded and the next run
takes it. Each decision is taken once (one step-down per update, one decision per step-up, under a lock), so two
workers, or a crash and a retry, make one family.

A VIST has no referrer to tell, so the MASH offers its VIST triage as a decision feed (`core.registry`): a VIST
triaged as early help steps the children it named down the same way, waiting since the triage (`VistStepDown`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from frontdoor.core.clocks import start_clock
from frontdoor.core.registry import list_decisions
from frontdoor.familyhelp.clocks import ALLOCATION, FAMILY_SUBJECT
from frontdoor.familyhelp.models import (
    Allocation,
    DutyWorker,
    Family,
    FamilyChild,
    FamilyStatus,
    StepDown,
    StepUp,
    VistStepDown,
)
from frontdoor.familyhelp.notices import tell
from frontdoor.intake.models import VIST_SUBJECT, ReferralStatus, ReferralUpdate, VistPerson
from frontdoor.intake.services.references import save_with_reference

log = logging.getLogger(__name__)

# The MASH's outcome codes as intake keeps them (`ReferralUpdate.outcome`): early help steps a family down, and these
# take a stepped-up family into children's social care. Any other decision on a step-up (no further action, advice)
# leaves the family with family help, so no family is dropped by a decision family help does not know.
EARLY_HELP = "early_help"
TO_SOCIAL_CARE = frozenset({"assessment", "strategy_discussion"})
BATCH = 100


def take_decisions(batch: int = BATCH) -> int:
    """Take the MASH's decisions family help has not yet taken; return how many were taken."""
    stepped_up = StepUp.objects.values("referral_id")
    new = (
        ReferralUpdate.objects.filter(status=ReferralStatus.DECIDED, outcome=EARLY_HELP)
        .exclude(pk__in=StepDown.objects.values("update_id"))
        .exclude(referral_id__in=stepped_up)
        .order_by("at", "id")
        .values_list("pk", flat=True)
    )
    taken = sum(_step_down(update_id) for update_id in list(new[:batch]))
    waiting = (
        StepUp.objects.filter(decided_at__isnull=True).order_by("stepped_up_at", "id").values_list("pk", flat=True)
    )
    taken += sum(_decided_on_step_up(step_up_id) for step_up_id in list(waiting[:batch]))
    return taken + _take_vist_triages(batch)


# A VIST's triage is looked for from a day before the latest one taken, so one committed a little late is not missed.
VIST_LOOK_BACK = timedelta(days=1)


def _take_vist_triages(batch: int) -> int:
    latest = VistStepDown.objects.aggregate(latest=Max("at"))["latest"]
    since = (
        latest - VIST_LOOK_BACK if latest is not None else datetime(2000, 1, 1, tzinfo=timezone.get_current_timezone())
    )
    decided = [d for d in list_decisions(EARLY_HELP, since) if d.subject_type == VIST_SUBJECT]
    taken = set(
        VistStepDown.objects.filter(vist_id__in=[int(d.subject_id) for d in decided]).values_list("vist_id", flat=True)
    )
    new = [d for d in decided if int(d.subject_id) not in taken][:batch]
    return sum(_step_down_vist(int(d.subject_id), d.at) for d in new)


def _step_down_vist(vist_id: int, at: datetime) -> int:
    """A new family from a VIST triaged as early help: the children it named, in one short transaction."""
    try:
        with transaction.atomic():
            family = Family(status=FamilyStatus.TRIAGE, waiting_since=at, created_at=timezone.now())
            save_with_reference(family, "FH")
            FamilyChild.objects.bulk_create(
                FamilyChild(
                    family=family,
                    person_id=child.person_id,
                    first_name=child.first_name,
                    last_name=child.last_name,
                    date_of_birth=child.date_of_birth,
                )
                for child in VistPerson.objects.filter(vist_id=vist_id, is_child=True).order_by("id")
            )
            VistStepDown.objects.create(family=family, vist_id=vist_id, at=at)
            _start_wait(family, at)
    except IntegrityError:
        if VistStepDown.objects.filter(vist_id=vist_id).exists():
            return 0  # another worker took this triage first
        raise
    log.info("familyhelp.stepped_down_from_vist family=%s vist=%s", family.pk, vist_id)
    return 1


def _step_down(update_id: int) -> int:
    """A new family from an early-help decision, in one short transaction of its own."""
    try:
        with transaction.atomic():
            update = ReferralUpdate.objects.select_related("referral").get(pk=update_id)
            family = Family(status=FamilyStatus.TRIAGE, waiting_since=update.at, created_at=timezone.now())
            save_with_reference(family, "FH")
            FamilyChild.objects.bulk_create(
                FamilyChild(
                    family=family,
                    referral_child=child,
                    person_id=child.person_id,
                    first_name=child.first_name,
                    last_name=child.last_name,
                    date_of_birth=child.date_of_birth,
                    expected_date_of_delivery=child.expected_date_of_delivery,
                )
                for child in update.referral.children.all()
            )
            StepDown.objects.create(family=family, referral=update.referral, update=update, at=update.at)
            _start_wait(family, update.at)
    except IntegrityError:
        if StepDown.objects.filter(update_id=update_id).exists():
            return 0  # another worker took this decision first
        raise
    log.info("familyhelp.stepped_down family=%s referral=%s", family.pk, update.referral_id)
    return 1


def _decided_on_step_up(step_up_id: int) -> int:
    """Record the MASH's decision on a step-up, and bring the family back or close family help."""
    with transaction.atomic():
        step_up = StepUp.objects.select_for_update().select_related("family").get(pk=step_up_id)
        update = (
            ReferralUpdate.objects.filter(referral_id=step_up.referral_id, status=ReferralStatus.DECIDED)
            .order_by("at", "id")
            .first()
        )
        if step_up.decided_at is not None or update is None:
            return 0
        family = Family.objects.select_for_update().get(pk=step_up.family_id)
        step_up.decided_at, step_up.outcome, step_up.outcome_label = update.at, update.outcome, update.outcome_label
        step_up.save(update_fields=["decided_at", "outcome", "outcome_label"])
        if update.outcome in TO_SOCIAL_CARE:
            _close_for_social_care(family, update)
        else:
            _back_from_the_mash(family, step_up, update)
    log.info("familyhelp.step_up_decided family=%s step_up=%s", family.pk, step_up.pk)
    return 1


def _back_from_the_mash(family: Family, step_up: StepUp, update: ReferralUpdate) -> None:
    StepDown.objects.create(family=family, referral_id=step_up.referral_id, update=update, at=update.at)
    lead = Allocation.objects.filter(family=family, ended_at__isnull=True).select_related("lead_practitioner").first()
    family.closed_at, family.closed_reason = None, ""
    if lead is not None:
        family.status = FamilyStatus.ALLOCATED  # back with the lead practitioner who knows them
        tell(family, lead.lead_practitioner, f"step-up:{step_up.pk}", f"Family {family.reference} is back with you")
    else:
        family.status, family.waiting_since = FamilyStatus.TRIAGE, update.at
        _start_wait(family, update.at)
    family.save(update_fields=["status", "waiting_since", "closed_at", "closed_reason"])


def _close_for_social_care(family: Family, update: ReferralUpdate) -> None:
    """The MASH took the family into children's social care: family help's part ends, its history kept."""
    family.closed_at = update.at
    family.closed_reason = f"Stepped up: the MASH decided {update.outcome_label.lower() or 'to act'}"
    family.save(update_fields=["closed_at", "closed_reason"])
    for lead in Allocation.objects.filter(family=family, ended_at__isnull=True).select_related("lead_practitioner"):
        tell(family, lead.lead_practitioner, f"closed:{update.pk}", f"The MASH decided on family {family.reference}")
    Allocation.objects.filter(family=family, ended_at__isnull=True).update(ended_at=update.at)
    DutyWorker.objects.filter(family=family, ended_at__isnull=True).update(ended_at=update.at)


def _start_wait(family: Family, at: datetime) -> None:
    start_clock(subject_type=FAMILY_SUBJECT, subject_id=family.pk, rule=ALLOCATION.code, started_at=at)
