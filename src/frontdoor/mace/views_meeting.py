"""The monthly MACE meeting's pages: the meetings held and a new one's agenda built, one meeting with its agenda and
attendance, the decision about each child (with an action agreed there), and the minutes to print."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import when
from frontdoor.exploitation import rules
from frontdoor.mace import selectors, services
from frontdoor.mace.forms import AttendanceForm, DecisionForm, MeetingForm
from frontdoor.mace.models import AgendaReason, Meeting, MeetingItem

REASON_WORDS = dict(AgendaReason.choices)


def _context(request: HttpRequest) -> dict[str, Any]:
    return {
        "when": when,
        "level_words": rules.LEVEL_WORDS,
        "reasons_said": lambda reasons: ", ".join(REASON_WORDS.get(r, r) for r in reasons),
        "may_manage": role_grants(getattr(request, "active_role", None), "mace.manage"),
    }


def _meeting(held_on: str) -> Meeting:
    try:
        return selectors.get_meeting(date.fromisoformat(held_on))
    except (ValueError, Meeting.DoesNotExist):
        raise Http404("no such meeting") from None


def _manage(request: HttpRequest) -> None:
    if request.method == "POST" and not role_grants(getattr(request, "active_role", None), "mace.manage"):
        raise PermissionDenied("mace.manage")


@requires("mace.view")
@require_http_methods(["GET", "POST"])
def meetings(request: HttpRequest) -> HttpResponse:
    """The meetings held, and a new meeting's agenda built from the children listed."""
    _manage(request)
    form = MeetingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        meeting = services.build_meeting(form.cleaned_data["held"], actor=Actor.from_request(request))
        return redirect("mace:meeting", meeting.held_on.isoformat())
    return render(
        request, "mace/meetings.html", {"found": selectors.list_meetings(), "form": form, **_context(request)}
    )


@requires("mace.view")
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, held_on: str) -> HttpResponse:
    """One meeting: its agenda (each child, why they are on it, the decision) and who attended."""
    _manage(request)
    found = _meeting(held_on)
    initial = {"chair": found.chair, "attendees": found.attendees, "notes": found.notes}
    form = AttendanceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.record_attendance(found, actor=Actor.from_request(request), **form.cleaned_data)
        messages.success(request, "Attendance saved.")
        return redirect("mace:meeting", held_on)
    selectors.record_list_look(Actor.from_request(request), f"MACE meeting {found.held_on}")
    return render(
        request,
        "mace/meeting.html",
        {"m": found, "items": selectors.list_items(found), "form": form, **_context(request)},
    )


@requires("mace.view")
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, held_on: str, item_id: int) -> HttpResponse:
    """The meeting's decision about one child, an action agreed for them, and whether their listing closes."""
    _manage(request)
    found = _meeting(held_on)
    try:
        entry = selectors.get_item(found, item_id)
    except MeetingItem.DoesNotExist:
        raise Http404("no such item") from None
    owners = selectors.list_owners()
    initial = {"decision": entry.decision, "close_listing": "yes" if entry.close_listing else "no"}
    form = DecisionForm(
        request.POST if request.method == "POST" else None, owners=owners, initial=initial if entry.decided_at else {}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions = []
        if data["action"].strip():
            owner = next(u for u in owners if str(u.pk) == data["owner"])
            actions.append(services.ActionData(data["action"], owner))
        services.decide_item(
            entry,
            services.DecisionData(data["decision"], data["close_listing"] == "yes", actions),
            actor=Actor.from_request(request),
        )
        messages.success(request, f"Decision recorded for {entry.person.display_name}.")
        return redirect("mace:meeting", held_on)
    selectors.record_list_look(Actor.from_request(request), f"MACE meeting {found.held_on} item {entry.position}")
    return render(request, "mace/item.html", {"m": found, "entry": entry, "form": form, **_context(request)})


@requires("mace.view")
def minutes(request: HttpRequest, held_on: str) -> HttpResponse:
    """The minutes: who attended, and each child's decision and actions, to print."""
    found = _meeting(held_on)
    selectors.record_list_look(Actor.from_request(request), f"MACE meeting {found.held_on} minutes")
    return render(request, "mace/minutes.html", {"m": found, "items": selectors.list_items(found), **_context(request)})
