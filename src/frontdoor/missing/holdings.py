"""What missing children's work shows of itself elsewhere: each child's episodes and return home interviews in their
chronology, the interview offers they are waiting on (their open deadlines), their subject access request; what
its clocks' subjects are called; the home sections of the coordinator and the return home interview worker; and
whose deadlines the interview offers are. Registered in `MissingConfig.ready`.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from frontdoor.access.audit import Actor
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import when
from frontdoor.core.registry import Subject
from frontdoor.missing import selectors
from frontdoor.missing.models import (
    INTERVIEW_SUBJECT,
    Episode,
    Indicator,
    InterviewFindings,
    InterviewRequest,
    InterviewStatus,
    TriggerPlan,
)
from frontdoor.people.models import Person
from frontdoor.people.providers import Entry, PersonProvider

POLICE = "Police"
MISSING = "Missing children"


def _episode_link(episode: Episode) -> str:
    return reverse("missing:episode", args=[episode.reference])


def chronology(person_id: int) -> list[Entry]:
    entries: list[Entry] = []
    for episode in Episode.objects.filter(person_id=person_id).select_related("category"):
        what = f"Missing episode: {episode.category.label.lower()}"
        detail = f"Episode {episode.reference}"
        if episode.ended_at:
            detail += f"; {episode.get_ended_how_display().lower()} {when(episode.ended_at)}"
            if episode.found_where:
                detail += f", {episode.found_where}"
        source = f"Missing episodes {episode.reference}"
        entries.append(
            Entry(episode.went_missing_at, episode.ended_at, what, detail, POLICE, "police", source,
                  _episode_link(episode))
        )  # fmt: skip
    interviews = InterviewRequest.objects.filter(episode__person_id=person_id).select_related("episode")
    for interview in interviews:
        episode = interview.episode
        at = interview.completed_at or interview.answered_at or interview.offered_at or interview.requested_at
        what = f"Return home interview: {interview.get_status_display().lower()}"
        detail = f"After episode {episode.reference}"
        if interview.status == InterviewStatus.DECLINED:
            detail += f"; the child's reason: {interview.declined_reason}"
        entries.append(
            Entry(at, None, what, detail, MISSING, "notes_voice", f"Return home interviews {episode.reference}",
                  _episode_link(episode))
        )  # fmt: skip
    for plan in TriggerPlan.objects.filter(person_id=person_id):
        entries.append(
            Entry(plan.made_at, None, f"Trigger plan version {plan.version}", plan.why_changed or "Trigger plan made",
                  POLICE, "police", f"Trigger plans {plan.pk}", reverse("missing:trigger-plan", args=[person_id]))
        )  # fmt: skip
    return entries


def subjects(person_id: int) -> list[tuple[str, str]]:
    asked = InterviewRequest.objects.filter(episode__person_id=person_id).values_list("pk", flat=True)
    return [(INTERVIEW_SUBJECT, str(pk)) for pk in asked]


def voice_recorded(person_ids: list[int]) -> set[int]:
    told = InterviewFindings.objects.exclude(child_account="").filter(request__episode__person_id__in=person_ids)
    return set(told.values_list("request__episode__person_id", flat=True))


def subject_access(person: Person) -> list[dict[str, Any]]:
    held: list[dict[str, Any]] = []
    for episode in Episode.objects.filter(person=person).select_related("category"):
        item: dict[str, Any] = {
            "what": "A time you were missing", "reference": episode.reference,
            "category": episode.category.label, "from": episode.went_missing_at, "back": episode.ended_at,
            "where_you_were_found": episode.found_where, "harm_you_told_us_about": episode.harm_disclosed,
        }  # fmt: skip
        interview = InterviewRequest.objects.filter(episode=episode).first()
        if interview is not None:
            item["return_home_interview"] = interview.get_status_display()
            findings = InterviewFindings.objects.filter(request=interview).first()
            if findings is not None:
                item["what_you_told_us"] = findings.child_account
        held.append(item)
    for plan in TriggerPlan.objects.filter(person=person).order_by("version"):
        held.append({"what": "Your trigger plan", "version": plan.version, "made": plan.made_at})
    return held


PROVIDER = PersonProvider(
    "missing", chronology=chronology, subjects=subjects, subject_access=subject_access, voice_recorded=voice_recorded
)


def describe_interviews(ids: list[str]) -> dict[str, Subject]:
    asked = InterviewRequest.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()]).values_list(
        "pk", "episode__reference"
    )
    return {str(pk): Subject(f"Episode {ref}", reverse("missing:interview", args=[ref])) for pk, ref in asked}


def home_coordinator(actor: Actor) -> dict[str, Any]:
    """The coordinator's morning: children missing now, returns without an interview offered, offers overdue,
    trigger plans to review; each a link to its list."""
    return {"counts": selectors.count_work(), "strategy": selectors.list_strategy_prompts()}


def home_interviews(actor: Actor) -> dict[str, Any]:
    """The return home interview service's work: interviews to offer (the soonest due first), and to complete."""
    return {"counts": selectors.count_work(), "to_offer": selectors.list_awaiting_interview()[:5]}


def interview_deadlines(actor: Actor) -> list[tuple[str, str]]:
    """Every interview still to be offered is the service's and the coordinator's own deadline."""
    if role_grants(actor.role, "missing.interview") or role_grants(actor.role, "missing.coordinate"):
        return selectors.interview_subjects()
    return []


INDICATOR_LABELS = dict(Indicator.choices)
