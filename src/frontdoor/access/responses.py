"""Responses other apps' views give on the access gate's behalf: the break-glass offer a worker sees when refused
for want of a legitimate relationship, the page for bulk browsing stopped, and `open_person`, which gives a view
one of them or the person's access. (Views are never imported across
apps; this module is the public way.)"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from frontdoor.access import services
from frontdoor.access.audit import Actor
from frontdoor.access.forms import BreakGlassForm
from frontdoor.access.selectors import LookLimitReached, NeedsBreakGlass, PersonAccess, access_person
from frontdoor.core.display import when
from frontdoor.people.models import Person


def safe_next(request: HttpRequest, person_id: int) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return f"/people/{person_id}/"


def break_glass_offer(request: HttpRequest, person_id: int, *, form=None, status: int = 403) -> HttpResponse:
    """The page a worker sees when refused for want of a relationship: why, and the break-glass form.

    Call it from any view that catches `selectors.NeedsBreakGlass`; the worker comes back to this request's path.
    """
    form = form or BreakGlassForm(min_length=services.BREAK_GLASS_REASON_MIN)
    context = {
        "form": form,
        "person_id": person_id,
        "next": safe_next(request, person_id) if request.method == "POST" else request.get_full_path(),
        "minutes": settings.FRONTDOOR_BREAK_GLASS_MINUTES,
        "min_length": services.BREAK_GLASS_REASON_MIN,
    }
    return render(request, "access/break_glass.html", {**context, "when": when}, status=status)


def look_limit_page(request: HttpRequest, limit: int, seconds: int) -> HttpResponse:
    """The page a worker sees when stopped for opening too many people's records in a short time (429)."""
    context = {"limit": limit, "minutes": max(1, seconds // 60)}
    return render(request, "access/look_limit.html", context, status=429)


def open_person(request: HttpRequest, actor: Actor, person_id: int, purpose: str) -> PersonAccess | HttpResponse:
    """What a view that opens one person gets from the gate (`selectors.access_person`, audited): the access, or the
    response that stands in its place: the break-glass offer without a relationship, the page for bulk browsing
    stopped; no such person is a 404."""
    try:
        return access_person(actor, person_id, purpose=purpose)
    except Person.DoesNotExist:
        raise Http404("no such person") from None
    except NeedsBreakGlass:
        return break_glass_offer(request, person_id)
    except LookLimitReached as stopped:
        return look_limit_page(request, stopped.limit, stopped.seconds)
