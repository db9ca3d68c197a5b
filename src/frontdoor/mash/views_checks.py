"""MASH checks' pages: ask partner agencies about the people on a referral or VIST, an agency's own queue of checks,
one check (with its answer), and the answer form. The checks on an item are shown on its own page (`item_checks`).

Views are thin: reads through `mash.checks_selectors` (one place decides who may see a check, and audits the look),
writes through `mash.checks_services`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core.display import deadline, when
from frontdoor.intake.models import Referral, Vist
from frontdoor.mash import checks_selectors, checks_services, selectors
from frontdoor.mash.checks_clocks import CHECK_RULES, escalation_note
from frontdoor.mash.forms import ANSWER_CHOICES, AnswerCheckForm, RequestChecksForm
from frontdoor.mash.models import CheckStatus, MashCheck
from frontdoor.mash.queue import OPEN_STATUSES, name_of

PRIORITY_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}
STATUS_TAGS = {
    CheckStatus.OPEN: "govuk-tag--blue",
    CheckStatus.ANSWERED: "govuk-tag--green",
    CheckStatus.DECLINED: "govuk-tag--grey",
}


def _words() -> dict[str, Any]:
    return {"when": when, "name_of": name_of, "priority_tags": PRIORITY_TAGS, "status_tags": STATUS_TAGS}


def item_checks(item: Referral | Vist, actor: Actor) -> dict[str, Any]:
    """The checks on a referral or VIST for its page: each with its deadline, which are outstanding, and whether the
    actor may ask for more (only while it is being screened)."""
    checks = checks_selectors.list_item_checks(item)
    clocks = checks_selectors.map_check_clocks(checks)
    now = timezone.now()
    screening = item.status in OPEN_STATUSES if isinstance(item, Referral) else not hasattr(item, "mash_triage")
    return {
        "checks": [(c, deadline(clocks.get(c.pk), now), checks_selectors.may_open(actor, c)) for c in checks],
        "outstanding": [c for c in checks if c.status == CheckStatus.OPEN],
        "may_ask": screening and role_grants(actor.role, "mash.checks.request"),
        "check_words": _words(),
    }


def _ask(request: HttpRequest, item: Referral | Vist, actor: Actor, back: str) -> HttpResponse:
    people = checks_selectors.list_people_on_item(item)
    agencies = checks_selectors.list_agencies_to_ask()
    initial = {"people": [p.key for p in people], "priority": _suggested_priority(item)}
    data = request.POST if request.method == "POST" else None
    form = RequestChecksForm(data, initial=initial, agencies=agencies, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            asked = checks_services.request_checks(
                item,
                actor=actor,
                agencies=form.chosen_agencies(),
                people=form.cleaned_data["people"],
                question=form.cleaned_data["question"],
                priority=form.cleaned_data["priority"],
            )
        except checks_services.CheckRefused as refused:
            messages.error(request, refused.message)
            return redirect(back)
        names = ", ".join(c.agency.name for c in asked)
        messages.success(request, f"MASH checks sent to {names}. Each agency's responders have been told.")
        return redirect(back)
    hours = {grade: rule.amount for grade, rule in CHECK_RULES.items()}
    return render(
        request,
        "mash/checks/ask.html",
        {"item": item, "form": form, "agencies": agencies, "people": people, "hours": hours, "back": back, **_words()},
    )


def _suggested_priority(item: Referral | Vist) -> str:
    if isinstance(item, Vist):
        return item.effective_grade
    return selectors.referral_priority(item).grade


@requires("mash.checks.request")
@require_http_methods(["GET", "POST"])
def ask_about_referral(request: HttpRequest, reference: str) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        referral = selectors.get_referral_for_mash(actor, reference, purpose="MASH checks")
    except Referral.DoesNotExist:
        raise Http404("no such referral") from None
    return _ask(request, referral, actor, back=f"/mash/referrals/{referral.reference}/")


@requires("mash.checks.request")
@require_http_methods(["GET", "POST"])
def ask_about_vist(request: HttpRequest, reference: str) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        vist = selectors.get_vist_for_mash(actor, reference, purpose="MASH checks")
    except Vist.DoesNotExist:
        raise Http404("no such VIST") from None
    return _ask(request, vist, actor, back=f"/mash/vists/{vist.reference}/")


@requires("mash.checks.answer")
def agency_queue(request: HttpRequest) -> HttpResponse:
    """The MASH checks sent to the responder's own agency (and no other's): open ones soonest due first, then the
    latest answers."""
    actor = Actor.from_request(request)
    if actor.agency is None:
        raise PermissionDenied("no agency")
    waiting = checks_selectors.list_agency_checks(actor.agency)
    clocks = checks_selectors.map_check_clocks(waiting)
    now = timezone.now()
    return render(
        request,
        "mash/checks/queue.html",
        {
            "agency": actor.agency,
            "waiting": [(c, deadline(clocks.get(c.pk), now)) for c in waiting],
            "answered": checks_selectors.list_answered_checks(actor.agency),
            "escalation_note": escalation_note(actor.agency.kind),
            **_words(),
        },
    )


def _check(request: HttpRequest, reference: str, purpose: str) -> tuple[Actor, MashCheck]:
    actor = Actor.from_request(request)
    try:
        return actor, checks_selectors.get_check(actor, reference, purpose=purpose)
    except MashCheck.DoesNotExist:
        raise Http404("no such MASH check") from None


def _records_heading(actor: Actor, check: MashCheck) -> str:
    """A responder's links go to their own agency's records on the child's page; the MASH's to the whole page."""
    return checks_selectors.records_heading(check.agency) if checks_selectors.may_answer(actor, check) else ""


@requires("mash.checks.view")
def check(request: HttpRequest, reference: str) -> HttpResponse:
    """One check: what was asked, about whom, when it is due, and the answer once given."""
    actor, found = _check(request, reference, purpose="MASH check")
    clock = checks_selectors.map_check_clocks([found]).get(found.pk)
    return render(
        request,
        "mash/checks/check.html",
        {
            "check": found,
            "people": list(found.people.all()),
            "deadline": deadline(clock),
            "may_answer": found.status == CheckStatus.OPEN and checks_selectors.may_answer(actor, found),
            "records_heading": _records_heading(actor, found),
            "is_mash": role_grants(actor.role, "mash.triage"),
            "escalation_note": escalation_note(found.agency.kind),
            **_words(),
        },
    )


@requires("mash.checks.answer")
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, reference: str) -> HttpResponse:
    """The agency's answer to a check sent to it, or its reasons for declining."""
    actor, found = _check(request, reference, purpose="answer a MASH check")
    if not checks_selectors.may_answer(actor, found):
        raise Http404("no such MASH check for this agency")
    if found.status != CheckStatus.OPEN:
        messages.info(request, f"MASH check {found.reference} has already been answered.")
        return redirect("mash:check", found.reference)
    form = AnswerCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        declining = data["answer"] == "decline"
        reply = checks_services.Answer(
            known="" if declining else data["known"],
            risks="" if declining else data["risks"],
            strengths="" if declining else data["strengths"],
            child_voice="" if declining else data["child_voice"],
            decline_reason=data["decline_reason"] if declining else "",
        )
        try:
            done = checks_services.answer_check(found, reply, actor=actor)
        except checks_services.CheckRefused as refused:
            messages.error(request, refused.message)
            return redirect("mash:check", found.reference)
        verb = "declined" if done.status == CheckStatus.DECLINED else "answered"
        messages.success(request, f"MASH check {done.reference} {verb}. The MASH can see it now.")
        return redirect("mash:checks")
    clock = checks_selectors.map_check_clocks([found]).get(found.pk)
    return render(
        request,
        "mash/checks/answer.html",
        {
            "check": found,
            "people": list(found.people.all()),
            "deadline": deadline(clock),
            "form": form,
            "choices": ANSWER_CHOICES,
            "records_heading": _records_heading(actor, found),
            **_words(),
        },
    )
