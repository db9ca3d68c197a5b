"""VIST compliance for the police supervisor (and MASH police): incidents with children and no VIST once the due
hours have passed, oldest first, with the officer and team; and the lag from incident to VIST by team and by week.

A supervisor sees only their own force's incidents (`compliance.force_of`); the pages name no person.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import when
from frontdoor.intake import compliance, vist_lag
from frontdoor.intake.greens import ESCALATION_WINDOW, list_green_escalations


@requires("intake.vist_compliance")
def missing(request: HttpRequest) -> HttpResponse:
    actor = Actor.from_request(request)
    force = compliance.force_of(actor)
    return render(
        request,
        "intake/compliance/missing.html",
        {
            "force": force,
            "rows": compliance.missing_vists_for(actor) if force else [],
            "late": vist_lag.late_vists(force),
            "due_hours": settings.FRONTDOOR_VIST_DUE_HOURS,
            "late_words": vist_lag.late_words,
            "greens": list_green_escalations(force, timezone.now() - ESCALATION_WINDOW),
            "may_open_vists": role_grants(actor.role, "mash.triage"),
            "when": when,
        },
    )


@requires("intake.vist_compliance")
def lag(request: HttpRequest) -> HttpResponse:
    force = compliance.force_of(Actor.from_request(request))
    report = vist_lag.lag_report(force, timezone.now()) if force else None
    return render(
        request,
        "intake/compliance/lag.html",
        {"force": force, "report": report, "due_hours": settings.FRONTDOOR_VIST_DUE_HOURS},
    )
