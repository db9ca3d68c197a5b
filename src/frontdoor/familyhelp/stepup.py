"""The referral a step-up sends to the front door: the family help worker's answers, with the children and adults
family help already knows and the family help history in the referral itself, so the MASH reads who has been
helping the family, since when, and what each child said."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.familyhelp.models import Allocation, Family, FamilyChild, FamilyStatus, StepDown, VistStepDown
from frontdoor.familyhelp.selectors import name_of
from frontdoor.familyhelp.services import Voice
from frontdoor.intake.models import ReferralAdult, ReferralChild
from frontdoor.intake.services import AdultData, ChildData, ReferralData


@dataclass(frozen=True)
class StepUpAnswers:
    """What the family help worker says on the step-up form (already validated)."""

    concern: str
    level_of_need: int
    presenting_issues: list[str]
    consent: str
    voices: Mapping[int, Voice]  # by FamilyChild id: each child's wishes and feelings now, or why not
    consent_given_by: str = ""
    consent_covers: str = ""
    consent_rationale: str = ""
    risks: str = ""
    strengths: str = ""


def _child(child: FamilyChild, voice: Voice) -> ChildData:
    known: ReferralChild | None = child.referral_child
    details = (
        {
            name: getattr(known, name)
            for name in ("sex", "nhs_number", "upn", "address", "postcode", "school", "gp", "needs", "first_language")
        }
        if known is not None
        else {}
    )
    return ChildData(
        first_name=child.first_name,
        last_name=child.last_name,
        date_of_birth=child.date_of_birth,
        expected_date_of_delivery=child.expected_date_of_delivery,
        interpreter_needed=bool(known and known.interpreter_needed),
        wishes_and_feelings=voice.wishes_and_feelings,
        wishes_not_obtained_reason="" if voice.wishes_and_feelings else voice.not_obtained_reason,
        **details,
    )


def _adult(adult: ReferralAdult) -> AdultData:
    return AdultData(
        name=adult.name,
        relationship=adult.relationship,
        date_of_birth=adult.date_of_birth,
        address=adult.address,
        postcode=adult.postcode,
        phone=adult.phone,
        parental_responsibility=adult.parental_responsibility,
        lives_with_child=adult.lives_with_child,
    )


def history_in_words(family: Family, lead: Allocation | None) -> str:
    """The family help so far, for the referral's "previous support": the MASH reads it with the referral."""
    first = StepDown.objects.filter(family=family).select_related("referral").order_by("at", "id").first()
    since = timezone.localtime(first.at if first else family.created_at)
    said = [f"Family help (early help) family {family.reference} since {since.day} {since:%B %Y}"]
    from_vist = VistStepDown.objects.filter(family=family).select_related("vist").order_by("at", "id").first()
    if first is not None:
        said.append(f"stepped down by the MASH on referral {first.referral.reference}")
    elif from_vist is not None:
        said.append(f"stepped down by the MASH on police {from_vist.vist.reference}")
    if lead is not None:
        said.append(f"lead practitioner {name_of(lead.lead_practitioner)}")
    else:
        said.append(FamilyStatus(family.status).label.lower())
    return "; ".join(said) + "."


def referral_for_step_up(family: Family, actor: Actor, answers: StepUpAnswers) -> ReferralData:
    """The front door referral of the family's children (and the adults the MASH knew of) by this worker."""
    user = actor.user
    assert user is not None  # a step-up is a person's referral, never an API client's
    lead = Allocation.objects.filter(family=family, ended_at__isnull=True).select_related("lead_practitioner").first()
    is_lead = lead is not None and lead.lead_practitioner_id == user.pk
    first = StepDown.objects.filter(family=family).order_by("at", "id").first()
    adults = ReferralAdult.objects.filter(referral_id=first.referral_id).order_by("id") if first else []
    children = FamilyChild.objects.filter(family=family).select_related("referral_child").order_by("id")
    role = "Family help lead practitioner" if is_lead else "Family help worker"
    return ReferralData(
        referrer_name=name_of(user),
        referrer_role=role,
        referrer_email=user.email,
        referrer_phone=user.phone,
        referrer_relationship=f"{role} for the family",
        concern=answers.concern,
        level_of_need=answers.level_of_need,
        presenting_issues=answers.presenting_issues,
        risks=answers.risks,
        strengths=answers.strengths,
        previous_support=history_in_words(family, lead),
        consent=answers.consent,
        consent_given_by=answers.consent_given_by,
        consent_covers=answers.consent_covers,
        consent_rationale=answers.consent_rationale,
        children=[_child(child, answers.voices[child.pk]) for child in children],
        adults=[_adult(adult) for adult in adults],
    )
