"""A referrer's own referrals: the confirmation once sent, the list with each one's status, and each one in full."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.intake import drafts, selectors
from frontdoor.intake.models import Referral
from frontdoor.intake.views import DECISION_CLOCK, Deadline, deadline, display


def decision_deadlines(referrals: list[Referral]) -> dict[int, Deadline | None]:
    clocks = selectors.map_clocks(DECISION_CLOCK[0], [r.pk for r in referrals], DECISION_CLOCK[1])
    now = timezone.now()
    return {r.pk: deadline(clocks.get(r.pk), now) for r in referrals}


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
        {"referral": referral, "deadline": decision_deadlines([referral])[referral.pk], **display()},
    )


@requires("referral.submit")
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _my_referral(request, reference)
    return render(
        request,
        "intake/detail.html",
        {
            "referral": referral,
            "children": list(referral.children.all()),
            "adults": list(referral.adults.all()),
            "deadline": decision_deadlines([referral])[referral.pk],
            **display(),
        },
    )
