"""The emergency duty team's pages: its contacts and the form to record one (handed over to the MASH the next
working day), one contact (for the EDT and the MASH), and the MASH picking a hand-over up.

Out of hours the EDT opens any child's record through the child's page, as every role does: the access gate finds
the relationship "out of hours" (`mash.edt_selectors.out_of_hours`) and audits each look with it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import when
from frontdoor.mash import edt_selectors as selectors
from frontdoor.mash import edt_services as services
from frontdoor.mash.edt_clocks import HANDOVER, is_out_of_hours
from frontdoor.mash.edt_forms import ContactForm, PickUpForm
from frontdoor.mash.models_edt import EdtContact
from frontdoor.mash.queue import name_of
from frontdoor.mash.views_checks import PRIORITY_TAGS


def _convene_url(contact: EdtContact, actor: Actor) -> str | None:
    """Where the EDT convenes an urgent strategy discussion about the contact's child, when it may."""
    if contact.person_id is None or not role_grants(actor.role, "mash.strategy.convene_out_of_hours"):
        return None
    return reverse("mash:strategy-convene-out-of-hours", args=[contact.person_id])


def _words() -> dict[str, Any]:
    return {"when": when, "name_of": name_of, "priority_tags": PRIORITY_TAGS, "hours": HANDOVER.amount}


@requires("mash.edt")
def contacts(request: HttpRequest) -> HttpResponse:
    """The EDT's own contacts, and whether it is out of hours now."""
    actor = Actor.from_request(request)
    with transaction.atomic():
        mine = selectors.list_contacts_by(actor.user)
        purpose = f"{len(mine)} contacts"
        record_access(actor, None, action="list_edt_contacts", purpose=purpose, outcome=AuditOutcome.ALLOWED)
    return render(
        request,
        "mash/edt/contacts.html",
        {"contacts": mine, "out_of_hours": is_out_of_hours(timezone.now()), "now": timezone.now(), **_words()},
    )


@requires("mash.edt")
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest) -> HttpResponse:
    actor = Actor.from_request(request)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        contact = services.record_contact(services.ContactData(**form.cleaned_data), actor=actor)
        messages.success(
            request,
            f"Contact {contact.reference} recorded. The MASH has it in its queue from {when(contact.handover_at)}.",
        )
        return redirect(reverse("mash:handover", args=[contact.reference]))
    return render(request, "mash/edt/record.html", {"form": form, "back": reverse("mash:edt"), **_words()})


def _contact(reference: str) -> EdtContact:
    found = selectors.find_contact(reference)
    if found is None:
        raise Http404("no such contact")
    return found


def _page(request: HttpRequest, contact: EdtContact, actor: Actor, form: PickUpForm | None) -> HttpResponse:
    now = timezone.now()
    may_pick_up = role_grants(actor.role, "mash.triage") and contact.picked_up_at is None and contact.handover_at <= now
    return render(
        request,
        "mash/edt/contact.html",
        {
            "contact": contact,
            "deadline": selectors.contact_deadline(contact, now),
            "handed_over": contact.handover_at <= now,
            "may_pick_up": may_pick_up,
            "form": form or PickUpForm(),
            "convene": _convene_url(contact, actor),
            "back": reverse("mash:edt") if role_grants(actor.role, "mash.edt") else reverse("mash:queue"),
            **_words(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@requires("mash.edt.view")
def contact(request: HttpRequest, reference: str) -> HttpResponse:
    """One contact: the child, what happened, what the EDT did, and where the hand-over stands."""
    actor = Actor.from_request(request)
    with transaction.atomic():
        found = _contact(reference)
        purpose = found.reference
        record_access(actor, found.person, action="view_edt_contact", purpose=purpose, outcome=AuditOutcome.ALLOWED)
    return _page(request, found, actor, None)


@requires("mash.triage")
@require_http_methods(["POST"])
def pick_up(request: HttpRequest, reference: str) -> HttpResponse:
    actor = Actor.from_request(request)
    found = _contact(reference)
    form = PickUpForm(request.POST)
    if form.is_valid():
        try:
            services.pick_up(found, actor=actor, note=form.cleaned_data["note"])
        except services.NotYetHandedOver:
            form.add_error("note", f"{found.reference} reaches the MASH at {when(found.handover_at)}: pick it up then")
        else:
            messages.success(request, f"You have picked up {found.reference}.")
            return redirect(reverse("mash:queue"))
    return _page(request, found, actor, form)
