"""The daily multi-agency vulnerability meeting's pages: today's meeting (its agenda built when first opened, if the
worker has not built it yet), who attended, each item with what was said, decided and agreed, a next step done, and
the minutes as a printable page.

Views are thin: reads through `mash.meeting_selectors`, writes through `mash.meeting_services`; each look at a
meeting is audited.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.access.permissions import requires
from frontdoor.core.display import when
from frontdoor.mash import meeting_selectors as selectors
from frontdoor.mash import meeting_services as services
from frontdoor.mash.meeting_clocks import STEP_CHOICES
from frontdoor.mash.meeting_forms import AttendanceForm, DiscussionForm, NextStepForm
from frontdoor.mash.models_meeting import ItemDecision, Meeting
from frontdoor.mash.queue import name_of


def _words() -> dict[str, Any]:
    return {"when": when, "name_of": name_of, "day_words": selectors.day_words}


def _meeting(day: str) -> Meeting:
    """The meeting of the day in the address; today's is built when first opened."""
    held_on = selectors.parse_day(day)
    if held_on is None:
        raise Http404("no such day")
    found = selectors.find_meeting(held_on)
    if found is None and held_on == selectors.today():
        found = services.build_meeting(held_on)
    if found is None:
        raise Http404("no meeting that day")
    return found


def _look(actor: Actor, meeting: Meeting, what: str) -> None:
    with transaction.atomic():
        record_access(
            actor, None, action="view_daily_meeting", purpose=f"{what} {meeting.pk}", outcome=AuditOutcome.ALLOWED
        )


def _url(meeting: Meeting, name: str = "meeting", *args: Any) -> str:
    return reverse(f"mash:{name}", args=[meeting.held_on.isoformat(), *args])


@requires("mash.meeting")
def today(request: HttpRequest) -> HttpResponse:
    """Today's meeting, or on a day that is not a working day, the latest one."""
    held_on = selectors.today()
    meeting = services.build_meeting(held_on)
    if meeting is not None:
        return redirect(_url(meeting))
    latest = selectors.find_latest_meeting(before=held_on)
    return render(request, "mash/meeting/no_meeting.html", {"today": held_on, "latest": latest, **_words()})


@requires("mash.meeting")
def meeting(request: HttpRequest, day: str) -> HttpResponse:
    """A meeting's agenda: the items carried forward and the new ones, who attended, and what is still to decide."""
    actor = Actor.from_request(request)
    found = _meeting(day)
    agenda = selectors.list_agenda(found)
    _look(actor, found, "agenda of daily meeting")
    return render(
        request,
        "mash/meeting/meeting.html",
        {
            "meeting": found,
            "agenda": agenda,
            "attendance": selectors.list_attendance(found),
            "is_today": found.held_on == selectors.today(),
            "previous": selectors.find_latest_meeting(before=date.fromordinal(found.held_on.toordinal() - 1)),
            **_words(),
        },
    )


@requires("mash.meeting")
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, day: str) -> HttpResponse:
    actor = Actor.from_request(request)
    found = _meeting(day)
    people = selectors.list_possible_attendees()
    present = [row.user_id for _, rows in selectors.list_attendance(found) for row in rows]
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        people=people,
        initial={"attendees": [str(p) for p in present]},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.chosen()
        services.set_attendance(found, actor=actor, users=chosen)
        messages.success(request, f"Attendance recorded: {len(chosen)} {'person' if len(chosen) == 1 else 'people'}.")
        return redirect(_url(found))
    return render(
        request,
        "mash/meeting/attendance.html",
        {"meeting": found, "form": form, "people": people, "present": present, "back": _url(found), **_words()},
    )


def _item_page(
    request: HttpRequest, found: Meeting, row: selectors.AgendaRow, discussion: DiscussionForm, step: NextStepForm
) -> HttpResponse:
    return render(
        request,
        "mash/meeting/item.html",
        {
            "meeting": found,
            "row": row,
            "form": discussion,
            "step_form": step,
            "outcomes": ItemDecision.choices,
            "due_choices": STEP_CHOICES,
            "back": _url(found),
            **_words(),
        },
        status=400 if discussion.errors or step.errors else 200,
    )


def _row(found: Meeting, item_id: int) -> selectors.AgendaRow:
    row = selectors.find_agenda_row(found, item_id)
    if row is None:
        raise Http404("not on this meeting's agenda")
    return row


@requires("mash.meeting")
@require_http_methods(["GET", "POST"])
def item(request: HttpRequest, day: str, item_id: int) -> HttpResponse:
    """One item at one meeting: the discussion, the decision (keep it on the agenda, or close it) and its next steps."""
    actor = Actor.from_request(request)
    found = _meeting(day)
    row = _row(found, item_id)
    people = selectors.list_possible_attendees()
    initial = {}
    if row.discussion is not None:
        d = row.discussion
        initial = {"note": d.note, "decision": d.decision, "outcome": d.outcome}
    form = DiscussionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_discussion(row.item, found, actor=actor, **form.cleaned_data)
        except services.MeetingRefused as refused:
            form.add_error(refused.field or None, refused.message)
        else:
            closed = form.cleaned_data["outcome"] == ItemDecision.CLOSE
            said = "closed" if closed else "kept on the agenda"
            messages.success(request, f"Decision recorded on {row.item.reference}: {said}.")
            return redirect(_url(found))
    if request.method == "GET":
        _look(actor, found, f"item {row.item.pk} at daily meeting")
    return _item_page(request, found, row, form, NextStepForm(people=people))


@requires("mash.meeting")
@require_http_methods(["POST"])
def add_step(request: HttpRequest, day: str, item_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    found = _meeting(day)
    row = _row(found, item_id)
    people = selectors.list_possible_attendees()
    form = NextStepForm(request.POST, people=people)
    if form.is_valid():
        owner = form.chosen_owner()
        try:
            services.add_next_step(
                row.item,
                found,
                actor=actor,
                action=form.cleaned_data["action"],
                owner=owner,
                rule=form.cleaned_data["due"],
            )
        except services.MeetingRefused as refused:
            form.add_error(refused.field or None, refused.message)
        else:
            messages.success(request, f"Next step agreed on {row.item.reference}, owned by {name_of(owner)}.")
            return redirect(_url(found, "meeting-item", row.item.pk))
    return _item_page(request, found, row, DiscussionForm(), form)


@requires("mash.meeting")
@require_http_methods(["POST"])
def step_done(request: HttpRequest, step_id: int) -> HttpResponse:
    actor = Actor.from_request(request)
    step = selectors.find_step(step_id)
    if step is None:
        raise Http404("no such next step")
    services.complete_step(step, actor=actor)
    messages.success(request, f"Next step on {step.item.reference} marked as done.")
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/mash/meeting/") else reverse("mash:meeting-today"))


@requires("mash.meeting")
def minutes(request: HttpRequest, day: str) -> HttpResponse:
    """The minutes: who attended, and each item with its discussion, decision and next steps, ready to print."""
    actor = Actor.from_request(request)
    found = _meeting(day)
    agenda = selectors.list_agenda(found)
    _look(actor, found, "minutes of daily meeting")
    return render(
        request,
        "mash/meeting/minutes.html",
        {
            "meeting": found,
            "agenda": agenda,
            "attendance": selectors.list_attendance(found),
            "back": _url(found),
            **_words(),
        },
    )
