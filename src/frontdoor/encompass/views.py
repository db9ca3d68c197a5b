"""Operation Encompass's pages: the notices a role works, one notice with its journey in time, acknowledging it
with the support offered, MASH police's review of a draft, and MASH education's children nobody matched.

Views are thin: reads through `encompass.selectors` (a notice through the access gate, audited), writes through
`encompass.services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.access.selectors import NeedsBreakGlass
from frontdoor.core.display import due_words, when
from frontdoor.encompass import selectors, services
from frontdoor.encompass.forms import NONE_OF_THESE, AcknowledgeForm, ReviewForm, UnmatchedForm
from frontdoor.encompass.models import Notice, NoticeStatus, Support


def _common(actor: Actor) -> dict[str, Any]:
    return {
        "when": when,
        "due_words": due_words,
        "can_acknowledge": role_grants(actor.role, "encompass.acknowledge"),
        "is_council": role_grants(actor.role, "encompass.council"),
        "is_review": role_grants(actor.role, "encompass.review"),
    }


@requires("encompass.notices")
def notices(request: HttpRequest) -> HttpResponse:
    """The notices this role works: a school's own, the council's, or the drafts awaiting police review."""
    actor = Actor.from_request(request)
    rows = selectors.list_notices(actor)
    for child in dict.fromkeys(n.child for n in rows) or [None]:
        record_access(
            actor, child, action="view_encompass_notices", purpose="Operation Encompass list",
            outcome=AuditOutcome.ALLOWED,
        )  # fmt: skip
    escalated = selectors.list_escalated(actor)
    return render(
        request,
        "encompass/notices.html",
        {
            "rows": rows,
            "escalated_ids": {n.pk for n in escalated},
            "statuses": dict(NoticeStatus.choices),
            **_common(actor),
        },
    )


def _notice(request: HttpRequest, reference: str) -> tuple[Actor, Notice]:
    actor = Actor.from_request(request)
    found = selectors.find_notice(actor, reference)
    if found is None:
        raise Http404("no such notification")
    return actor, found


def _read(actor: Actor, notice: Notice) -> None:
    try:
        shown = selectors.read_notice(actor, notice)
    except NeedsBreakGlass:
        raise PermissionDenied("notification") from None
    if not shown:
        raise PermissionDenied("notification")


@requires("encompass.notices")
def notice(request: HttpRequest, reference: str) -> HttpResponse:
    """One notice: what the guidance says the establishment is told, and its journey in time."""
    actor, found = _notice(request, reference)
    _read(actor, found)
    if role_grants(actor.role, "encompass.acknowledge"):
        services.mark_opened(found, actor=actor)
    return render(
        request,
        "encompass/notice.html",
        {
            "notice": found,
            "timeliness": selectors.timeliness(found),
            "routed": selectors.routed_words(found),
            "present": selectors.present_words(found),
            "support": Support(found.support).label if found.support else "",
            "escalated": services.escalated(found),
            **_common(actor),
        },
    )


@requires("encompass.acknowledge")
@require_http_methods(["GET", "POST"])
def acknowledge(request: HttpRequest, reference: str) -> HttpResponse:
    """Acknowledge a notice and record the support the school is offering (overt or silent)."""
    actor, found = _notice(request, reference)
    if found.status == NoticeStatus.ACKNOWLEDGED:
        messages.info(request, f"Notification {reference} is already acknowledged.")
        return redirect("encompass:notice", reference)
    _read(actor, found)
    form = AcknowledgeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = services.Acknowledgement(form.cleaned_data["support"], form.cleaned_data["support_notes"])
        try:
            services.acknowledge(found, answer, actor=actor)
        except services.NoticeRefused as refused:
            messages.error(request, refused.message)
            return redirect("encompass:notice", reference)
        messages.success(request, f"Notification {reference} is acknowledged.")
        return redirect("encompass:notice", reference)
    return render(
        request,
        "encompass/acknowledge.html",
        {"notice": found, "form": form, "supports": Support.choices, **_common(actor)},
    )


@requires("encompass.review")
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, reference: str) -> HttpResponse:
    """MASH police check the draft, correct what it says if needed, and release it to the establishment."""
    actor, found = _notice(request, reference)
    _read(actor, found)
    initial = {
        "child_whereabouts": found.child_whereabouts,
        "child_voice": found.child_voice,
        "circumstances": found.circumstances,
        "other_information": found.other_information,
    }
    form = ReviewForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.release(found, actor=actor, edits=form.cleaned_data)
        except services.NoticeRefused as refused:
            messages.error(request, refused.message)
            return redirect("encompass:notices")
        messages.success(request, f"Notification {reference} is released to the establishment.")
        return redirect("encompass:notices")
    return render(request, "encompass/review.html", {"notice": found, "form": form, **_common(actor)})


@requires("encompass.unmatched")
def unmatched(request: HttpRequest) -> HttpResponse:
    """The children officers listed whom nobody could match to one person, oldest first."""
    actor = Actor.from_request(request)
    record_access(actor, None, action="view_encompass_notices", purpose="unmatched children", outcome="allowed")
    return render(request, "encompass/unmatched.html", {"tasks": selectors.list_unmatched(), **_common(actor)})


@requires("encompass.unmatched")
@require_http_methods(["GET", "POST"])
def unmatched_child(request: HttpRequest, pk: int) -> HttpResponse:
    """Match a listed child to a person (their establishment is told now), or record what was done instead."""
    actor = Actor.from_request(request)
    task = selectors.find_unmatched(pk)
    if task is None:
        raise Http404("no such child")
    record_access(actor, None, action="view_encompass_notices", purpose=f"unmatched child {pk}", outcome="allowed")
    candidates = selectors.list_candidates(actor, task)
    form = UnmatchedForm(request.POST if request.method == "POST" else None, candidates=candidates)
    if request.method == "POST" and task.resolved_at is None and form.is_valid():
        outcome = form.cleaned_data["outcome"]
        person = None if outcome == NONE_OF_THESE else selectors.get_person(int(outcome))
        try:
            services.resolve_unmatched(task, actor=actor, person=person, note=form.cleaned_data["note"])
        except services.NoticeRefused as refused:
            messages.error(request, refused.message)
            return redirect("encompass:unmatched")
        messages.success(
            request, "The child's establishment is sent a notification." if person else "What was done is recorded."
        )
        return redirect("encompass:unmatched")
    return render(
        request,
        "encompass/unmatched_child.html",
        {"task": task, "form": form, "candidates": candidates, **_common(actor)},
    )
