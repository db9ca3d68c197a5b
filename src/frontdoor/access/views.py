"""Choose a role, and a person's record (every look audited). Signing in and out: `views_sign_in`."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access import selectors
from frontdoor.access.audit import Actor
from frontdoor.access.forms import ChooseRoleForm
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.permissions import requires, signed_in
from frontdoor.access.responses import break_glass_offer, look_limit_page
from frontdoor.access.roles import Role
from frontdoor.access.views_sign_in import safe_next
from frontdoor.core.display import when
from frontdoor.people.models import Person

log = logging.getLogger(__name__)


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
        return redirect(safe_next(request))
    return render(request, "access/choose_role.html", {"form": form, "roles": roles, "next": safe_next(request, "")})


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
