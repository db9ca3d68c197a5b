"""A referrer's own referrals: the confirmation once sent, the list with each one's status, and each one in full."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.intake import drafts, selectors
from frontdoor.intake.display import display
from frontdoor.intake.models import Referral


def _my_referral(request: HttpRequest, reference: str) -> Referral:
    try:
        return selectors.get_my_referral(Actor.from_request(request), reference)
    except Referral.DoesNotExist:
        raise Http404("not one of this user's referrals") from None


@requires("referral.submit")
def my_referrals(request: HttpRequest) -> HttpResponse:
    referrals = selectors.list_my_referrals(Actor.from_request(request))
    return render(
        request,
        "intake/my_referrals.html",
        {"referrals": referrals, "drafts": drafts.list_drafts(request.user), **display()},  # type: ignore[arg-type]
    )


@requires("referral.submit")
def sent(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _my_referral(request, reference)
    return render(
        request,
        "intake/sent.html",
        {"referral": referral, "deadline": selectors.map_decision_deadlines([referral])[referral.pk], **display()},
    )


@requires("referral.submit")
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _my_referral(request, reference)
    return render(
        request,
        "intake/detail.html",
        {
            "referral": referral,
            "told": referral.decision_told,
            "children": list(referral.children.all()),
            "adults": list(referral.adults.all()),
            "deadline": selectors.map_decision_deadlines([referral])[referral.pk],
            **display(),
        },
    )
