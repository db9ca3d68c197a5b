"""Identity review for MASH staff: the pairs of records linkage was unsure about, one pair side by side with the
evidence per field, and a person's records, to merge with another person or split.

Views are thin: reads go through `linkage.review_selectors` (audited), writes through `linkage.review`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.linkage import review
from frontdoor.linkage import review_selectors as selectors
from frontdoor.linkage.models import ReviewItem, ReviewReason, ReviewStatus
from frontdoor.mash.forms import MergeForm, ReviewDecisionForm, SplitForm
from frontdoor.people.models import Person, SourceRecord, SourceSystem

GRADES = {"certain": "Certain match", "probable": "Probable match", "possible": "Possible match"}


def _system(record: SourceRecord) -> str:
    return str(SourceSystem(record.system).label) if record.system in SourceSystem.values else record.system


def _show_error(form: Form, error: review.ReviewError, fields: dict[str, str]) -> None:
    """Put a service's refusal beside the field it is about (the form's first field when it is about none)."""
    name = fields.get(error.field) or next(iter(form.fields))
    form.add_error(name, error.message)


def _common() -> dict[str, Any]:
    return {"system": _system, "grades": GRADES, "reasons": dict(ReviewReason.choices)}


@requires("linkage.review")
def review_queue(request: HttpRequest) -> HttpResponse:
    """Open pairs, strongest first. Only systems and scores are listed: names are on each pair's page."""
    items = selectors.list_open_review_items()
    return render(
        request,
        "mash/review_queue.html",
        {"items": items, "total": selectors.count_open_review_items(), **_common()},
    )


@requires("linkage.review")
@require_http_methods(["GET", "POST"])
def review_pair(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        pair = selectors.get_review_pair(actor, item_id)
    except ReviewItem.DoesNotExist:
        raise Http404("no such review item") from None
    is_open = pair.item.status == ReviewStatus.OPEN
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
