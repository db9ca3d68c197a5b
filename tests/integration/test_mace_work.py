"""The MACE workspace's work: a disruption action's clock (20 working days, escalating to the coordinator, in their
"My deadlines", met when completed with its outcome); the monthly meeting's agenda built once from the children
listed (newly listed, risk raised, rescreen overdue first), attendance, a decision with an action that closes a
listing, and the minutes."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from frontdoor.core.clocks import RULES, sweep_due_clocks
from frontdoor.core.models import Clock, ClockState, Escalation, OutboxMessage
from frontdoor.exploitation.models import MaceListing
from frontdoor.mace import services
from frontdoor.mace.models import ACTION_SUBJECT, DisruptionAction, Meeting
from support.exploitation import HIGH, MEDIUM, screen
from support.factories import PersonFactory, UserFactory
from support.mace import TEEN, action, cleared, listed_child

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split()).replace(" ,", ",")


def test_the_disruption_rule_is_twenty_working_days_escalating_to_the_coordinator() -> None:
    rule = RULES["mace.disruption"]
    assert (rule.unit.value, rule.amount, rule.escalate_to) == ("working days", 20, "missing_exploitation_coordinator")


def test_a_missed_action_is_escalated_to_the_coordinator_and_met_late_when_completed(client, sign_in_as) -> None:
    coordinator = UserFactory(roles=["missing_exploitation_coordinator"])
    police = cleared("mash_police")
    start = timezone.now() - timedelta(days=60)
    with time_machine.travel(start, tick=False):
        agreed = action("Stop and search the silver Vauxhall EX12 ABC", actor=police)
    clock = Clock.objects.get(subject_type=ACTION_SUBJECT, subject_id=str(agreed.pk))
    assert clock.due_at == agreed.due_at and clock.due_at - start >= timedelta(days=26)  # 20 working days
    assert sweep_due_clocks(now=clock.due_at - timedelta(minutes=1)) == 0
    assert sweep_due_clocks(now=clock.due_at + timedelta(minutes=1)) == 1
    clock.refresh_from_db()
    assert clock.state == ClockState.BREACHED
    assert Escalation.objects.get(clock=clock).notify_role == "missing_exploitation_coordinator"
    told = OutboxMessage.objects.get(kind="clock.breached", recipient=coordinator)
    assert f"disruption action {agreed.pk}" in told.subject.lower()
    client.force_login(coordinator)
    sign_in_as("missing_exploitation_coordinator")
    home = text_of(client.get("/"))
    assert "1 open disruption action, 1 overdue" in home
    assert f"MACE disruption: disruption action {agreed.pk}" in home  # in "My deadlines"
    page = text_of(client.get(f"/mace/actions/{agreed.pk}/"))
    assert "overdue: the coordinator has been told" in page
    response = client.post(f"/mace/actions/{agreed.pk}/", {"outcome": ""})
    assert "Enter what came of the action" in unescape(response.content.decode())
    response = client.post(f"/mace/actions/{agreed.pk}/", {"outcome": "Stopped on Mill Street; two phones seized."})
    assert response.status_code == 302
    clock.refresh_from_db()
    agreed.refresh_from_db()
    assert clock.state == ClockState.MET and clock.closed_at is not None
    assert agreed.outcome == "Stopped on Mill Street; two phones seized."
    assert f"disruption action {agreed.pk}" not in text_of(client.get("/")).lower()


def test_a_role_outside_the_workspace_cannot_complete_an_action(client, sign_in_as) -> None:
    agreed = action()
    sign_in_as("mash_manager")
    assert client.post(f"/mace/actions/{agreed.pk}/", {"outcome": "Done"}).status_code == 403
    assert DisruptionAction.objects.get().completed_at is None


def test_the_agenda_puts_new_raised_and_overdue_first_and_the_decision_closes_a_listing(client, sign_in_as) -> None:
    actor = cleared()
    earlier = timezone.localdate() - timedelta(days=35)
    quiet = PersonFactory(first_name="Quiet", last_name="Child", date_of_birth=TEEN)
    raised = PersonFactory(first_name="Raised", last_name="Child", date_of_birth=TEEN)
    overdue = PersonFactory(first_name="Overdue", last_name="Child", date_of_birth=TEEN)
    with time_machine.travel(timezone.now() - timedelta(days=50), tick=False):
        screen(quiet, MEDIUM)
        screen(raised, MEDIUM)
        screen(overdue, HIGH)  # high: rescreen within 30 days, so overdue now
    services.build_meeting(earlier, actor=actor)  # last month's meeting
    with time_machine.travel(timezone.now() - timedelta(days=20), tick=False):
        screen(raised, HIGH)  # after last month's meeting
    screen(quiet, MEDIUM)  # the same level: not raised, and its rescreen is months away
    new = listed_child(first_name="New", last_name="Child")
    meeting = services.build_meeting(timezone.localdate(), actor=actor)
    assert services.build_meeting(timezone.localdate(), actor=actor) == meeting  # built once
    items = list(meeting.items.order_by("position").values_list("person__first_name", "reasons"))
    assert items == [("New", ["new"]), ("Raised", ["raised"]), ("Overdue", ["overdue"]), ("Quiet", ["review"])]

    user = sign_in_as("missing_exploitation_coordinator")
    path = f"/mace/meetings/{meeting.held_on.isoformat()}/"
    agenda = text_of(client.get(path))
    assert "1. New Child High risk Newly listed" in agenda and "3. Overdue Child High risk Rescreen overdue" in agenda
    response = client.post(path, {"chair": "DI Sam Okafor", "attendees": "Sam Okafor, police\nAlex Rowe, youth"})
    assert response.status_code == 302
    item = meeting.items.get(person=new)
    response = client.post(f"{path}items/{item.pk}/", {"decision": "", "close_listing": "no", "action": "Visit"})
    html = unescape(response.content.decode())
    assert "Enter what the meeting decided" in html and "Select who owns the action" in html
    response = client.post(
        f"{path}items/{item.pk}/",
        {"decision": "Safety plan agreed with school; police to disrupt the address.", "close_listing": "no",
         "action": "Closure notice on the flat above the takeaway", "owner": str(user.pk)},
    )  # fmt: skip
    assert response.status_code == 302
    agreed = DisruptionAction.objects.get()
    assert (agreed.person, agreed.owner, agreed.item.pk) == (new, user, item.pk)
    assert Clock.objects.filter(subject_type=ACTION_SUBJECT, subject_id=str(agreed.pk)).exists()
    quiet_item = meeting.items.get(person=quiet)
    client.post(f"{path}items/{quiet_item.pk}/", {"decision": "Risk has settled: step down.", "close_listing": "yes"})
    assert MaceListing.objects.get(person=quiet).closed_on == meeting.held_on
    minutes = text_of(client.get(f"{path}minutes/"))
    assert "Sam Okafor, police" in minutes and "Alex Rowe, youth" in minutes
    assert "Decision: Safety plan agreed with school" in minutes
    assert "Closure notice on the flat above the takeaway" in minutes
    assert "Decision: Risk has settled: step down. The child's MACE listing is closed." in minutes
    assert "No decision recorded." in minutes  # the raised and overdue children, not yet decided
    assert Meeting.objects.count() == 2


def test_a_meeting_date_that_is_not_a_date_is_not_found_and_a_missing_date_is_asked_for(client, sign_in_as) -> None:
    sign_in_as("missing_exploitation_coordinator")
    assert client.get("/mace/meetings/not-a-date/").status_code == 404
    assert client.get("/mace/meetings/2026-02-30/").status_code == 404
    response = client.post("/mace/meetings/", {})
    assert "Enter the date of the meeting" in unescape(response.content.decode())
