"""Missing children's pages: the coordinator's and police's lists, an episode in full (the child's current trigger
plan on it the moment it opens, the interview's findings as a structure), the forms that record an episode, change
its category, record the return and close it; the return home interview service's list, an interview's offer and
findings; a child's trigger plan with its versions, and their placement and Philomena profile.

Views are thin: reads go through `missing.selectors` (a child is read through the access gate, audited), writes
through `missing.services` (episodes), `missing.interviews` and `missing.plans`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.access.selectors import access_person
from frontdoor.core.display import when
from frontdoor.missing import actors, plans, selectors, services
from frontdoor.missing import interviews as interview_services
from frontdoor.missing.forms import (
    OFFER_ANSWERS,
    CareForm,
    CategoryForm,
    CloseForm,
    EpisodeForm,
    FindingsForm,
    OfferForm,
    ReturnForm,
    TriggerPlanForm,
    category_choices,
)
from frontdoor.missing.holdings import INDICATOR_LABELS
from frontdoor.missing.models import EndedHow, Episode, EpisodeStatus, InterviewRequest, InterviewStatus
from frontdoor.people.models import Person


def _common(actor: Actor) -> dict[str, Any]:
    return {
        "when": when,
        "can_record": role_grants(actor.role, "missing.record"),
        "can_plan": role_grants(actor.role, "missing.trigger_plan"),
        "can_interview": role_grants(actor.role, "missing.interview"),
        "can_view": role_grants(actor.role, "missing.view"),
        "indicator_labels": INDICATOR_LABELS,
        "repeat_days": settings.FRONTDOOR_MISSING_REPEAT_DAYS,
    }


def _found(reference: str) -> Episode:
    found = selectors.find_episode(reference)
    if found is None:
        raise Http404("no such episode")
    return found


def _interview(reference: str) -> InterviewRequest:
    found = selectors.find_interview(reference)
    if found is None:
        raise Http404("no such interview")
    return found


@requires("missing.view")
def episodes(request: HttpRequest) -> HttpResponse:
    """Children missing now, returns whose interview is still to be offered (the overdue marked), plans to review."""
    actor = Actor.from_request(request)
    selectors.record_list_look(actor, "missing children")
    return render(
        request,
        "missing/episodes.html",
        {
            "open": selectors.list_open_episodes(),
            "awaiting": selectors.list_awaiting_interview(),
            "plans": selectors.list_plans_to_review(),
            **_common(actor),
        },
    )


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def new_episode(request: HttpRequest) -> HttpResponse:
    """Record an episode by hand (the coordinator, or police in the MASH), as the force categorised it."""
    form = EpisodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            episode = services.report_episode(
                services.EpisodeData(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    date_of_birth=data["date_of_birth"],
                    nhs_number=data["nhs_number"],
                    police_reference=data["police_reference"],
                    category=data["category"],
                    went_missing_at=data["went_missing_at"],
                    circumstances=data["circumstances"],
                ),
                actor=Actor.from_request(request),
            )
        except actors.MissingRefused as refused:
            form.add_error("category", str(refused))
        else:
            messages.success(request, f"Episode {episode.reference} is recorded.")
            return redirect("missing:episode", episode.reference)
    return render(request, "missing/new_episode.html", {"form": form, "categories": category_choices()})


@requires("missing.view")
def episode(request: HttpRequest, reference: str) -> HttpResponse:
    """An episode in full: the child, every transition with its time, the child's current trigger plan, their
    placement and Philomena profile, and the return home interview with its findings."""
    found = _found(reference)
    actor = Actor.from_request(request)
    record = selectors.get_episode_for(actor, found, purpose="missing episode")
    findings = getattr(record.interview, "findings", None) if record.interview else None
    return render(
        request,
        "missing/episode.html",
        {"record": record, "e": found, "findings": findings, "open": found.status == EpisodeStatus.OPEN,
         **_common(actor)},
    )  # fmt: skip


def _not_now(request: HttpRequest, episode: Episode, status: str, refusal: str) -> HttpResponse | None:
    if episode.status == status:
        return None
    messages.error(request, refusal.format(reference=episode.reference))
    return redirect("missing:episode", episode.reference)


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def change_category(request: HttpRequest, reference: str) -> HttpResponse:
    found = _found(reference)
    moved_on = _not_now(request, found, EpisodeStatus.OPEN, "Episode {reference} has ended.")
    if moved_on:
        return moved_on
    form = CategoryForm(request.POST if request.method == "POST" else None, initial={"category": found.category.code})
    if request.method == "POST" and form.is_valid():
        category = services.find_category(form.cleaned_data["category"])
        assert category is not None  # the form's choices are the active categories
        services.change_category(
            found, category, form.cleaned_data["changed_at"], actor=Actor.from_request(request),
            note=form.cleaned_data["note"],
        )  # fmt: skip
        messages.success(request, f"Episode {reference} is now {category.label.lower()}.")
        return redirect("missing:episode", reference)
    selectors.get_episode_for(Actor.from_request(request), found, purpose="change category")
    return render(request, "missing/category.html", {"form": form, "e": found, "categories": category_choices()})


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def record_return(request: HttpRequest, reference: str) -> HttpResponse:
    """The child is back: returned or found, whatever the category (a VIST and an interview request follow)."""
    found = _found(reference)
    moved_on = _not_now(request, found, EpisodeStatus.OPEN, "Episode {reference} has already ended.")
    if moved_on:
        return moved_on
    form = ReturnForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_return(
                found,
                services.ReturnData(
                    at=data["ended_at"], how=data["how"], where=data["where"], found_by=data["found_by"],
                    harm_disclosed=data["harm_disclosed"],
                ),
                actor=Actor.from_request(request),
            )  # fmt: skip
        except actors.MissingRefused as refused:
            form.add_error("ended", str(refused))
        else:
            messages.success(
                request, "The child is back. A VIST is with the MASH and a return home interview is requested."
            )
            return redirect("missing:episode", reference)
    selectors.get_episode_for(Actor.from_request(request), found, purpose="record return")
    return render(request, "missing/return.html", {"form": form, "e": found, "hows": EndedHow.choices})


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, reference: str) -> HttpResponse:
    found = _found(reference)
    moved_on = _not_now(request, found, EpisodeStatus.RETURNED, "Episode {reference} cannot be closed now.")
    if moved_on:
        return moved_on
    form = CloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.close_episode(found, timezone.now(), actor=Actor.from_request(request), note=form.cleaned_data["note"])
        messages.success(request, f"Episode {reference} is closed. Review the child's trigger plan.")
        return redirect("missing:episode", reference)
    selectors.get_episode_for(Actor.from_request(request), found, purpose="close episode")
    return render(request, "missing/close.html", {"form": form, "e": found})


@requires("missing.interview")
def interviews(request: HttpRequest) -> HttpResponse:
    """The return home interview service's list: interviews to offer, the soonest due first, and to complete."""
    actor = Actor.from_request(request)
    selectors.record_list_look(actor, "return home interviews")
    return render(
        request,
        "missing/interviews.html",
        {"to_offer": selectors.list_awaiting_interview(), "to_complete": selectors.list_interviews_to_complete(),
         **_common(actor)},
    )  # fmt: skip


def _interview_page(request: HttpRequest, interview: InterviewRequest, purpose: str) -> selectors.EpisodeRecord:
    return selectors.get_episode_for(Actor.from_request(request), interview.episode, purpose=purpose)


@requires("missing.interview")
def interview(request: HttpRequest, reference: str) -> HttpResponse:
    found = _interview(reference)
    record = _interview_page(request, found, "return home interview")
    findings = getattr(found, "findings", None) if found.status == InterviewStatus.COMPLETED else None
    return render(
        request,
        "missing/interview.html",
        {"record": record, "i": found, "e": found.episode, "findings": findings,
         **_common(Actor.from_request(request))},
    )  # fmt: skip


@requires("missing.interview")
@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, reference: str) -> HttpResponse:
    found = _interview(reference)
    if found.status not in (InterviewStatus.REQUESTED, InterviewStatus.OFFERED):
        messages.error(request, "This interview has already been answered.")
        return redirect("missing:interview", reference)
    form = OfferForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        interview_services.offer_interview(
            found, actor=Actor.from_request(request), at=data["offered_at"], answer=data["answer"],
            declined_reason=data["declined_reason"],
        )  # fmt: skip
        messages.success(request, "The offer is recorded.")
        return redirect("missing:interview", reference)
    record = _interview_page(request, found, "offer a return home interview")
    return render(request, "missing/offer.html", {"form": form, "i": found, "record": record, "answers": OFFER_ANSWERS})


@requires("missing.interview")
@require_http_methods(["GET", "POST"])
def findings(request: HttpRequest, reference: str) -> HttpResponse:
    found = _interview(reference)
    if found.status != InterviewStatus.ACCEPTED:
        messages.error(request, "Record the child's acceptance before the interview's findings.")
        return redirect("missing:interview", reference)
    form = FindingsForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        interview_services.complete_interview(
            found,
            interview_services.FindingsData(
                held_at=data["held_at"], push_factors=data["push_factors"], pull_factors=data["pull_factors"],
                where=data["where"], with_whom=data["with_whom"], indicators=data["indicators"],
                indicators_detail=data["indicators_detail"], child_account=data["child_account"],
            ),
            actor=Actor.from_request(request),
        )  # fmt: skip
        messages.success(request, "The interview is recorded and shared with police.")
        return redirect("missing:interview", reference)
    record = _interview_page(request, found, "record a return home interview")
    return render(
        request, "missing/findings.html", {"form": form, "i": found, "record": record, "indicators": INDICATOR_LABELS}
    )


def _child(request: HttpRequest, person_id: int, purpose: str) -> Person:
    try:
        return access_person(Actor.from_request(request), person_id, purpose=purpose).person
    except Person.DoesNotExist:
        raise Http404("no such child") from None


@requires("missing.view")
def trigger_plan(request: HttpRequest, person_id: int) -> HttpResponse:
    """A child's current trigger plan and every earlier version."""
    person = _child(request, person_id, "trigger plan")
    versions = selectors.list_plan_versions(person.pk)
    actor = Actor.from_request(request)
    return render(
        request,
        "missing/trigger_plan.html",
        {"person": person, "plan": versions[0] if versions else None, "earlier": versions[1:],
         "care": selectors.find_care_profile(person.pk), **_common(actor)},
    )  # fmt: skip


@requires("missing.trigger_plan")
@require_http_methods(["GET", "POST"])
def edit_trigger_plan(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _child(request, person_id, "update trigger plan")
    current = selectors.current_plan(person.pk)
    initial = {f: getattr(current, f) for f in TriggerPlanForm.base_fields if f != "why_changed"} if current else {}
    form = TriggerPlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan = plans.save_trigger_plan(person, plans.PlanData(**form.cleaned_data), actor=Actor.from_request(request))
        messages.success(request, f"Version {plan.version} of the trigger plan is saved.")
        return redirect("missing:trigger-plan", person.pk)
    return render(request, "missing/edit_trigger_plan.html", {"form": form, "person": person, "current": current})


@requires("missing.record")
@require_http_methods(["GET", "POST"])
def care(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _child(request, person_id, "placement and Philomena profile")
    current = selectors.find_care_profile(person.pk)
    initial: dict[str, Any] = {}
    if current:
        initial = {f: getattr(current, f) for f in CareForm.base_fields if f != "in_care"}
        initial["in_care"] = "yes" if current.in_care else "no"
    form = CareForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["in_care"] = data["in_care"] == "yes"
        plans.save_care_profile(person, plans.CareData(**data), actor=Actor.from_request(request))
        messages.success(request, "The placement and Philomena profile are up to date.")
        return redirect("missing:trigger-plan", person.pk)
    return render(request, "missing/care.html", {"form": form, "person": person})
