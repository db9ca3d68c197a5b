"""Record or correct a child's disability, as the children in need census codes it, from the child's page (those
who may edit a child's social care record: `person.disability`, and the access policy's edit on social care)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import Action
from frontdoor.access.permissions import requires
from frontdoor.access.responses import open_person
from frontdoor.people.disability import CATEGORIES
from frontdoor.people.models import PersonKind
from frontdoor.singleview.disability import ANSWERS, record_disability, recorded_disability
from frontdoor.singleview.forms import DisabilityForm


@requires("person.disability")
@require_http_methods(["GET", "POST"])
def disability(request: HttpRequest, person_id: int) -> HttpResponse:
    """The form: yes (with the census's categories), no, or not known; the look and the change are audited."""
    actor = Actor.from_request(request)
    access = open_person(request, actor, person_id, "recording the child's disability")
    if isinstance(access, HttpResponse):
        return access
    if not access.may("csc", Action.EDIT):
        raise PermissionDenied("this role may not edit this child's social care record")
    person = access.person
    if person.kind == PersonKind.ADULT:
        raise Http404("the census records a child's disability, not an adult's")
    recorded = recorded_disability(person)
    if request.method == "POST":
        form = DisabilityForm(request.POST)
        if form.is_valid():
            record_disability(
                actor,
                person,
                answer=form.cleaned_data["has_disability"],
                categories=form.cleaned_data["categories"],
            )
            messages.success(request, "The child's disability has been saved.")
            return redirect("singleview:person", person.pk)
    else:
        form = DisabilityForm(initial={"has_disability": recorded.answer, "categories": recorded.categories})
    return render(
        request,
        "singleview/disability.html",
        {
            "person": person,
            "form": form,
            "answers": ANSWERS,
            "categories": CATEGORIES,
            "recorded": recorded,
        },
    )
