"""Identity review for MASH staff: the pairs of records linkage was unsure about or kept apart (people at stake
first, a page at a time), one pair side by side with the evidence per field and why it was kept apart, pairs that
share that reason decided together, and a person's records, to merge with another person or split.

Views are thin: reads go through `linkage.review_selectors` (audited), writes through `linkage.review`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Page
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.linkage import review
from frontdoor.linkage import review_selectors as selectors
from frontdoor.linkage.models import ReviewItem, ReviewReason
from frontdoor.linkage.refusals import SharedReason
from frontdoor.mash.at_stake import people_at_stake
from frontdoor.mash.forms import MergeForm, ReviewDecisionForm, ReviewTogetherForm, SplitForm
from frontdoor.people.models import Person, SourceRecord, SourceSystem

GRADES = {"certain": "Certain match", "probable": "Probable match", "possible": "Possible match"}


def _system(record: SourceRecord) -> str:
    return str(SourceSystem(record.system).label) if record.system in SourceSystem.values else record.system


def _show_error(form: Form, error: review.ReviewError, fields: dict[str, str]) -> None:
    """Put a service's refusal beside the field it is about (the form's first field when it is about none)."""
    name = fields.get(error.field) or next(iter(form.fields))
    form.add_error(name, error.message)


def _full_name(record: SourceRecord) -> str:
    """A record's person as it names them, with their date of birth if it has one."""
    name = " ".join(part for part in (record.first_name, record.middle_names, record.last_name) if part)
    born = record.date_of_birth
    born_on = f", born {born.day} {born:%B %Y}" if born else ""
    return f"{name or 'No name recorded'}{born_on}"


def _person_name(person: Person | None) -> str:
    """A person by name, as their records made them (never an account or row number alone)."""
    if person is None:
        return "No one yet"
    name = " ".join(part for part in (person.first_name, person.last_name) if part)
    return name or "A person with no name recorded"


def _common() -> dict[str, Any]:
    return {
        "system": _system,
        "grades": GRADES,
        "reasons": dict(ReviewReason.choices),
        "full_name": _full_name,
        "person_name": _person_name,
    }


@requires("linkage.review")
def review_queue(request: HttpRequest) -> HttpResponse:
    """Open pairs, people at stake first, then strongest first, a page at a time; or the pairs the runs settled.
    Only systems, scores and reasons are listed: names are on each pair's page."""
    settled = request.GET.get("show") == "settled"
    queue = selectors.list_review_queue(
        at_stake=people_at_stake(), page=_page_number(request.GET.get("page")), settled=settled
    )
    context = {"queue": queue, "settled": settled, "pagination": _pagination(request, queue.page), **_common()}
    return render(request, "mash/review_queue.html", context)


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


def _pagination(request: HttpRequest, page: Page) -> dict[str, Any] | None:
    """GOV.UK pagination for this page of the list, keeping what the list shows."""
    if page.paginator.num_pages < 2:
        return None

    def href(number: int) -> str:
        return "?" + urlencode({**request.GET.dict(), "page": number})

    return {
        "previous": {"href": href(page.previous_page_number())} if page.has_previous() else None,
        "next": {"href": href(page.next_page_number())} if page.has_next() else None,
        "items": [
            {"number": number, "href": href(number), "current": number == page.number}
            for number in page.paginator.page_range
        ],
        "landmarkLabel": "Pages of pairs",
    }


@requires("linkage.review")
@require_http_methods(["GET", "POST"])
def review_together(request: HttpRequest, reason: str) -> HttpResponse:
    """Pairs that share the reason they were kept apart, listed in full with what deciding them will do, decided
    together with one reason."""
    shared = SharedReason.from_slug(reason)
    if shared is None:
        raise Http404("no such reason")
    actor = Actor.from_request(request)
    form = ReviewTogetherForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            count = review.decide_review_items(
                actor, form.cleaned_data["pairs"], shared=shared, decision=decision, reason=form.cleaned_data["reason"]
            )
        except review.ReviewError as error:
            _show_error(form, error, {"decision": "decision", "reason": "reason"})
        else:
            done = "are now one person each" if decision == "confirm" else "are now kept apart as different people"
            messages.success(request, f"The records of {count} pair{'' if count == 1 else 's'} {done}.")
            return redirect("mash:review")
    pairs = selectors.list_pairs_sharing(actor, shared)
    if not pairs and request.method == "GET":
        raise Http404("no pairs share this reason")
    shown = form["pairs"].value() if request.method == "POST" else ",".join(str(item.pk) for item, _why in pairs)
    context = {"shared": shared, "pairs": pairs, "form": form, "shown": shown, **_common()}
    return render(request, "mash/review_together.html", context)


@requires("linkage.review")
@require_http_methods(["GET", "POST"])
def review_pair(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        pair = selectors.get_review_pair(actor, item_id)
    except ReviewItem.DoesNotExist:
        raise Http404("no such review item") from None
    is_open = pair.item.status in review.DECIDABLE
    form = ReviewDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and is_open and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            person_id = review.decide_review_item(actor, item_id, decision=decision, reason=form.cleaned_data["reason"])
        except review.ReviewError as error:
            _show_error(form, error, {"decision": "decision", "reason": "reason"})
        else:
            if decision == "confirm":
                text = f"Records {pair.left.pk} and {pair.right.pk} are now one person (person {person_id})."
            else:
                text = f"Records {pair.left.pk} and {pair.right.pk} are now kept apart as different people."
            messages.success(request, text)
            return redirect("mash:review")
    return render(request, "mash/review_pair.html", {"pair": pair, "form": form, "is_open": is_open, **_common()})


@requires("linkage.review")
@require_http_methods(["GET", "POST"])
def person_links(request: HttpRequest, person_id: int) -> HttpResponse:
    """A person's records: merge the person with another, or split records out to a new person."""
    actor = Actor.from_request(request)
    try:
        links = selectors.get_person_links(actor, person_id)
    except Person.DoesNotExist:
        raise Http404("no such person") from None
    choices = [(str(r.pk), f"{_system(r)} record {r.pk}") for r in links.records]
    posted = request.POST if request.method == "POST" else None
    action = posted.get("action") if posted else None
    split = SplitForm(posted if action == "split" else None, record_choices=choices)
    merge = MergeForm(posted if action == "merge" else None)
    if action == "split" and split.is_valid():
        try:
            new_id = review.split_person(
                actor,
                person_id,
                [int(pk) for pk in split.cleaned_data["records"]],
                reason=split.cleaned_data["split_reason"],
            )
        except review.ReviewError as error:
            _show_error(split, error, {"records": "records", "reason": "split_reason"})
        else:
            messages.success(request, f"The records you chose are now person {new_id}.")
            return redirect("mash:person-links", person_id)
    if action == "merge" and merge.is_valid():
        try:
            kept = review.merge_people(
                actor, person_id, merge.cleaned_data["other_person"], reason=merge.cleaned_data["merge_reason"]
            )
        except review.ReviewError as error:
            _show_error(merge, error, {"other_person": "other_person", "reason": "merge_reason"})
        else:
            messages.success(request, f"Merged: every record of both people is now person {kept}.")
            return redirect("mash:person-links", kept)
    context = {"links": links, "split": split, "merge": merge, "errors": split.errors or merge.errors, **_common()}
    return render(request, "mash/person_links.html", context)
