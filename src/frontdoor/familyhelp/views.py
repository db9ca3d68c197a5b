"""Family help's pages: its four lists, a family with its history, and the forms that triage it, name its duty
worker, allocate its lead practitioner (with the family's and each child's voice) and step it up to the MASH.

Views are thin: reads go through `familyhelp.selectors` (audited), writes through `familyhelp.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import deadline, when
from frontdoor.core.selectors import map_clocks
from frontdoor.familyhelp import history, selectors, services
from frontdoor.familyhelp.clocks import ALLOCATION, FAMILY_SUBJECT
from frontdoor.familyhelp.forms import ISSUES, AllocationForm, DutyWorkerForm, StepUpForm, TriageForm
from frontdoor.familyhelp.models import UNALLOCATED, Family, FamilyChild, FamilyStatus, TriageOutcome
from frontdoor.familyhelp.stepup import StepUpAnswers, referral_for_step_up
from frontdoor.familyhelp.waits import alert_words
from frontdoor.intake.models import ConsentStatus, LevelOfNeed


def _common(actor: Actor) -> dict[str, Any]:
    return {
        "alert": alert_words(),
        "when": when,
        "can_work": role_grants(actor.role, "familyhelp.work"),
        "can_allocate": role_grants(actor.role, "familyhelp.allocate"),
        "counts": selectors.count_lists(actor.user),
    }


def _list(request: HttpRequest, rows: list[selectors.FamilyRow], template: str, **extra: Any) -> HttpResponse:
    actor = Actor.from_request(request)
    return render(request, template, {"rows": rows, **_common(actor), **extra})


@requires("familyhelp.view")
def triage_list(request: HttpRequest) -> HttpResponse:
    """Families the MASH stepped down, waiting for family help to triage them: the longest waiting first."""
    return _list(request, selectors.list_triage(Actor.from_request(request)), "familyhelp/triage_list.html")


@requires("familyhelp.view")
def waiting_list(request: HttpRequest) -> HttpResponse:
    """The allocation waiting list: weeks waited, the interim duty worker, the families past the alert marked."""
    return _list(request, selectors.list_waiting(Actor.from_request(request)), "familyhelp/waiting_list.html")


@requires("familyhelp.view")
def alert_list(request: HttpRequest) -> HttpResponse:
    """Families still without a lead practitioner the alert's weeks after the MASH stepped them down."""
    return _list(request, selectors.list_alerts(Actor.from_request(request)), "familyhelp/alert_list.html")


@requires("familyhelp.view")
def allocated_list(request: HttpRequest) -> HttpResponse:
    """Families with a lead practitioner: everyone's, or (`?lead=me`) the worker's own."""
    mine = request.GET.get("lead") == "me"
    rows = selectors.list_allocated(Actor.from_request(request), mine=mine)
    return _list(request, rows, "familyhelp/allocated_list.html", mine=mine)


def _family(request: HttpRequest, reference: str, purpose: str) -> tuple[Actor, selectors.FamilyRecord]:
    actor = Actor.from_request(request)
    try:
        return actor, selectors.get_family_for(actor, reference, purpose=purpose)
    except Family.DoesNotExist:
        raise Http404("no such family") from None


def _found(reference: str) -> Family:
    found = selectors.find_family(reference)
    if found is None:
        raise Http404("no such family")
    return found


@requires("familyhelp.view")
def family(request: HttpRequest, reference: str) -> HttpResponse:
    """A family in full: its children and adults, its wait, who supports it, each child's voice, and its history
    in family help and with the MASH, both ways."""
    actor, record = _family(request, reference, purpose="family help")
    clock = map_clocks(FAMILY_SUBJECT, [record.family.pk], [ALLOCATION.code]).get(record.family.pk)
    return render(
        request,
        "familyhelp/family.html",
        {
            "record": record,
            "row": record.row,
            "status": FamilyStatus(record.family.status).label,
            "deadline": deadline(clock) if clock is not None and record.family.status in UNALLOCATED else None,
            "history": history.history_of(record.family, actor),
            "voices": {voice.child_id: voice for voice in record.voices},
            **_common(actor),
        },
    )


def _refused(request: HttpRequest, refused: services.FamilyHelpRefused, reference: str) -> HttpResponse:
    if refused.forbidden:
        raise PermissionDenied(refused.message) from None
    messages.error(request, refused.message)
    return redirect("familyhelp:family", reference)


def _not_now(request: HttpRequest, family: Family, statuses: tuple[str, ...], refusal: str) -> HttpResponse | None:
    """Back to the family's page with the reason when the family has moved on from where this form acts."""
    if family.status in statuses:
        return None
    messages.error(request, refusal.format(reference=family.reference))
    return redirect("familyhelp:family", family.reference)


@requires("familyhelp.work")
@require_http_methods(["GET", "POST"])
def triage(request: HttpRequest, reference: str) -> HttpResponse:
    """Triage a family: to the allocation waiting list with its duty worker, or signposted and closed."""
    found = _found(reference)
    moved_on = _not_now(request, found, (FamilyStatus.TRIAGE,), "Family {reference} has already been triaged.")
    if moved_on:
        return moved_on
    workers = selectors.list_family_help_workers()
    form = TriageForm(request.POST if request.method == "POST" else None, workers=workers)
    if request.method == "POST" and form.is_valid():
        actor = Actor.from_request(request)
        outcome = form.cleaned_data["outcome"]
        try:
            services.triage_family(
                found,
                actor=actor,
                outcome=outcome,
                note=form.cleaned_data["note"],
                duty_worker=form.chosen_duty_worker(),
            )
        except services.FamilyHelpRefused as refused:
            return _refused(request, refused, reference)
        if outcome == TriageOutcome.WAITING_LIST:
            messages.success(request, f"Family {reference} is on the allocation waiting list.")
        else:
            messages.success(request, f"Family {reference} was signposted: family help is closed.")
        return redirect("familyhelp:family", reference)
    actor, record = _family(request, reference, purpose="triage")
    return render(
        request,
        "familyhelp/triage.html",
        {"record": record, "form": form, "outcomes": TriageOutcome.choices, "workers": workers, "me": actor.user},
    )


@requires("familyhelp.work")
@require_http_methods(["GET", "POST"])
def duty_worker(request: HttpRequest, reference: str) -> HttpResponse:
    """Name the duty worker who supports a waiting family (the earlier ones are kept)."""
    found = _found(reference)
    moved_on = _not_now(request, found, (FamilyStatus.WAITING,), "Family {reference} is not waiting for allocation.")
    if moved_on:
        return moved_on
    workers = selectors.list_family_help_workers()
    form = DutyWorkerForm(request.POST if request.method == "POST" else None, workers=workers)
    if request.method == "POST" and form.is_valid():
        try:
            services.name_duty_worker(found, actor=Actor.from_request(request), worker=form.chosen())
        except services.FamilyHelpRefused as refused:
            return _refused(request, refused, reference)
        messages.success(request, f"{selectors.name_of(form.chosen())} is the duty worker for family {reference}.")
        return redirect("familyhelp:family", reference)
    _actor, record = _family(request, reference, purpose="duty worker")
    return render(request, "familyhelp/duty_worker.html", {"record": record, "form": form, "workers": workers})


def _children(family: Family) -> list[FamilyChild]:
    return list(FamilyChild.objects.filter(family=family).order_by("id"))


@requires("familyhelp.allocate")
@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, reference: str) -> HttpResponse:
    """Allocate the family's lead practitioner, with what the family says it needs and each child's own voice."""
    found = _found(reference)
    moved_on = _not_now(request, found, (FamilyStatus.WAITING,), "Family {reference} is not waiting for allocation.")
    if moved_on:
        return moved_on
    workers, children = selectors.list_family_help_workers(), _children(found)
    data = request.POST if request.method == "POST" else None
    form = AllocationForm(data, workers=workers, children=children, earlier={})
    if request.method == "POST" and form.is_valid():
        try:
            services.allocate(
                found,
                actor=Actor.from_request(request),
                lead=form.lead(),
                family_voice=form.cleaned_data["family_voice"],
                voices=form.voices(),
            )
        except services.FamilyHelpRefused as refused:
            return _refused(request, refused, reference)
        messages.success(request, f"Family {reference} is allocated to {selectors.name_of(form.lead())}.")
        return redirect("familyhelp:family", reference)
    actor, record = _family(request, reference, purpose="allocation")
    return render(
        request, "familyhelp/allocate.html", {"record": record, "form": form, "workers": workers, "me": actor.user}
    )


@requires("familyhelp.work")
@require_http_methods(["GET", "POST"])
def step_up(request: HttpRequest, reference: str) -> HttpResponse:
    """Refer the family's children to the MASH because the worry has grown; the family's history stays linked."""
    found = _found(reference)
    moved_on = _not_now(
        request, found, (*UNALLOCATED, FamilyStatus.ALLOCATED), "Family {reference} is not with family help just now."
    )
    if moved_on:
        return moved_on
    children = _children(found)
    earlier = {voice.child_id: voice for voice in selectors.latest_voices(found)}
    form = StepUpForm(request.POST if request.method == "POST" else None, children=children, earlier=earlier)
    actor = Actor.from_request(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = StepUpAnswers(
            concern=data["concern"],
            level_of_need=data["level_of_need"],
            presenting_issues=data["presenting_issues"],
            consent=data["consent"],
            consent_given_by=data["consent_given_by"] if data["consent"] == ConsentStatus.GIVEN else "",
            consent_rationale=data["consent_rationale"] if data["consent"] != ConsentStatus.GIVEN else "",
            risks=data["risks"],
            strengths=data["strengths"],
            voices=form.voices(),
        )
        try:
            stepped = services.step_up(found, actor=actor, referral=referral_for_step_up(found, actor, answers))
        except services.FamilyHelpRefused as refused:
            return _refused(request, refused, reference)
        sent = stepped.referral.reference
        messages.success(request, f"Referral {sent} is with the MASH. Family {reference}'s history goes with it.")
        return redirect("familyhelp:family", reference)
    actor, record = _family(request, reference, purpose="step-up")
    return render(
        request,
        "familyhelp/step_up.html",
        {
            "record": record,
            "form": form,
            "levels": [(str(value), label) for value, label in LevelOfNeed.choices],
            "issues": ISSUES,
            "consents": ConsentStatus.choices,
        },
    )
