"""Record why a child's NHS number is absent, from the child's page (MASH workers)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.responses import open_person
from frontdoor.people.consistent_identifier import consistent_identifier
from frontdoor.people.models import NhsNumberAbsenceReason
from frontdoor.singleview.forms import NhsNumberAbsenceForm
from frontdoor.singleview.identifier import AbsenceRefused, record_nhs_number_absence


@requires("person.nhs_number_absence")
@require_http_methods(["GET", "POST"])
def nhs_number_absence(request: HttpRequest, person_id: int) -> HttpResponse:
    """The form: the Act's exceptions, or tracing requested, with details; the look and the write are audited."""
    actor = Actor.from_request(request)
    access = open_person(request, actor, person_id, "recording why the NHS number is absent")
    if isinstance(access, HttpResponse):
        return access
    if "identity" not in set(access.full_categories):
        raise PermissionDenied("this role does not see identity in full")
    person = access.person
    form = NhsNumberAbsenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            record_nhs_number_absence(actor, person, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])
        except AbsenceRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, "Why the NHS number is not recorded has been saved.")
            return redirect("singleview:person", person.pk)
    return render(
        request,
        "singleview/nhs_number_absence.html",
        {
            "person": person,
            "form": form,
            "reasons": NhsNumberAbsenceReason.choices,
            "identifier": consistent_identifier(person),
        },
    )
