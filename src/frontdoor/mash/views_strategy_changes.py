"""Changing a strategy discussion after it was convened: before its record is saved, its reason and invitees can be
changed or it can be cancelled with the reason; after, actions can be added. Thin: writes through
`mash.strategy_convening` and `mash.strategy_recording`."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.mash import strategy_convening, strategy_recording, strategy_selectors
from frontdoor.mash.models_strategy import Attending, StrategyDiscussion, StrategyStatus
from frontdoor.mash.strategy_forms import ActionForm, CancelForm, ConveneForm


def _discussion(request: HttpRequest, reference: str, purpose: str) -> tuple[Actor, StrategyDiscussion]:
    actor = Actor.from_request(request)
    try:
        return actor, strategy_selectors.get_discussion(actor, reference, purpose=purpose)
    except StrategyDiscussion.DoesNotExist:
        raise Http404("no such strategy discussion") from None


def _back(found: StrategyDiscussion) -> HttpResponse:
    return redirect("mash:strategy-discussion", found.reference)


@requires("mash.strategy.record")
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Change why it was convened and whom it invites, until its record is saved."""
    actor, found = _discussion(request, reference, purpose="change a strategy discussion")
    if found.status != StrategyStatus.CONVENED:
        messages.info(request, f"Strategy discussion {found.reference} can no longer be changed.")
        return _back(found)
    users = strategy_selectors.list_invitable_users()
    invitees = list(found.invitees.all())
    initial = {
        "reason": found.reason,
        "agencies": sorted({i.attending_for for i in invitees}),
        "invitees": [i.user_id for i in invitees if i.user_id],
    }
    form = ConveneForm(request.POST if request.method == "POST" else None, users=users, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            strategy_convening.edit_discussion(
                found, actor=actor, reason=form.cleaned_data["reason"], invites=form.invites()
            )
        except strategy_convening.StrategyRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, f"Strategy discussion {found.reference} changed. Anyone newly named is told.")
            return _back(found)
    return render(
        request,
        "mash/strategy/convene.html",
        {
            "form": form,
            "about": f"Strategy discussion {found.reference}",
            "back": f"/mash/strategy/{found.reference}/",
            "out_of_hours": False,
            "heading": "Change the strategy discussion",
            "button": "Save the changes",
            "attending": dict(Attending.choices),
        },
    )


@requires("mash.strategy.record")
@require_http_methods(["GET", "POST"])
def cancel(request: HttpRequest, reference: str) -> HttpResponse:
    """Cancel it, with the reason, until it is held."""
    actor, found = _discussion(request, reference, purpose="cancel a strategy discussion")
    if found.status != StrategyStatus.CONVENED:
        messages.info(request, f"Strategy discussion {found.reference} can no longer be cancelled.")
        return _back(found)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            strategy_convening.cancel_discussion(found, actor=actor, reason=form.cleaned_data["cancellation_reason"])
        except strategy_convening.StrategyRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, f"Strategy discussion {found.reference} cancelled. Those named are told.")
            return _back(found)
    return render(request, "mash/strategy/cancel.html", {"form": form, "d": found})


@requires("mash.strategy.record")
@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, reference: str) -> HttpResponse:
    """Another action, once the record is saved."""
    actor, found = _discussion(request, reference, purpose="add an action to a strategy discussion")
    if found.status not in (StrategyStatus.RECORDED, StrategyStatus.CIRCULATED):
        messages.info(request, "Record the discussion first: its actions are part of the record.")
        return _back(found)
    owners = strategy_selectors.list_invitable_users()
    form = ActionForm(request.POST if request.method == "POST" else None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            strategy_recording.add_action(found, actor=actor, action=form.action())
        except strategy_convening.StrategyRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, "Action added. Its owner has been told.")
            return _back(found)
    return render(request, "mash/strategy/add_action.html", {"form": form, "d": found})
