"""Sign in, sign out, choose a role, and a person's record (every look audited)."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.access import selectors
from frontdoor.access.audit import Actor
from frontdoor.access.forms import ChooseRoleForm, SignInForm
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.permissions import public, requires, signed_in
from frontdoor.access.responses import break_glass_offer, look_limit_page
from frontdoor.access.roles import Role
from frontdoor.core.display import when
from frontdoor.people.models import Person

log = logging.getLogger(__name__)


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        login(request, user)
        roles = selectors.list_roles(user)
        log.info("access.sign_in user=%s roles=%s", user.pk, len(roles))
        if len(roles) == 1:
            # One role: act in it straight away (a smartcard with one role needs no choice either).
            request.session[ACTIVE_ROLE_KEY] = roles[0]
            return redirect(_safe_next(request))
        return redirect_to_role_chooser(_safe_next(request))
    return render(request, "access/sign_in.html", {"form": form, "next": _safe_next(request, "")})


def redirect_to_role_chooser(next_url: str) -> HttpResponse:
    response = redirect("access:choose-role")
    if next_url and next_url != "/":
        response["Location"] += "?" + urlencode({"next": next_url})
    return response


@signed_in
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect("access:sign-in")


@signed_in
@require_http_methods(["GET", "POST"])
def choose_role(request: HttpRequest) -> HttpResponse:
    roles = selectors.list_roles(request.user)  # type: ignore[arg-type]
    form = ChooseRoleForm(request.POST if request.method == "POST" else None, roles=roles)
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        request.session[ACTIVE_ROLE_KEY] = role
        log.info("access.role_chosen user=%s role=%s", request.user.pk, role)
        messages.success(request, f"You are now acting as {Role(role).label}.")
        return redirect(_safe_next(request))
    return render(request, "access/choose_role.html", {"form": form, "roles": roles, "next": _safe_next(request, "")})


@requires("person.view")
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    try:
        record = selectors.get_person_record(Actor.from_request(request), person_id, purpose="view person record")
    except Person.DoesNotExist:
        raise Http404("no such person") from None
    except selectors.NeedsBreakGlass:
        return break_glass_offer(request, person_id)
    except selectors.LookLimitReached as stopped:
        return look_limit_page(request, stopped.limit, stopped.seconds)
    return render(request, "access/person.html", {"record": record, "when": when})
