"""The analyst's exports page (run one and download it, see the exports already made) and the leaders' annual
report page. Thin: the work is in `exports` and `annual`."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.reports import annual, exports
from frontdoor.reports.exports_catalogue import TABLES
from frontdoor.reports.exports_selectors import list_exports
from frontdoor.reports.forms_exports import ExportForm, YearForm


@requires("reports.export")
def exports_page(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST if request.method == "POST" else None, initial={"file_format": "csv"})
    unavailable = exports.key_problem(settings.FRONTDOOR_PSEUDONYM_KEY)
    if request.method == "POST" and form.is_valid() and not unavailable:
        with tempfile.TemporaryDirectory(prefix="frontdoor-export-") as work:
            archive, _ = exports.write_zip(Path(work), form.cleaned_data["file_format"], Actor.from_request(request))
            content = archive.read_bytes()
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="frontdoor-ssd-{stamp}.zip"'
        return response
    context = {"form": form, "tables": TABLES, "made": list_exports(limit=20), "unavailable": unavailable}
    refused = form.errors or (request.method == "POST" and unavailable)
    return render(request, "reports/exports.html", context, status=400 if refused else 200)


@requires("reports.annual")
def annual_page(request: HttpRequest) -> HttpResponse:
    current = annual.current_year(timezone.localdate())
    form = YearForm(request.GET if "year" in request.GET else {"year": current}, current=current)
    context: dict = {"form": form, "card": None}
    if form.is_valid():
        year = form.cleaned_data["year"]
        context.update(card=annual.build_annual(Actor.from_request(request), year), words=annual.year_words(year))
    return render(request, "reports/annual.html", context, status=200 if form.is_valid() else 400)
