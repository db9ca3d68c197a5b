"""Merges waiting for a second reviewer: two people a reviewer says are one, where the records say they may not be.
Another reviewer (never the one who asked) agrees, and the merge is made, or refuses it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.linkage import merging
from frontdoor.linkage.models import MergeRequest
from frontdoor.linkage.review_selectors import list_merge_requests


@requires("linkage.review")
def merge_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "mash/merge_requests.html", {"waiting": list_merge_requests()})


@requires("linkage.review")
@require_POST
def decide_merge(request: HttpRequest, request_id: int) -> HttpResponse:
    approve = request.POST.get("decision") == "approve"
    try:
        kept = merging.decide_merge_request(Actor.from_request(request), request_id, approve=approve)
    except MergeRequest.DoesNotExist:
        raise Http404("no such merge request") from None
    except merging.ReviewError as refused:
        messages.error(request, refused.message)
        return redirect("mash:merge-requests")
    if kept is None:
        messages.success(request, "Merge refused: the two people stay apart.")
        return redirect("mash:merge-requests")
    messages.success(request, "Merged: every record of both people is now one person.")
    return redirect("mash:person-links", kept)
