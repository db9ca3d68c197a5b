"""The child's page: the single view of one person, audited in the same transaction as the read."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.access.permissions import requires
from frontdoor.access.policy import role_grants
from frontdoor.people.models import Person
from frontdoor.singleview.chronology import KINDS
from frontdoor.singleview.forms import SearchForm
from frontdoor.singleview.sar import compile_subject_access
from frontdoor.singleview.search import MAX_RESULTS, Criteria, search_people
from frontdoor.singleview.selectors import age_on, build_single_view

CATEGORY_LABELS = {
    "csc": "Social care",
    "police": "Police",
    "acute_health": "Acute health",
    "community_health": "Community health",
    "maternity": "Maternity",
    "education": "Education",
    "early_help": "Early help",
    "referrals": "Referrals and decisions",
    "other": "Other",
}


@requires("home.view")  # every signed-in user may ask; who may see is decided below, and a refusal is recorded
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    agency, category = request.GET.get("agency", ""), request.GET.get("category", "")
    with transaction.atomic():
        found = Person.objects.filter(pk=person_id).first()
        if found is None:
            raise Http404("no such person")
        allowed = role_grants(actor.role, "person.view")
        record_access(
            actor,
            found,
            action="view_person",
            purpose="single view",
            outcome=AuditOutcome.ALLOWED if allowed else AuditOutcome.DENIED,
        )
        if allowed:
            view = build_single_view(found, agency=agency, category=category)
    if not allowed:
        raise PermissionDenied("person.view")
    return render(
        request,
        "singleview/person.html",
        {
            "view": view,
            "age": age_on(found.date_of_birth),
            "agency": agency,
            "category": category,
            "category_labels": CATEGORY_LABELS,
            "kinds": KINDS,
        },
    )


@requires("person.search")
def search(request: HttpRequest) -> HttpResponse:
    """Find a person across every agency's records. The search, and each person it shows, are audited."""
    form = SearchForm(request.GET if request.GET else None)
    results = None
    if form.is_bound and form.is_valid():
        criteria = Criteria(**{k: v or "" for k, v in form.cleaned_data.items() if k != "date_of_birth"},
                            date_of_birth=form.cleaned_data["date_of_birth"])  # fmt: skip
        actor = Actor.from_request(request)
        with transaction.atomic():
            results = search_people(criteria)
            # What was searched for is named, not its values: the audit says who looked and what they saw.
            purpose = f"search by {', '.join(criteria.given())}: {len(results)} found"
            record_access(actor, None, action="search", purpose=purpose, outcome=AuditOutcome.ALLOWED)
            for result in results:
                record_access(
                    actor, result.person, action="search_result", purpose="search", outcome=AuditOutcome.ALLOWED
                )
    return render(
        request,
        "singleview/search.html",
        {"form": form, "results": results, "max_results": MAX_RESULTS, "today": timezone.localdate()},
    )


@requires("person.sar")
def subject_access(request: HttpRequest, person_id: int) -> HttpResponse:
    """Everything held about one person, with who has looked at it: HTML to read and print, or ?format=json."""
    actor = Actor.from_request(request)
    as_json = request.GET.get("format") == "json"
    with transaction.atomic():
        found = Person.objects.filter(pk=person_id).first()
        if found is None:
            raise Http404("no such person")
        record_access(
            actor,
            found,
            action="subject_access_request",
            purpose="subject access request (JSON)" if as_json else "subject access request",
            outcome=AuditOutcome.ALLOWED,
        )
        document = compile_subject_access(found)
    if as_json:
        response = JsonResponse(document, json_dumps_params={"indent": 2, "ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="subject-access-{found.pk}.json"'
        return response
    return render(request, "singleview/subject_access.html", {"doc": document, "person": found})
