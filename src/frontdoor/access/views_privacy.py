"""The privacy officer's pages: the access policy, break-glass and its review, who looked, unusual access."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access import oversight, services
from frontdoor.access.audit import ACTION_LABELS, Actor, record_access
from frontdoor.access.forms import BreakGlassForm, BreakGlassReviewForm
from frontdoor.access.matrix import LEVEL_LABELS, get_policy
from frontdoor.access.models import AuditOutcome, BreakGlass
from frontdoor.access.permissions import requires
from frontdoor.access.responses import break_glass_offer, safe_next
from frontdoor.access.roles import Role
from frontdoor.core.display import when
from frontdoor.people.models import Person

log = logging.getLogger(__name__)


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, template, {**context, "when": when}, status=status)


def _form_errors(form, exc: ValidationError) -> None:
    for name, messages in exc.message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


@requires("access.policy.view")
def policy_matrix(request: HttpRequest) -> HttpResponse:
    policy = get_policy()
    roles = []
    for name, rules in policy.roles.items():
        columns = list(rules.agency)
        rows = [
            {
                "category": policy.category_labels[c],
                "levels": [LEVEL_LABELS[rules.categories[c]]]
                + [LEVEL_LABELS[rules.agency[k][c]] if c in rules.agency[k] else "As default" for k in columns],
            }
            for c in policy.categories
        ]
        roles.append({"key": name, "label": Role(name).label, "rules": rules, "columns": columns, "rows": rows})
    context = {
        "policy": policy,
        "roles": roles,
        "levels": LEVEL_LABELS,
        "groups": policy.agency_groups,
    }
    return _render(request, "access/policy_matrix.html", context)


@requires("access.break_glass")
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, person_id: int) -> HttpResponse:
    if request.method == "GET":
        if not Person.objects.filter(pk=person_id).exists():
            raise Http404("no such person")
        return break_glass_offer(request, person_id, status=200)
    form = BreakGlassForm(request.POST, min_length=services.BREAK_GLASS_REASON_MIN)
    if form.is_valid():
        try:
            grant = services.break_glass(Actor.from_request(request), person_id, form.cleaned_data["reason"])
        except Person.DoesNotExist:
            raise Http404("no such person") from None
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            log.info("access.break_glass grant=%s user=%s person=%s", grant.pk, request.user.pk, person_id)
            return redirect(safe_next(request, person_id))
    return break_glass_offer(request, person_id, form=form, status=200)


@requires("access.review")
def break_glass_list(request: HttpRequest) -> HttpResponse:
    grants = oversight.list_break_glass_awaiting_review()
    rows = [(g, oversight.is_overdue(g)) for g in grants]
    return _render(request, "access/break_glass_list.html", {"rows": rows})


@requires("access.review")
@require_http_methods(["GET", "POST"])
def break_glass_review(request: HttpRequest, grant_id: int) -> HttpResponse:
    try:
        grant = oversight.get_break_glass(grant_id)
    except BreakGlass.DoesNotExist:
        raise Http404("no such break-glass access") from None
    form = BreakGlassReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_break_glass(
                Actor.from_request(request), grant.pk, form.cleaned_data["outcome"], form.cleaned_data["note"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            log.info("access.break_glass_reviewed grant=%s reviewer=%s", grant.pk, request.user.pk)
            return redirect("access:break-glass-list")
    own = grant.user_id == request.user.pk
    return _render(
        request,
        "access/break_glass_review.html",
        {"grant": grant, "form": form, "own": own, "overdue": oversight.is_overdue(grant), "now": timezone.now()},
    )


@requires("audit.person_looks")
def person_looks(request: HttpRequest, person_id: int) -> HttpResponse:
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404("no such person")
    # Reading the access log about a person is itself on record.
    record_access(
        Actor.from_request(request),
        person,
        action="view_access_log",
        purpose="who has looked",
        outcome=AuditOutcome.ALLOWED,
    )
    looks = oversight.list_looks(person_id)
    context = {
        "person_id": person_id,
        "looks": looks,
        "limit": oversight.LOOKS_SHOWN,
        "action_labels": ACTION_LABELS,
    }
    return _render(request, "access/looks.html", context)


@requires("audit.view")
def unusual_access(request: HttpRequest) -> HttpResponse:
    awaiting = oversight.list_break_glass_awaiting_review()
    context = {
        "awaiting": len(awaiting),
        "overdue": sum(1 for g in awaiting if oversight.is_overdue(g)),
        "findings": oversight.list_unusual_access(),
        "days": oversight.REPORT_PERIOD.days,
    }
    return _render(request, "access/unusual_access.html", context)
