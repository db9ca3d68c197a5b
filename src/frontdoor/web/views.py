"""The shell's pages: each role's home, static information pages, the health check and the error pages."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from frontdoor.access import reports as access_reports
from frontdoor.access.audit import Actor, record_refusal
from frontdoor.access.models import User
from frontdoor.access.permissions import public, requires
from frontdoor.access.policy import role_grants
from frontdoor.access.roles import Role
from frontdoor.core import selectors as core_selectors
from frontdoor.intake import drafts
from frontdoor.intake import selectors as intake_selectors
from frontdoor.intake.views import display
from frontdoor.linkage.review_selectors import count_open_review_items
from frontdoor.mash.views import triage_queue
from frontdoor.web import selectors
from frontdoor.web.homes import HOMES, Home

RECENT_REFERRALS = 5
# The permission a home page section's live data needs: a role without it sees the section's plain text.
FEED_PERMISSIONS = {"my_referrals": "referral.submit", "triage_queue": "mash.triage", "access_reviews": "access.review"}


def _feeds(actor: Actor, role: str, home: Home) -> dict[str, Any]:
    user: User = actor.user  # type: ignore[assignment]
    wanted = {s.feed for s in home.sections if s.feed and role_grants(role, FEED_PERMISSIONS[s.feed])}
    feeds: dict[str, Any] = {}
    if "my_referrals" in wanted:
        referrals = intake_selectors.list_my_referrals(actor)
        feeds["my_referrals"] = {
            "recent": referrals[:RECENT_REFERRALS],
            "total": len(referrals),
            "drafts": drafts.list_drafts(user),
        }
    if "triage_queue" in wanted:
        waiting, vists = triage_queue()
        feeds["triage_queue"] = {
            "referrals": len(waiting),
            "overdue": sum(1 for _, due in waiting if due and due.overdue),
            "vists": len(vists),
            "missed": len(core_selectors.list_open_escalations()),
            "review": count_open_review_items() if role_grants(role, "linkage.review") else None,
        }
    if "access_reviews" in wanted:
        awaiting = access_reports.list_break_glass_awaiting_review()
        feeds["access_reviews"] = {
            "awaiting": len(awaiting),
            "overdue": sum(1 for grant in awaiting if access_reports.is_overdue(grant)),
            "unusual": len(access_reports.list_unusual_access()) if role_grants(role, "audit.view") else None,
        }
    return feeds


@requires("home.view")
def home(request: HttpRequest) -> HttpResponse:
    role = request.active_role  # type: ignore[attr-defined]
    context = {
        "home": HOMES[role],
        "role": role,
        "feeds": _feeds(Actor.from_request(request), role, HOMES[role]),
        "notifications": selectors.list_unread_notifications(request.user, limit=10),  # type: ignore[arg-type]
        "is_admin": role == Role.SYSTEM_ADMINISTRATOR,
        **display(),
    }
    return render(request, "web/home.html", context)


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/privacy.html")


@public
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness and database reachability, for load balancers and the test harness; no personal data."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
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
