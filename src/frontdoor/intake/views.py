"""The MARF journey: start a draft, answer its pages, check the answers and send it.

Every page sent is saved to the draft first, valid or not, so a timed-out session or a closed laptop loses
nothing; the referrer comes back to the page they were on. Children and adults are in `views_people`, the
referrer's own referrals in `views_mine`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.intake import drafts
from frontdoor.intake.display import LABELS, display
from frontdoor.intake.drafts import NoSuchPage, Page
from frontdoor.intake.models import ReferralDraft

SECTION_FLOW = {
    # page: (the page before it, the page after it)
    "referrer": ("", "children"),
    "concern": ("adults", "issues"),
    "issues": ("concern", "level"),
    "level": ("issues", "consent"),
    "consent": ("level", "check"),
}
ITEM_URLS = {("children", "details"): "child", ("children", "wishes"): "child-wishes", ("adults", "details"): "adult"}


def page_url(draft: ReferralDraft, at: str) -> str:
    """The address of a page in the draft, from its key ("consent", "children", "children.3f9a1c2b.wishes")."""
    if at in drafts.LIST_PAGES:
        return reverse(f"intake:{at}", args=[draft.pk])
    page = Page.parse(at)
    if page.kind:
        return reverse(f"intake:{ITEM_URLS[page.kind, page.name]}", args=[draft.pk, page.item_id])
    return reverse(f"intake:{page.name}", args=[draft.pk])


def with_draft(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Load the user's own open draft (404 for anyone else's); a draft already sent goes to its referral."""

    @wraps(view)
    def wrapper(request: HttpRequest, draft_id: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        draft = drafts.find_draft(request.user, draft_id)  # type: ignore[arg-type]
        if draft is None:
            raise Http404("no such draft")
        if draft.submitted_referral is not None:
            return redirect("intake:sent", draft.submitted_referral.reference)
        try:
            return view(request, draft, *args, **kwargs)
        except NoSuchPage:
            raise Http404("no such page in this draft") from None

    return wrapper


def returning(request: HttpRequest) -> bool:
    """Came from "check your answers", so goes back there once the page is answered."""
    return (request.POST.get("return_to") or request.GET.get("return")) == "check"


def question(
    request: HttpRequest,
    draft: ReferralDraft,
    page: Page,
    *,
    template: str,
    back: str,
    next_at: Callable[[], str],
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """A question page: show the saved answers; on POST save them as typed, then move on or show the errors."""
    back_to_check = returning(request)
    if request.method == "POST":
        raw = page.form_class.raw_from(request.POST)
        form = drafts.form_for(draft, page, data=raw)
        if form.is_valid():
            target = "check" if back_to_check else next_at()
            drafts.save_answers(draft, page, raw, at=target)
            return redirect(page_url(draft, target))
        drafts.save_answers(draft, page, raw, at=page.key)
    else:
        form = drafts.form_for(draft, page)
    return render(
        request,
        template,
        {
            "form": form,
            "draft": draft,
            "page": page,
            "back": page_url(draft, "check") if back_to_check else back,
            "return_to": "check" if back_to_check else "",
            "autosave_url": reverse("intake:autosave", args=[draft.pk, page.key]),
            **(context or {}),
        },
    )


# --- Start and resume -------------------------------------------------------------------------------------------


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        draft = drafts.start_draft(request.user)  # type: ignore[arg-type]
        return redirect("intake:referrer", draft.pk)
    context = {"drafts": drafts.list_drafts(request.user), **display()}  # type: ignore[arg-type]
    return render(request, "intake/start.html", context)


@requires("referral.submit")
@with_draft
def resume(request: HttpRequest, draft: ReferralDraft) -> HttpResponse:
    """Continue a draft where the referrer left it, even after their session timed out."""
    try:
        return redirect(page_url(draft, draft.data.get("at") or "referrer"))
    except NoSuchPage:  # the child or adult they were on has since been removed
        return redirect("intake:referrer", draft.pk)


# --- The referral's own pages ---------------------------------------------------------------------------------


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def section(request: HttpRequest, draft: ReferralDraft, name: str) -> HttpResponse:
    before, after = SECTION_FLOW[name]

    def next_at() -> str:
        if name == "referrer" and not drafts.items(draft, "children"):
            return f"children.{drafts.add_item(draft, 'children')}.details"  # straight on to the first child
        return after

    return question(
        request,
        draft,
        Page(name),
        template=f"intake/{name}.html",
        back=page_url(draft, before) if before else reverse("intake:start"),
        next_at=next_at,
        context={"labels": LABELS},
    )


@requires("referral.submit")
@require_POST
def autosave(request: HttpRequest, draft_id: Any, page_key: str) -> JsonResponse:
    """Progressive enhancement: the page's answers, saved as typed a moment after the referrer stops typing."""
    draft = drafts.find_draft(request.user, draft_id)  # type: ignore[arg-type]
    if draft is None:
        return JsonResponse({"saved": False, "error": "not found"}, status=404)
    if draft.submitted_referral_id is not None:
        return JsonResponse({"saved": False, "error": "already sent"}, status=409)
    try:
        page = Page.parse(page_key)
        # Where to come back to is left alone: an autosave still in flight when the page is sent must not undo it.
        drafts.save_answers(draft, page, page.form_class.raw_from(request.POST), at=None)
    except (NoSuchPage, ReferralDraft.DoesNotExist):
        return JsonResponse({"saved": False, "error": "not found"}, status=404)
    return JsonResponse({"saved": True, "savedAt": timezone.localtime(draft.updated_at).strftime("%H:%M")})


# --- Check and send -----------------------------------------------------------------------------------------------


@requires("referral.submit")
@require_http_methods(["GET", "POST"])
@with_draft
def check(request: HttpRequest, draft: ReferralDraft) -> HttpResponse:
    result = drafts.review(draft)
    problems = list(result.problems)
    if request.user.agency_id is None:  # type: ignore[union-attr]
        problems.append(drafts.Problem("Your account is not linked to an agency. Ask your system administrator", ""))
    if request.method == "POST" and not problems:
        referral = drafts.submit_draft(draft, result.referral_data(), actor=Actor.from_request(request))
        return redirect("intake:sent", referral.reference)
    if request.method == "GET":
        drafts.save_position(draft, "check")
    change = {key: page_url(draft, key) + "?return=check" for key in drafts.SECTION_TITLES}
    for kind, items in (("children", result.children), ("adults", result.adults)):
        for item in items:
            for part in ("details", "wishes") if kind == "children" else ("details",):
                key = f"{kind}.{item.id}.{part}"
                change[key] = page_url(draft, key) + "?return=check"
    return render(
        request,
        "intake/check.html",
        {
            "draft": draft,
            "review": result,
            "problems": [(p.text, page_url(draft, p.at) if p.at else "") for p in problems],
            "show_errors": request.method == "POST",
            "change": change,
            "back": page_url(draft, "consent"),
            "labels": LABELS,
        },
    )
