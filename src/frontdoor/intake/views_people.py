"""The children and the adults in a draft referral: a list of each (add another, change, remove) and their pages.

Each child has two pages: their details, and their own wishes and feelings (or why those could not be obtained),
so every child in a sibling group is heard separately. For an unborn baby the second page asks for the parents'
views and wishes instead: the expectant mother's and, where known, the father's.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.permissions import requires
from frontdoor.intake import drafts
from frontdoor.intake.display import LABELS
from frontdoor.intake.drafts import Page
from frontdoor.intake.forms import YesNoForm
from frontdoor.intake.models import ReferralDraft
from frontdoor.intake.views import page_url, question, with_draft

KINDS = {
    # kind: (list page question, error when not answered, the page after the list, the page before it)
    "children": (
        "Do you need to add another child?",
        "Select yes if you need to add another child",
        "adults",
        "referrer",
    ),
    "adults": (
        "Do you need to add a parent, carer or other significant adult?",
        "Select yes if you need to add a parent, carer or other adult",
        "concern",
        "children",
    ),
}


def _people(request: HttpRequest, draft: ReferralDraft, kind: str) -> HttpResponse:
    ask, message, after, before = KINDS[kind]
    form = YesNoForm(request.POST if request.method == "POST" else None, message=message)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["answer"] == "yes" and len(drafts.items(draft, kind)) >= drafts.MAX_ITEMS:
            form.add_error("answer", f"You can add up to {drafts.MAX_ITEMS}. Phone the MASH about a larger family")
        elif form.cleaned_data["answer"] == "yes":
            item_id = drafts.add_item(draft, kind)
            return redirect(page_url(draft, f"{kind}.{item_id}.details"))
        else:
            review = drafts.review(draft)
            unfinished = [p for p in review.problems if p.at == kind or p.at.startswith(f"{kind}.")]
            if not unfinished:
                drafts.save_position(draft, after)
                return redirect(page_url(draft, after))
            form.add_error("answer", unfinished[0].text)
    review = drafts.review(draft)
    return render(
        request,
        f"intake/{kind}.html",
        {
            "draft": draft,
            "form": form,
            "ask": ask,
            "items": getattr(review, kind),
            "back": page_url(draft, before),
            "labels": LABELS,
            "page_url": page_url,
        },
    )


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def children(request: HttpRequest, draft: ReferralDraft) -> HttpResponse:
    return _people(request, draft, "children")


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def adults(request: HttpRequest, draft: ReferralDraft) -> HttpResponse:
    return _people(request, draft, "adults")


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def child(request: HttpRequest, draft: ReferralDraft, item_id: str) -> HttpResponse:
    page = Page("details", "children", item_id)
    return question(
        request,
        draft,
        page,
        template="intake/child.html",
        back=page_url(draft, "children"),
        next_at=lambda: f"children.{item_id}.wishes",
        context={"name": drafts.item_name(draft, "children", item_id), "labels": LABELS},
    )


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def child_wishes(request: HttpRequest, draft: ReferralDraft, item_id: str) -> HttpResponse:
    page = Page("wishes", "children", item_id)
    return question(
        request,
        draft,
        page,
        template="intake/child_wishes.html",
        back=page_url(draft, f"children.{item_id}.details"),
        next_at=lambda: "children",
        context={"name": drafts.item_name(draft, "children", item_id), "unborn": drafts.child_unborn(draft, item_id)},
    )


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def adult(request: HttpRequest, draft: ReferralDraft, item_id: str) -> HttpResponse:
    page = Page("details", "adults", item_id)
    return question(
        request,
        draft,
        page,
        template="intake/adult.html",
        back=page_url(draft, "adults"),
        next_at=lambda: "adults",
        context={"name": drafts.item_name(draft, "adults", item_id)},
    )


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def remove(request: HttpRequest, draft: ReferralDraft, kind: str, item_id: str) -> HttpResponse:
    name = drafts.item_name(draft, kind, item_id)
    message = f"Select yes if you want to remove {name}"
    form = YesNoForm(request.POST if request.method == "POST" else None, message=message)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["answer"] == "yes":
            drafts.remove_item(draft, kind, item_id)
        return redirect(page_url(draft, kind))
    return render(
        request,
        "intake/remove.html",
        {"draft": draft, "form": form, "name": name, "kind": kind, "back": page_url(draft, kind)},
    )
