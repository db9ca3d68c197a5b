"""The MASH side of a referral or VIST: the item in full (with its priority and who is working it), the decision
the referrer is told, a VIST's triage, and missed deadlines. The queue itself is in `views_queue`.

Every look at a referral goes through `mash.selectors.get_referral_for_mash`, which writes the audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor
from frontdoor.access.permissions import requires
from frontdoor.access.role_permissions import role_grants
from frontdoor.core import selectors as core_selectors
from frontdoor.core.clocks import RULES, acknowledge_escalation
from frontdoor.core.display import deadline
from frontdoor.core.registry import describe_subjects
from frontdoor.core.selectors import map_clocks
from frontdoor.intake import incident_vists, vist_lag
from frontdoor.intake.clocks import VIST_RULE_CODES
from frontdoor.intake.display import display
from frontdoor.intake.greens import green_escalation
from frontdoor.intake.models import VIST_SUBJECT, ArrivalKind, Referral, ReferralStatus, Vist
from frontdoor.intake.selectors import list_force_told, map_already_known, map_decision_deadlines
from frontdoor.mash import priority, selectors, services, views_checks, views_queue, views_strategy
from frontdoor.mash.forms import DecisionForm, VistTriageForm
from frontdoor.mash.identifiers import map_nhs_numbers
from frontdoor.mash.models import Outcome, VistOutcome

GRADE_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}


def _referral(request: HttpRequest, reference: str, purpose: str) -> tuple[Actor, Referral]:
    actor = Actor.from_request(request)
    try:
        return actor, selectors.get_referral_for_mash(actor, reference, purpose=purpose)
    except Referral.DoesNotExist:
        raise Http404("no such referral") from None


def _context(referral: Referral, **extra: Any) -> dict[str, Any]:
    return {
        "referral": referral,
        "decision": selectors.find_decision(referral),
        "priority": selectors.referral_priority(referral),
        "children": list(referral.children.all()),
        "adults": list(referral.adults.all()),
        "deadline": map_decision_deadlines([referral])[referral.pk],
        **display(),
        **extra,
    }


@requires("mash.triage")
def referral(request: HttpRequest, reference: str) -> HttpResponse:
    """The referral in full. A worker who can decide on it picks it up by opening it: the referrer sees that."""
    actor, found = _referral(request, reference, purpose="triage")
    can_decide = role_grants(actor.role, "mash.decide")
    if can_decide and found.status == ReferralStatus.RECEIVED:
        found = services.start_screening(found, actor=actor)
    purpose = f"already known check: {found.reference}"
    known = map_already_known(actor, ArrivalKind.REFERRAL_CHILD, found.children.all(), purpose=purpose)
    known_adults = map_already_known(actor, ArrivalKind.REFERRAL_ADULT, found.adults.all(), purpose=purpose)
    working = views_queue.working_on(found, actor)
    checks = views_checks.item_checks(found, actor)
    strategy = views_strategy.item_discussions(found, actor)
    nhs = map_nhs_numbers(known, known_adults)
    context = _context(
        found, can_decide=can_decide, known=known, known_adults=known_adults, nhs=nhs, **working, **checks, **strategy
    )
    return render(request, "mash/referral.html", context)


@requires("mash.decide")
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, reference: str) -> HttpResponse:
    actor, found = _referral(request, reference, purpose="decision")
    if selectors.find_decision(found) is not None:
        messages.info(request, f"A decision has already been recorded on referral {found.reference}.")
        return redirect("mash:referral", found.reference)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decided = services.record_decision(
            found, actor=actor, outcome=form.cleaned_data["outcome"], summary=form.cleaned_data["decision_summary"]
        )
        outcome = Outcome(decided.outcome).label
        messages.success(
            request, f"Decision recorded on referral {found.reference}: {outcome}. The referrer has been told."
        )
        if decided.outcome == Outcome.STRATEGY_DISCUSSION and role_grants(actor.role, "mash.strategy.convene"):
            return redirect("mash:strategy-convene-referral", found.reference)  # straight on to convening it
        return redirect("mash:queue")
    checks = views_checks.item_checks(found, actor)
    return render(request, "mash/decide.html", _context(found, form=form, outcomes=Outcome.choices, **checks))


@requires("mash.triage")
@require_http_methods(["GET", "POST"])
def vist(request: HttpRequest, reference: str) -> HttpResponse:
    """A police VIST in full, who its people are probably known to, and its triage (what happens next, and why)."""
    actor = Actor.from_request(request)
    try:
        found = selectors.get_vist_for_mash(actor, reference, purpose="triage")
    except Vist.DoesNotExist:
        raise Http404("no such VIST") from None
    triage = selectors.find_triage(found)
    if triage is None and role_grants(actor.role, "mash.decide"):
        services.start_vist_screening(found, actor=actor)  # picked up by opening it, as a referral is
    form = VistTriageForm(request.POST if request.method == "POST" and triage is None else None)
    if request.method == "POST" and triage is not None:
        messages.info(request, f"{found.reference} has already been triaged.")
        return redirect("mash:vist", found.reference)
    if request.method == "POST" and form.is_valid():
        triaged = services.triage_vist(
            found, actor=actor, outcome=form.cleaned_data["outcome"], rationale=form.cleaned_data["rationale"]
        )
        messages.success(request, f"{found.reference} triaged: {VistOutcome(triaged.outcome).label}.")
        if triaged.outcome == VistOutcome.STRATEGY_DISCUSSION and role_grants(actor.role, "mash.strategy.convene"):
            return redirect("mash:strategy-convene-vist", found.reference)  # straight on to convening it
        return redirect("mash:queue")
    persons = list(found.persons.all())
    clock = map_clocks(VIST_SUBJECT, [found.pk], VIST_RULE_CODES).get(found.pk)
    known = map_already_known(
        actor, ArrivalKind.VIST_PERSON, persons, purpose=f"already known check: {found.reference}"
    )
    return render(
        request,
        "mash/vist.html",
        {
            "vist": found,
            "triage": triage,
            "persons": persons,
            "incidents": incident_vists.list_incidents_for_vist(found),
            "late": vist_lag.late_words(found),
            "green_escalation": green_escalation(found),
            "known": known,
            "nhs": map_nhs_numbers(known),
            "form": form,
            "outcomes": VistOutcome.choices,
            "deadline": deadline(clock, timezone.now()),
            "grade_tags": GRADE_TAGS,
            "priority": priority.of_vist(found),
            "force_told": list_force_told(found),
            **views_queue.working_on(found, actor),
            **views_checks.item_checks(found, actor),
            **views_strategy.item_discussions(found, actor),
            **display(),
        },
    )


@requires("mash.triage")
def escalations(request: HttpRequest) -> HttpResponse:
    """Every missed deadline nobody has yet taken in hand, newest first."""
    open_escalations = core_selectors.list_open_escalations()
    return render(
        request,
        "mash/escalations.html",
        {
            "escalations": open_escalations,
            "links": describe_subjects((e.clock.subject_type, e.clock.subject_id) for e in open_escalations),
            "rules": {code: rule.description for code, rule in RULES.items()},
            "when": display()["when"],
        },
    )


@requires("mash.triage")
@require_http_methods(["POST"])
def acknowledge(request: HttpRequest, escalation_id: int) -> HttpResponse:
    escalation = next((e for e in core_selectors.list_open_escalations() if e.pk == escalation_id), None)
    if escalation is None:
        raise Http404("no open escalation with that id")
    acknowledge_escalation(escalation, request.user)
    messages.success(request, "Escalation acknowledged: it is no longer on the list.")
    return redirect("mash:escalations")
