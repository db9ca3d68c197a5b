"""The shell's pages: each role's home, static information pages, the health check and the error pages."""

from __future__ import annotations

import logging

from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from frontdoor.access.audit import Actor, record_refusal
from frontdoor.access.permissions import public, requires
from frontdoor.access.roles import Role
from frontdoor.core.health import write_heartbeat
from frontdoor.core.models import Notification
from frontdoor.core.registry import list_home_sections
from frontdoor.web import selectors, services
from frontdoor.web.homes import HOMES

log = logging.getLogger(__name__)


@requires("home.view")
def home(request: HttpRequest) -> HttpResponse:
    """The active role's home: the sections registered for the role (`core.registry`), each with its live data."""
    role = request.active_role  # type: ignore[attr-defined]
    actor = Actor.from_request(request)
    sections = []
    for section in list_home_sections(role):
        data = section.build(actor)
        if data is not None:
            # Each capability's section is its own template, rendered with what it built (already escaped).
            sections.append((section.title, mark_safe(render_to_string(section.template, data, request))))  # noqa: S308
    context = {
        "home": HOMES[role],
        "role": role,
        "sections": sections,
        "notifications": selectors.list_unread_notifications(request.user, limit=10),  # type: ignore[arg-type]
        "is_admin": role == Role.SYSTEM_ADMINISTRATOR,
    }
    return render(request, "web/home.html", context)


def _internal(path: str) -> str:
    """Only a path on this site: a notification never sends anyone elsewhere."""
    return path if path.startswith("/") and not path.startswith("//") else "/"


@requires("notifications.view")
def notification(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Open a notification: it is marked read, and the user goes to what it is about."""
    try:
        opened = services.open_notification(request.user, notification_id)  # type: ignore[arg-type]
    except Notification.DoesNotExist:
        raise Http404("not one of this user's notifications") from None
    return redirect(_internal(opened.link_path) if opened.link_path else "web:notifications")


@requires("notifications.view")
def notifications(request: HttpRequest) -> HttpResponse:
    """Every notification the user has had, newest first, the unread marked."""
    listed = selectors.list_notifications(request.user)  # type: ignore[arg-type]
    return render(request, "web/notifications.html", {"notifications": listed})


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/privacy.html")


@public
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers and the test harness: 200 only when a write can be stored; no personal data."""
    try:
        write_heartbeat()
    except DatabaseError as exc:
        log.error("web.healthz_cannot_write error=%s", type(exc).__name__)
        return JsonResponse({"status": "unavailable", "reason": "the database cannot store a write"}, status=503)
    return JsonResponse({"status": "ok"})


def _error(request: HttpRequest | None, status: int) -> HttpResponse:
    template = loader.get_template(f"web/{status}.html")
    return HttpResponse(template.render({}, request), status=status)


@public
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    record_refusal(Actor.from_request(request), f"refused: {exception or 'forbidden'}")
    return _error(request, 403)


@public
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


@public
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: the failure may be the database, which the signed-in header would need.
    return _error(None, 500)


@public
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    template = loader.get_template("web/csrf.html")
    return HttpResponse(template.render({}, request), status=403)
