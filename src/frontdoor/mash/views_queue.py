"""The triage queue (referrals and VISTs together, filtered and sorted by a plain GET form), who is working each
item (take it, or assign it to a MASH worker), and the priority the MASH gives a referral.

Views are thin: the queue is read through `mash.queue` (audited), writes go through `mash.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import when
from frontdoor.intake.models import Referral, RiskGrade, Vist
from frontdoor.mash import queue as triage
from frontdoor.mash import selectors, services
from frontdoor.mash.forms import AssignForm, PriorityForm, QueueFilterForm


def _back(request: HttpRequest, default: str) -> str:
    """Where the worker came from (the queue as they had it filtered, or the item's page), if it is ours."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back.startswith("/mash/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return default


@requires("mash.triage")
def queue(request: HttpRequest) -> HttpResponse:
    """Everything waiting for the MASH in one list: soonest due first unless the worker sorts it otherwise."""
    actor = Actor.from_request(request)
    form = QueueFilterForm(request.GET)
    filters = form.filters()
    found = triage.list_queue(actor, filters)
    return render(
        request,
        "mash/queue.html",
        {
            "queue": found,
            "filters": filters,
            "form": form,
            "kinds": triage.KINDS,
            "assigned": triage.ASSIGNED,
            "sorts": triage.SORTS,
            "grades": RiskGrade.choices,
            "me": actor.user,
            "can_assign": role_grants(actor.role, "mash.decide"),
            "can_reassign": role_grants(actor.role, "mash.reassign"),
            "here": request.get_full_path(),
            "when": when,
        },
    )


def working_on(item: Referral | Vist, actor: Actor) -> dict[str, Any]:
    """Who is working the item (and who has), and whether this worker may take it or give it to someone."""
    current = selectors.find_assignment(item)
    can_reassign = role_grants(actor.role, "mash.reassign")
    return {
        "assignment": current,
        "history": selectors.list_assignments(item),
        "may_take": current is None or (current.worker != actor.user and can_reassign),
        "may_assign": role_grants(actor.role, "mash.decide") and (current is None or can_reassign),
        "workers": [],
        "name_of": triage.name_of,
        "me": actor.user,
    }


def _assign(request: HttpRequest, item: Referral | Vist, *, kind: str, page: str) -> HttpResponse:
    """Take the item or give it to someone (POST), or show who has it and whom it can be given to (GET)."""
    actor = Actor.from_request(request)
    workers = selectors.list_mash_workers()
    form = AssignForm(request.POST if request.method == "POST" else None, workers=workers)
    if request.method == "POST" and form.is_valid():
        worker = form.chosen()
        try:
            services.assign(item, actor=actor, worker=worker)
        except services.AssignmentRefused as refused:
            if refused.forbidden:
                raise PermissionDenied(refused.message) from None
            messages.error(request, refused.message)
        else:
            if worker == actor.user:
                messages.success(request, f"You have taken {item.reference}.")
            else:
                messages.success(request, f"{item.reference} is assigned to {triage.name_of(worker)}.")
        return redirect(_back(request, page))
    working = working_on(item, actor)
    context: dict[str, Any] = {
        **working,
        "item": item,
        "kind": kind,
        "what": f"referral {item.reference}" if kind == "referral" else item.reference,
        "form": form,
        "workers": workers if working["may_assign"] else [],
        "when": when,
        "back": _back(request, page),
    }
    return render(request, "mash/assign.html", context)


@requires("mash.triage")
@require_http_methods(["GET", "POST"])
def assign_referral(request: HttpRequest, reference: str) -> HttpResponse:
    found = selectors.find_referral(reference)
    if found is None:
        raise Http404("no such referral")
    return _assign(request, found, kind="referral", page=reverse("mash:referral", args=[reference]))


@requires("mash.triage")
@require_http_methods(["GET", "POST"])
def assign_vist(request: HttpRequest, reference: str) -> HttpResponse:
    found = selectors.find_vist(reference)
    if found is None:
        raise Http404("no such VIST")
    return _assign(request, found, kind="vist", page=reverse("mash:vist", args=[reference]))


@requires("mash.decide")
@require_http_methods(["GET", "POST"])
def set_priority(request: HttpRequest, reference: str) -> HttpResponse:
    """The priority the MASH gives a referral at triage: red, amber or green."""
    actor = Actor.from_request(request)
    found = selectors.find_referral(reference)
    if found is None:
        raise Http404("no such referral")
    current = selectors.referral_priority(found)
    form = PriorityForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["priority"]
        services.set_priority(found, actor=actor, priority=chosen)
        messages.success(request, f"Referral {found.reference} is now {RiskGrade(chosen).label.lower()} priority.")
        return redirect(_back(request, reverse("mash:referral", args=[reference])))
    if not form.is_bound and current.set:
        form = PriorityForm(initial={"priority": current.grade})
    return render(
        request,
        "mash/priority.html",
        {
            "referral": found,
            "current": current,
            "form": form,
            "grades": RiskGrade.choices,
            "back": _back(request, reverse("mash:referral", args=[reference])),
        },
    )
