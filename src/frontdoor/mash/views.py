"""The MASH side of a referral: the triage queue, the referral in full, and the decision the referrer is told.

Every look at a referral goes through `intake.selectors.get_referral_for_mash`, which writes the audit row.
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
from frontdoor.access.policy import role_grants
from frontdoor.core import selectors as core_selectors
from frontdoor.core.clocks import RULES, acknowledge_escalation
from frontdoor.intake import selectors, services
from frontdoor.intake.forms import DecisionForm, VistTriageForm
from frontdoor.intake.models import ArrivalKind, Outcome, Referral, ReferralStatus, Vist, VistOutcome
from frontdoor.intake.views import Deadline, deadline, display
from frontdoor.intake.views_mine import decision_deadlines

VIST_RULES = ("mash.red", "mash.amber", "mash.green")
GRADE_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}


def triage_queue() -> tuple[list[tuple[Referral, Deadline | None]], list[tuple[Vist, Deadline | None]]]:
    """Referrals awaiting a decision and VISTs awaiting triage, oldest first, each with its deadline."""
    referrals = list(selectors.list_triage_queue())
    referral_deadlines = decision_deadlines(referrals)
    vists = list(selectors.list_vist_queue())
    clocks = selectors.map_clocks("intake.vist", [v.pk for v in vists], VIST_RULES)
    now = timezone.now()
    waiting = [v for v in vists if v.pk not in clocks or clocks[v.pk].closed_at is None]
    return (
        [(r, referral_deadlines[r.pk]) for r in referrals],
        [(v, deadline(clocks.get(v.pk), now)) for v in waiting],
    )


def _referral(request: HttpRequest, reference: str, purpose: str) -> tuple[Actor, Referral]:
    actor = Actor.from_request(request)
    try:
        return actor, selectors.get_referral_for_mash(actor, reference, purpose=purpose)
    except Referral.DoesNotExist:
        raise Http404("no such referral") from None


def _context(referral: Referral, **extra: Any) -> dict[str, Any]:
    return {
        "referral": referral,
        "children": list(referral.children.all()),
        "adults": list(referral.adults.all()),
        "deadline": decision_deadlines([referral])[referral.pk],
        **display(),
        **extra,
    }


@requires("mash.triage")
def queue(request: HttpRequest) -> HttpResponse:
    referrals, vists = triage_queue()
    return render(
        request, "mash/queue.html", {"referrals": referrals, "vists": vists, "grade_tags": GRADE_TAGS, **display()}
    )


@requires("mash.triage")
def referral(request: HttpRequest, reference: str) -> HttpResponse:
    """The referral in full. A worker who can decide on it picks it up by opening it: the referrer sees that."""
    actor, found = _referral(request, reference, purpose="triage")
    can_decide = role_grants(actor.role, "mash.decide")
    if can_decide and found.status == ReferralStatus.RECEIVED:
        found = services.start_screening(found, actor=actor)
    purpose = f"already known check: {found.reference}"
    known = selectors.map_already_known(actor, ArrivalKind.REFERRAL_CHILD, found.children.all(), purpose=purpose)
    known_adults = selectors.map_already_known(actor, ArrivalKind.REFERRAL_ADULT, found.adults.all(), purpose=purpose)
    return render(
        request, "mash/referral.html", _context(found, can_decide=can_decide, known=known, known_adults=known_adults)
    )


@requires("mash.decide")
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, reference: str) -> HttpResponse:
    actor, found = _referral(request, reference, purpose="decision")
    if found.status == ReferralStatus.DECIDED:
        messages.info(request, f"A decision has already been recorded on referral {found.reference}.")
        return redirect("mash:referral", found.reference)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decided = services.record_decision(
            found, actor=actor, outcome=form.cleaned_data["outcome"], summary=form.cleaned_data["decision_summary"]
        )
        outcome = Outcome(decided.outcome).label
        messages.success(
            request, f"Decision recorded on referral {decided.reference}: {outcome}. The referrer has been told."
        )
        return redirect("mash:queue")
    return render(request, "mash/decide.html", _context(found, form=form, outcomes=Outcome.choices))


@requires("mash.triage")
@require_http_methods(["GET", "POST"])
def vist(request: HttpRequest, reference: str) -> HttpResponse:
    """A police VIST in full, who its people are probably known to, and its triage (what happens next, and why)."""
    actor = Actor.from_request(request)
    try:
        found = selectors.get_vist_for_mash(actor, reference, purpose="triage")
    except Vist.DoesNotExist:
        raise Http404("no such VIST") from None
    form = VistTriageForm(request.POST if request.method == "POST" and found.triaged_at is None else None)
    if request.method == "POST" and found.triaged_at is not None:
        messages.info(request, f"{found.reference} has already been triaged.")
        return redirect("mash:vist", found.reference)
    if request.method == "POST" and form.is_valid():
        triaged = services.triage_vist(
            found, actor=actor, outcome=form.cleaned_data["outcome"], rationale=form.cleaned_data["rationale"]
        )
        messages.success(request, f"{triaged.reference} triaged: {VistOutcome(triaged.triage_outcome).label}.")
        return redirect("mash:queue")
    persons = list(found.persons.all())
    clock = selectors.map_clocks("intake.vist", [found.pk], VIST_RULES).get(found.pk)
    known = selectors.map_already_known(
        actor, ArrivalKind.VIST_PERSON, persons, purpose=f"already known check: {found.reference}"
    )
    return render(
        request,
        "mash/vist.html",
        {
            "vist": found,
            "persons": persons,
            "incidents": list(found.incidents.all()),
            "known": known,
            "form": form,
            "outcomes": VistOutcome.choices,
            "deadline": deadline(clock, timezone.now()),
            "grade_tags": GRADE_TAGS,
            **display(),
        },
    )


SUBJECTS = {"intake.referral": "Referral", "intake.vist": "VIST"}


def _subject_links(escalations: list) -> dict[int, tuple[str, str]]:
    """For each escalation, what its clock is about: a label and where to see it."""
    referral_ids = [int(e.clock.subject_id) for e in escalations if e.clock.subject_type == "intake.referral"]
    vist_ids = [int(e.clock.subject_id) for e in escalations if e.clock.subject_type == "intake.vist"]
    references = dict(Referral.objects.filter(pk__in=referral_ids).values_list("pk", "reference"))
    vists = dict(Vist.objects.filter(pk__in=vist_ids).values_list("pk", "reference"))
    links = {}
    for e in escalations:
        subject_id = int(e.clock.subject_id) if e.clock.subject_id.isdigit() else 0
        if e.clock.subject_type == "intake.referral" and subject_id in references:
            links[e.pk] = (f"Referral {references[subject_id]}", f"/mash/referrals/{references[subject_id]}/")
        elif e.clock.subject_type == "intake.vist" and subject_id in vists:
            links[e.pk] = (f"VIST {vists[subject_id]}", f"/mash/vists/{vists[subject_id]}/")
        else:
            links[e.pk] = (SUBJECTS.get(e.clock.subject_type, e.clock.subject_type), "")
    return links


@requires("mash.triage")
def escalations(request: HttpRequest) -> HttpResponse:
    """Every missed deadline nobody has yet taken in hand, newest first."""
    open_escalations = core_selectors.list_open_escalations()
    return render(
        request,
        "mash/escalations.html",
        {
            "escalations": open_escalations,
            "links": _subject_links(open_escalations),
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
