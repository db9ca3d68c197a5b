"""Strategy discussions' pages: convene one (from a referral, a VIST, a child's page, or out of hours by the
emergency duty team), the open discussions, one discussion with its record and clocks, the record form, and the
buttons that circulate the record, mark the conference held and mark an action done.

Views are thin: reads through `mash.strategy_selectors` (which audits each look), writes through
`mash.strategy_convening`, `mash.strategy_recording` and `mash.conference_services`.
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
from frontdoor.access.selectors import LookLimitReached, NeedsBreakGlass, access_person
from frontdoor.core.clocks import working_calendar
from frontdoor.core.display import deadline, when
from frontdoor.intake.models import Referral, Vist
from frontdoor.mash import conference_services, selectors, strategy_convening, strategy_recording, strategy_selectors
from frontdoor.mash.conference_clocks import REVIEW
from frontdoor.mash.conference_forms import CATEGORIES, ConferenceForm, today_initial
from frontdoor.mash.models_conference import CategoryOfAbuse
from frontdoor.mash.models_strategy import (
    SECTION_47,
    Attending,
    DecisionKind,
    StrategyDiscussion,
    StrategyStatus,
)
from frontdoor.mash.queue import name_of
from frontdoor.mash.strategy_clocks import HOLD, RECORD, STRATEGY_SUBJECT
from frontdoor.mash.strategy_forms import ACTION_ROWS, ConveneForm, RecordForm
from frontdoor.people.models import Person, PersonKind

STATUS_TAGS = {
    StrategyStatus.CONVENED: "govuk-tag--blue",
    StrategyStatus.RECORDED: "govuk-tag--orange",
    StrategyStatus.CIRCULATED: "govuk-tag--green",
    StrategyStatus.CANCELLED: "govuk-tag--grey",
}


def _words() -> dict[str, Any]:
    return {
        "when": when,
        "name_of": name_of,
        "status_tags": STATUS_TAGS,
        "attending": dict(Attending.choices),
        "decision_labels": dict(DecisionKind.choices),
        "categories_of_abuse": dict(CategoryOfAbuse.choices),
    }


def item_discussions(item: Referral | Vist, actor: Actor) -> dict[str, Any]:
    """The discussions on a referral or VIST, for its page, and whether the actor may convene one."""
    return {
        "discussions": strategy_selectors.list_item_discussions(item),
        "may_convene": role_grants(actor.role, "mash.strategy.convene"),
    }


def _convene(
    request: HttpRequest,
    actor: Actor,
    *,
    about: str,
    back: str,
    referral: Referral | None = None,
    vist: Vist | None = None,
    person: Person | None = None,
    out_of_hours: bool = False,
) -> HttpResponse:
    users = strategy_selectors.list_invitable_users()
    minimum = [str(a) for a in strategy_selectors.MINIMUM] + [str(Attending.EDUCATION)]
    data = request.POST if request.method == "POST" else None
    form = ConveneForm(data, users=users, initial={"agencies": minimum})
    if request.method == "POST" and form.is_valid():
        try:
            discussion = strategy_convening.convene_strategy_discussion(
                actor=actor,
                reason=form.cleaned_data["reason"],
                invites=form.invites(),
                referral=referral,
                vist=vist,
                person=person,
                out_of_hours=out_of_hours,
            )
        except strategy_convening.StrategyRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(
                request, f"Strategy discussion {discussion.reference} convened. Those you named have been told."
            )
            return redirect("mash:strategy-discussion", discussion.reference)
    return render(
        request,
        "mash/strategy/convene.html",
        {"form": form, "about": about, "back": back, "out_of_hours": out_of_hours, "users": users, **_words()},
    )


@requires("mash.strategy.convene")
@require_http_methods(["GET", "POST"])
def convene_from_referral(request: HttpRequest, reference: str) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        referral = selectors.get_referral_for_mash(actor, reference, purpose="strategy discussion")
    except Referral.DoesNotExist:
        raise Http404("no such referral") from None
    back = f"/mash/referrals/{referral.reference}/"
    return _convene(request, actor, about=f"referral {referral.reference}", back=back, referral=referral)


@requires("mash.strategy.convene")
@require_http_methods(["GET", "POST"])
def convene_from_vist(request: HttpRequest, reference: str) -> HttpResponse:
    actor = Actor.from_request(request)
    try:
        vist = selectors.get_vist_for_mash(actor, reference, purpose="strategy discussion")
    except Vist.DoesNotExist:
        raise Http404("no such VIST") from None
    return _convene(request, actor, about=f"VIST {vist.reference}", back=f"/mash/vists/{vist.reference}/", vist=vist)


def _child(request: HttpRequest, actor: Actor, person_id: int) -> Person | HttpResponse:
    """The child the discussion is about, through the access gate (audited); without a relationship, to their
    page, which offers break-glass where the role may."""
    try:
        access = access_person(actor, person_id, purpose="strategy discussion")
    except Person.DoesNotExist:
        raise Http404("no such person") from None
    except (NeedsBreakGlass, LookLimitReached):
        return redirect("singleview:person", person_id)
    if access.person.kind == PersonKind.ADULT:
        raise Http404("a strategy discussion is about a child")
    return access.person


def _name(person: Person) -> str:
    return f"{person.first_name} {person.last_name}".strip() or "a child whose name is not known"


@requires("mash.strategy.convene")
@require_http_methods(["GET", "POST"])
def convene_for_child(request: HttpRequest, person_id: int) -> HttpResponse:
    """From an open case: the child's page."""
    actor = Actor.from_request(request)
    child = _child(request, actor, person_id)
    if isinstance(child, HttpResponse):
        return child
    return _convene(request, actor, about=_name(child), back=f"/record/{child.pk}/", person=child)


@requires("mash.strategy.convene_out_of_hours")
@require_http_methods(["GET", "POST"])
def convene_out_of_hours(request: HttpRequest, person_id: int) -> HttpResponse:
    """The emergency duty team convenes an urgent discussion out of hours; in working hours the MASH does."""
    actor = Actor.from_request(request)
    child = _child(request, actor, person_id)
    if isinstance(child, HttpResponse):
        return child
    if working_calendar().is_working_time(timezone.now()):
        return render(
            request, "mash/strategy/working_hours.html", {"about": _name(child), "back": f"/record/{child.pk}/"}
        )
    return _convene(request, actor, about=_name(child), back=f"/record/{child.pk}/", person=child, out_of_hours=True)


@requires("mash.strategy.view")
def discussions(request: HttpRequest) -> HttpResponse:
    """The discussions still to be held or circulated that the actor may see, newest first."""
    actor = Actor.from_request(request)
    found = strategy_selectors.list_discussions(actor)
    hold = strategy_selectors.map_clocks(STRATEGY_SUBJECT, [d.pk for d in found], HOLD.code)
    record = strategy_selectors.map_clocks(STRATEGY_SUBJECT, [d.pk for d in found], RECORD.code)
    now = timezone.now()
    rows = [(d, deadline(hold.get(d.pk) or record.get(d.pk), now)) for d in found]
    return render(request, "mash/strategy/list.html", {"rows": rows, **_words()})


def _discussion(request: HttpRequest, reference: str, purpose: str) -> tuple[Actor, StrategyDiscussion]:
    actor = Actor.from_request(request)
    try:
        return actor, strategy_selectors.get_discussion(actor, reference, purpose=purpose)
    except StrategyDiscussion.DoesNotExist:
        raise Http404("no such strategy discussion") from None


@requires("mash.strategy.view")
def discussion(request: HttpRequest, reference: str) -> HttpResponse:
    """One discussion: who it is about, who was invited and attended, what was shared and decided, its actions and
    its clocks (the conference clock when it started a section 47 enquiry)."""
    actor, found = _discussion(request, reference, purpose="strategy discussion")
    now = timezone.now()
    hold = strategy_selectors.map_clocks(STRATEGY_SUBJECT, [found.pk], HOLD.code).get(found.pk)
    record = strategy_selectors.map_clocks(STRATEGY_SUBJECT, [found.pk], RECORD.code).get(found.pk)
    conference = strategy_selectors.find_conference_clock(found)
    held = strategy_selectors.find_conference(found)
    review = strategy_selectors.find_conference_clock(found, REVIEW.code)
    action_clocks = strategy_selectors.map_action_clocks(found)
    may_record = role_grants(actor.role, "mash.strategy.record")
    decisions = [d.kind for d in found.decisions.all()]
    return render(
        request,
        "mash/strategy/discussion.html",
        {
            "d": found,
            "people": list(found.people.all()),
            "invitees": list(found.invitees.all()),
            "decisions": decisions,
            "section_47": any(k in SECTION_47 for k in decisions),
            "actions": [(a, deadline(action_clocks.get(a.pk), now)) for a in found.actions.all()],
            "hold": deadline(hold, now),
            "record": deadline(record, now),
            "conference": deadline(conference, now),
            "conference_clock": conference,
            "may_record": may_record and found.status == StrategyStatus.CONVENED,
            "may_circulate": may_record and found.status == StrategyStatus.RECORDED,
            "may_record_conference": may_record and conference is not None and held is None,
            "held": held,
            "held_agencies": [Attending(a.attending_for).label for a in held.attendance.all()] if held else [],
            "review": deadline(review, now),
            "me": actor.user,
            "may_record_role": may_record,
            **_words(),
        },
    )


@requires("mash.strategy.record")
@require_http_methods(["GET", "POST"])
def record(request: HttpRequest, reference: str) -> HttpResponse:
    """The record of a discussion once held."""
    actor, found = _discussion(request, reference, purpose="record a strategy discussion")
    if found.status != StrategyStatus.CONVENED:
        messages.info(request, f"Strategy discussion {found.reference} has already been recorded.")
        return redirect("mash:strategy-discussion", found.reference)
    invitees = list(found.invitees.all())
    owners = strategy_selectors.list_invitable_users()
    form = RecordForm(request.POST if request.method == "POST" else None, invitees=invitees, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            strategy_recording.record_discussion(
                found,
                actor=actor,
                attendance=form.attendance(),
                decisions=form.cleaned_data["decisions"],
                rationale=form.cleaned_data["rationale"],
                actions=form.actions(),
                held_at=form.cleaned_data["held_at"],
            )
        except strategy_convening.StrategyRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, f"Strategy discussion {found.reference} recorded. Circulate the record next.")
            return redirect("mash:strategy-discussion", found.reference)
    required = strategy_selectors.required_agencies(found.school_age)
    return render(
        request,
        "mash/strategy/record.html",
        {
            "d": found,
            "form": form,
            "invitees": invitees,
            "required": [Attending(a).label for a in required],
            "rows": range(ACTION_ROWS),
            **_words(),
        },
    )


@requires("mash.strategy.record")
@require_http_methods(["POST"])
def circulate(request: HttpRequest, reference: str) -> HttpResponse:
    actor, found = _discussion(request, reference, purpose="circulate a strategy discussion's record")
    try:
        strategy_recording.circulate_record(found, actor=actor)
    except strategy_convening.StrategyRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "Record circulated. Everyone who attended has been told.")
    return redirect("mash:strategy-discussion", found.reference)


@requires("mash.strategy.record")
@require_http_methods(["GET", "POST"])
def conference(request: HttpRequest, reference: str) -> HttpResponse:
    """The record of the initial child protection conference after a discussion that started section 47."""
    actor, found = _discussion(request, reference, purpose="initial child protection conference")
    if strategy_selectors.find_conference_clock(found) is None:
        raise Http404("no conference follows this discussion")
    if strategy_selectors.find_conference(found) is not None:
        messages.info(request, f"The conference after strategy discussion {found.reference} has been recorded.")
        return redirect("mash:strategy-discussion", found.reference)
    children = list(found.people.filter(is_child=True))
    data = request.POST if request.method == "POST" else None
    form = ConferenceForm(data, children=children, initial=today_initial())
    if request.method == "POST" and form.is_valid():
        try:
            conference_services.record_conference(found, actor=actor, given=form.conference())
        except strategy_convening.StrategyRefused as refused:
            form.add_error(refused.field if refused.field in form.fields else None, refused.message)
        else:
            messages.success(request, "Initial child protection conference recorded.")
            return redirect("mash:strategy-discussion", found.reference)
    return render(
        request,
        "mash/strategy/conference.html",
        {"d": found, "form": form, "children": children, "categories": CATEGORIES, **_words()},
    )


@requires("mash.strategy.view")
@require_http_methods(["POST"])
def action_done(request: HttpRequest, reference: str, action_id: int) -> HttpResponse:
    """The owner of an action (or whoever records discussions) marks it done."""
    actor, found = _discussion(request, reference, purpose="strategy discussion action")
    action = strategy_selectors.find_action(found, action_id)
    if action is None or not (action.owner_id == actor.user.pk or role_grants(actor.role, "mash.strategy.record")):  # type: ignore[union-attr]
        raise Http404("no such action for you")
    strategy_recording.complete_action(action, actor=actor)
    messages.success(request, "Action marked as done.")
    return redirect("mash:strategy-discussion", found.reference)
