"""The scorecard page (its figures, their trends and the disproportionality view) and, for a leader, the children
behind one of its numbers. Thin: the filter is a form, the figures come from `reports.selectors`."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.reports import selectors
from frontdoor.reports.forms import ScorecardForm, period_words

DEFAULT = {"period": "this_month"}


def _form(request: HttpRequest) -> ScorecardForm:
    data = request.GET if "period" in request.GET else DEFAULT
    return ScorecardForm(
        data, agencies=selectors.list_agencies(), teams=selectors.list_teams(), today=timezone.localdate()
    )


def _filter_context(request: HttpRequest, form: ScorecardForm) -> dict[str, Any]:
    context: dict[str, Any] = {"form": form, "query": request.GET.urlencode(), "teams": selectors.list_teams()}
    if form.is_valid():
        context["period_words"] = period_words(form.cleaned_data["first"], form.cleaned_data["last"])
        agency = form.cleaned_data.get("agency")
        context["agency_name"] = dict(selectors.list_agencies()).get(agency, "") if agency else ""
        context["team_name"] = form.cleaned_data.get("team") or ""
    return context


@requires("reports.scorecard")
def scorecard(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context = _filter_context(request, form)
    context["card"] = None
    if form.is_valid():
        actor = Actor.from_request(request)
        period = form.to_period(timezone.now())
        context["card"] = selectors.build_scorecard(actor, period)
        context["trends"] = selectors.build_trends(actor, period)
    return render(request, "reports/scorecard.html", context, status=200 if form.is_valid() else 400)


@requires("reports.scorecard")
def fairness(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    context = _filter_context(request, form)
    context["view"] = None
    if form.is_valid():
        key = request.GET.get("figure", "contacts")
        asked = request.GET.get("row", "")
        row = int(asked) if asked.isascii() and asked.isdigit() and len(asked) < 5 else None
        period = form.to_period(timezone.now())
        context["view"] = selectors.build_fairness(Actor.from_request(request), period, key, row)
    return render(request, "reports/fairness.html", context, status=200 if form.is_valid() else 400)


@requires("reports.drill_down")
def children(request: HttpRequest, key: str, row: int) -> HttpResponse:
    figure = selectors.find_figure(key)
    form = _form(request)
    if figure is None or not form.is_valid():
        raise Http404("no such figure")
    page = int(request.GET["page"]) if request.GET.get("page", "").isdigit() else 1
    period = form.to_period(timezone.now())
    behind = selectors.children_behind(Actor.from_request(request), figure, period, row, page)
    if behind is None:
        raise Http404("no such row")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/children.html",
        {
            "b": behind,
            "period_words": period_words(form.cleaned_data["first"], form.cleaned_data["last"]),
            "query": query.urlencode(),
        },
    )
