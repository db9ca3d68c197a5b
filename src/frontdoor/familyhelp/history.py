"""A family's history in family help, in time order: each step down from the MASH and each step up to it, triage,
duty workers named, lead practitioners allocated. Both directions stay on one page, with the referral each step
rests on linked where the reader may open it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse

from frontdoor.access.audit import Actor
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import when
from frontdoor.core.registry import describe_subjects
from frontdoor.familyhelp.models import Allocation, DutyWorker, Family, StepDown, StepUp, Triage, VistStepDown
from frontdoor.familyhelp.selectors import name_of
from frontdoor.intake.models import REFERRAL_SUBJECT, VIST_SUBJECT, Referral


@dataclass(frozen=True)
class Line:
    at: datetime
    what: str
    detail: str
    reference: str = ""  # the referral this step rests on
    link: str = ""  # where the reader may open it


def _opener(actor: Actor):
    """Where this reader may open a referral: the MASH's page for MASH roles (as the MASH names it), the referrer's
    own page for the practitioner who sent it, otherwise nowhere (the reference alone)."""
    mash = role_grants(actor.role, "mash.triage")

    def link(referral: Referral) -> str:
        if mash:
            return describe_subjects([(REFERRAL_SUBJECT, str(referral.pk))])[(REFERRAL_SUBJECT, str(referral.pk))].link
        if actor.user is not None and referral.submitted_by_id == actor.user.pk:
            return reverse("intake:detail", args=[referral.reference])
        return ""

    return link


def history_of(family: Family, actor: Actor) -> list[Line]:
    link = _opener(actor)
    mash = role_grants(actor.role, "mash.triage")

    def vist_link(step: VistStepDown) -> str:
        return (
            describe_subjects([(VIST_SUBJECT, str(step.vist_id))])[(VIST_SUBJECT, str(step.vist_id))].link
            if mash
            else ""
        )

    lines: list[Line] = []
    step_ups = {
        s.referral_id: s for s in StepUp.objects.filter(family=family).select_related("referral", "stepped_up_by")
    }
    for step in StepDown.objects.filter(family=family).select_related("referral", "update"):
        told = step.update
        if step.referral_id in step_ups:
            what = "Back to family help from the MASH"
            detail = f"The MASH decided {told.outcome_label.lower()} on the step-up. {told.summary}"
        else:
            what, detail = "Stepped down by the MASH", f"The MASH decided early help. {told.summary}"
        lines.append(Line(step.at, what, detail.strip(), step.referral.reference, link(step.referral)))
    for from_vist in VistStepDown.objects.filter(family=family).select_related("vist"):
        detail = "The MASH triaged the police VIST as early help."
        lines.append(
            Line(from_vist.at, "Stepped down by the MASH", detail, from_vist.vist.reference, vist_link(from_vist))
        )
    for triage in Triage.objects.filter(family=family).select_related("triaged_by"):
        detail = f"{triage.get_outcome_display()}. {triage.note}"
        lines.append(Line(triage.triaged_at, f"Triaged by {name_of(triage.triaged_by)}", detail))
    for duty in DutyWorker.objects.filter(family=family).select_related("worker", "named_by"):
        until = f" Until {when(duty.ended_at)}." if duty.ended_at else ""
        detail = f"Named by {name_of(duty.named_by)}.{until}"
        lines.append(Line(duty.named_at, f"Duty worker: {name_of(duty.worker)}", detail))
    for allocation in Allocation.objects.filter(family=family).select_related("lead_practitioner", "allocated_by"):
        until = f" Until {when(allocation.ended_at)}." if allocation.ended_at else ""
        detail = f"Allocated by {name_of(allocation.allocated_by)}, with the family's and each child's voice.{until}"
        lines.append(
            Line(allocation.allocated_at, f"Lead practitioner: {name_of(allocation.lead_practitioner)}", detail)
        )
    for step_up in step_ups.values():
        decided = (
            f" The MASH decided {step_up.outcome_label.lower()}."
            if step_up.decided_at
            else " Waiting for the MASH's decision."
        )
        lines.append(
            Line(
                step_up.stepped_up_at,
                f"Stepped up to the MASH by {name_of(step_up.stepped_up_by)}",
                f"Referred to the front door.{decided}",
                step_up.referral.reference,
                link(step_up.referral),
            )
        )
    if family.closed_at and family.closed_reason:
        lines.append(Line(family.closed_at, "Family help closed", family.closed_reason + "."))
    return sorted(lines, key=lambda line: line.at)
