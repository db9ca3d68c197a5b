"""Trigger plans and care profiles: a new version of the child's trigger plan (earlier versions kept, the prompts
to review it done), the prompt to review it when an episode closes or an interview is completed, police told at once
when a child with a plan goes missing, and the child's placement and Philomena protocol profile kept current."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.missing.actors import signed_in_user, tell_role
from frontdoor.missing.clocks import COORDINATOR_ROLE
from frontdoor.missing.models import CareProfile, Episode, Prompt, PromptKind, TriggerPlan
from frontdoor.people.models import Person


def prompt_trigger_plan(episode: Episode, reason: str) -> None:
    """The coordinators are asked to review the child's trigger plan, once for each reason an episode gives."""
    person = episode.person
    if person is None:
        return
    prompt, made = Prompt.objects.get_or_create(
        episode=episode,
        kind=PromptKind.TRIGGER_PLAN,
        reason=reason,
        defaults={"person": person, "raised_at": timezone.now()},
    )
    if not made:
        return
    tell_role(
        COORDINATOR_ROLE,
        kind="missing.trigger_plan_prompt",
        dedupe_key=f"missing-prompt:{prompt.pk}",
        subject=f"Review the trigger plan: {reason} (episode {episode.reference})",
        link_path=f"/missing/children/{episode.person_id}/trigger-plan/",
    )


def tell_police_of_plan(episode: Episode) -> None:
    """A child with a trigger plan is missing: police in the MASH are told at once, with a link to the plan."""
    if episode.person_id is None or not TriggerPlan.objects.filter(person_id=episode.person_id).exists():
        return
    tell_role(
        "mash_police",
        kind="missing.trigger_plan_live",
        dedupe_key=f"missing-episode:{episode.pk}:plan",
        subject=f"A child with a trigger plan is missing: episode {episode.reference}",
        link_path=f"/missing/episodes/{episode.reference}/",
    )


@dataclass
class PlanData:
    officer_actions: str
    who_to_tell: str
    places: str = ""
    associates: str = ""
    vehicles: str = ""
    phones: str = ""
    why_changed: str = ""


def save_trigger_plan(person: Person, data: PlanData, *, actor: Actor) -> TriggerPlan:
    """A new version of the child's trigger plan (earlier versions are kept); the prompts to review it are done."""
    for attempt in range(3):
        try:
            with transaction.atomic():
                latest = TriggerPlan.objects.filter(person=person).order_by("-version").first()
                plan = TriggerPlan.objects.create(
                    person=person,
                    version=(latest.version + 1) if latest else 1,
                    places=data.places,
                    associates=data.associates,
                    vehicles=data.vehicles,
                    phones=data.phones,
                    officer_actions=data.officer_actions,
                    who_to_tell=data.who_to_tell,
                    why_changed=data.why_changed,
                    made_at=timezone.now(),
                    made_by=signed_in_user(actor),
                )
                Prompt.objects.filter(person=person, kind=PromptKind.TRIGGER_PLAN, done_at__isnull=True).update(
                    done_at=plan.made_at
                )
                record_access(
                    actor, person, action="save_trigger_plan", purpose=f"version {plan.version}",
                    outcome=AuditOutcome.ALLOWED,
                )  # fmt: skip
                return plan
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@dataclass
class CareData:
    in_care: bool
    placement: str = ""
    placement_since: date | None = None
    description: str = ""
    associates: str = ""
    places: str = ""
    vulnerabilities: str = ""
    phone_and_social_media: str = ""


def save_care_profile(person: Person, data: CareData, *, actor: Actor) -> CareProfile:
    """The child's placement and Philomena protocol profile as it is now."""
    with transaction.atomic():
        profile, _made = CareProfile.objects.update_or_create(
            person=person,
            defaults={
                "in_care": data.in_care,
                "placement": data.placement if data.in_care else "",
                "placement_since": data.placement_since if data.in_care else None,
                "description": data.description,
                "associates": data.associates,
                "places": data.places,
                "vulnerabilities": data.vulnerabilities,
                "phone_and_social_media": data.phone_and_social_media,
                "updated_at": timezone.now(),
                "updated_by": signed_in_user(actor),
            },
        )
        record_access(actor, person, action="save_care_profile", purpose="Philomena profile", outcome="allowed")
        return profile
