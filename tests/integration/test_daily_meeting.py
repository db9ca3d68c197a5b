"""The daily multi-agency vulnerability meeting: each working day's agenda built once from the VISTs and red
referrals since the last meeting and the items carried forward; attendance by agency; a decision and next steps (each
on the clock) per item; items carried forward until closed; the minutes; the attendees' reach; the home section."""

from __future__ import annotations

from datetime import date, timedelta
from html import unescape

import pytest
import time_machine

from frontdoor.core.models import Clock, ClockState
from frontdoor.mash import meeting_selectors, meeting_services
from frontdoor.mash.meeting_clocks import STEP_SUBJECT
from frontdoor.mash.meeting_relationships import attendees_reach_the_agenda
from frontdoor.mash.models_meeting import AgendaItem, Meeting, NextStep
from frontdoor.people.models import PersonKind
from support.factories import (
    PersonFactory,
    ReferralChildFactory,
    ReferralFactory,
    UserFactory,
    VistFactory,
    VistPersonFactory,
)
from support.meeting import actor, uk

pytestmark = pytest.mark.django_db

MONDAY, TUESDAY = date(2026, 11, 30), date(2026, 12, 1)


def overnight_arrivals():
    """Between Friday's meeting and Monday's: a VIST on Saturday night, a red (level 4) referral and an amber one."""
    with time_machine.travel(uk(2026, 11, 27, 9, 30), tick=False):
        friday = meeting_services.build_meeting(date(2026, 11, 27))
    vist = VistFactory(received_at=uk(2026, 11, 28, 23, 10))
    VistPersonFactory(vist=vist, first_name="Ruby", last_name="Marsh")
    red = ReferralFactory(received_at=uk(2026, 11, 29, 11), level_of_need=4)
    ReferralChildFactory(referral=red, first_name="Tyler", last_name="Ashdown")
    amber = ReferralFactory(received_at=uk(2026, 11, 29, 12), level_of_need=3)
    return friday, vist, red, amber


def test_mondays_agenda_holds_the_weekends_vist_and_red_referral_once() -> None:
    friday, vist, red, amber = overnight_arrivals()
    assert friday is not None and meeting_selectors.count_agenda(friday) == 0
    with time_machine.travel(uk(2026, 11, 30, 9), tick=False):
        monday = meeting_services.build_meeting(MONDAY)
        again = meeting_services.build_meeting(MONDAY)
    assert monday is not None and again == monday
    agenda = meeting_selectors.list_agenda(monday)
    assert [row.item.reference for row in agenda] == [vist.reference, red.reference]
    assert agenda[0].children == ["Ruby Marsh"] and agenda[1].children == ["Tyler Ashdown"]
    assert AgendaItem.objects.count() == 2 and not AgendaItem.objects.filter(referral=amber).exists()
    # Something arriving after Monday's agenda was built waits for Tuesday's.
    late = VistFactory(received_at=uk(2026, 11, 30, 11))
    with time_machine.travel(uk(2026, 12, 1, 9), tick=False):
        tuesday = meeting_services.build_meeting(TUESDAY)
    assert tuesday is not None
    references = [row.item.reference for row in meeting_selectors.list_agenda(tuesday)]
    assert late.reference in references and vist.reference in references  # the VIST is carried forward


def test_the_worker_builds_the_agenda_from_the_opening_of_working_days_only() -> None:
    with time_machine.travel(uk(2026, 11, 30, 8, 59), tick=False):
        assert meeting_services.build_todays_meeting() == 0
    with time_machine.travel(uk(2026, 11, 30, 9), tick=False):
        assert meeting_services.build_todays_meeting() == 1
        assert meeting_services.build_todays_meeting() == 0
    with time_machine.travel(uk(2026, 11, 28, 10), tick=False):  # a Saturday
        assert meeting_services.build_todays_meeting() == 0
    with time_machine.travel(uk(2026, 12, 25, 10), tick=False):  # Christmas Day
        assert meeting_services.build_todays_meeting() == 0
    assert list(Meeting.objects.values_list("held_on", flat=True)) == [MONDAY]


def _monday_item():
    _, vist, _, _ = overnight_arrivals()
    with time_machine.travel(uk(2026, 11, 30, 9), tick=False):
        monday = meeting_services.build_meeting(MONDAY)
    assert monday is not None
    return monday, AgendaItem.objects.get(vist=vist)


def test_opening_the_meeting_builds_todays_agenda_and_records_a_decision(client, sign_in_as) -> None:
    _, vist, _, _ = overnight_arrivals()
    with time_machine.travel(uk(2026, 11, 30, 9, 5), tick=False):
        sign_in_as("mash_social_worker")
        response = client.get("/mash/meeting/")
        assert response.status_code == 302 and response["Location"] == "/mash/meeting/2026-11-30/"
        page = unescape(client.get("/mash/meeting/2026-11-30/").content.decode())
        assert "Daily vulnerability meeting, Monday 30 November 2026" in page
        assert f'data-reference="{vist.reference}"' in page and "2 items on the agenda" in page
        item = AgendaItem.objects.get(vist=vist)
        blank = client.post(f"/mash/meeting/2026-11-30/items/{item.pk}/", {"note": "", "decision": "", "outcome": ""})
        assert blank.status_code == 400
        assert "Enter what the meeting discussed" in unescape(blank.content.decode())
        done = client.post(
            f"/mash/meeting/2026-11-30/items/{item.pk}/",
            {"note": "Police and school shared.", "decision": "Strategy discussion today.", "outcome": "carry_forward"},
        )
        assert done.status_code == 302
        page = unescape(client.get("/mash/meeting/2026-11-30/").content.decode())
        assert "Keep it on the agenda until its next steps are done" in page


def test_a_next_step_runs_on_the_clock_and_the_item_closes_only_when_it_is_done(client, sign_in_as) -> None:
    monday, item = _monday_item()
    owner = UserFactory(roles=["mash_police"], first_name="Sam", last_name="Okafor")
    with time_machine.travel(uk(2026, 11, 30, 10), tick=False):
        sign_in_as("mash_social_worker")
        url = f"/mash/meeting/2026-11-30/items/{item.pk}/"
        bad = client.post(f"{url}steps/", {"action": "", "owner": "999999", "due": "soon"})
        assert bad.status_code == 400
        words = unescape(bad.content.decode())
        assert "Enter the next step" in words and "Select who owns the next step" in words
        ok = client.post(
            f"{url}steps/", {"action": "Check the school roll", "owner": owner.pk, "due": "mash.meeting.step.1"}
        )
        assert ok.status_code == 302
        step = NextStep.objects.get()
        clock = Clock.objects.get(subject_type=STEP_SUBJECT, subject_id=str(step.pk))
        assert clock.due_at == uk(2026, 12, 1, 10)
        refused = client.post(url, {"note": "Done.", "decision": "Close.", "outcome": "close"})
        assert refused.status_code == 400
        assert "1 next step is not done yet" in unescape(refused.content.decode())
        assert client.post(f"/mash/meeting/steps/{step.pk}/done/", {"next": url}).status_code == 302
        clock.refresh_from_db()
        assert clock.state == ClockState.MET and not clock.met_late
        assert client.post(url, {"note": "Done.", "decision": "Close.", "outcome": "close"}).status_code == 302
    item.refresh_from_db()
    assert item.closed_meeting == monday
    with time_machine.travel(uk(2026, 12, 1, 9), tick=False):
        tuesday = meeting_services.build_meeting(TUESDAY)
    assert tuesday is not None
    assert item.pk not in [row.item.pk for row in meeting_selectors.list_agenda(tuesday)]
    assert item.pk in [row.item.pk for row in meeting_selectors.list_agenda(monday)]  # the minutes keep it


@pytest.mark.parametrize(
    ("agreed", "rule", "due"),
    [
        (uk(2026, 11, 27, 15), "mash.meeting.step.1", uk(2026, 11, 30, 15)),  # Friday to Monday
        (uk(2026, 5, 22, 15), "mash.meeting.step.1", uk(2026, 5, 26, 15)),  # over the spring bank holiday
        (uk(2026, 10, 23, 14), "mash.meeting.step.1", uk(2026, 10, 26, 14)),  # the clocks go back
        (uk(2026, 3, 27, 14), "mash.meeting.step.3", uk(2026, 4, 1, 14)),  # the clocks go forward
        (uk(2026, 11, 27, 20), "mash.meeting.step.5", uk(2026, 12, 4, 17)),  # agreed out of hours
    ],
)
def test_next_step_clocks_count_working_days(agreed, rule, due) -> None:
    meeting_day = agreed.date()
    with time_machine.travel(agreed, tick=False):
        vist = VistFactory(received_at=agreed - timedelta(hours=1))
        meeting = Meeting.objects.create(held_on=meeting_day, cut_off=agreed, built_at=agreed)
        item = AgendaItem.objects.create(vist=vist, first_meeting=meeting)
        chair = UserFactory(roles=["mash_manager"])
        step = meeting_services.add_next_step(
            item, meeting, actor=actor(chair, "mash_manager"), action="Visit", owner=chair, rule=rule
        )
    assert Clock.objects.get(subject_type=STEP_SUBJECT, subject_id=str(step.pk)).due_at == due


def test_attendance_by_agency_and_attendees_reach_the_children_on_the_agenda(client, sign_in_as) -> None:
    child = PersonFactory(kind=PersonKind.CHILD)
    _, vist, _, _ = overnight_arrivals()
    VistPersonFactory(vist=vist, person=child, first_name=child.first_name, last_name=child.last_name)
    police = UserFactory(roles=["mash_police"], first_name="Sam", last_name="Okafor")
    health = UserFactory(roles=["mash_health"])
    with time_machine.travel(uk(2026, 11, 30, 9, 5), tick=False):
        chair = sign_in_as("mash_manager")
        client.get("/mash/meeting/")
        assert attendees_reach_the_agenda(police, "mash_police", child.pk) is None
        response = client.post("/mash/meeting/2026-11-30/attendance/", {"attendees": [police.pk, chair.pk]})
        assert response.status_code == 302
        reason = attendees_reach_the_agenda(police, "mash_police", child.pk)
        assert reason == "child on the agenda of the daily meeting they attended on Monday 30 November 2026"
        assert attendees_reach_the_agenda(health, "mash_health", child.pk) is None  # not there
        assert attendees_reach_the_agenda(police, "partner_responder", child.pk) is None  # not in that role
        page = unescape(client.get("/mash/meeting/2026-11-30/").content.decode())
        assert police.agency.name in page and "Sam Okafor" in page
        minutes = unescape(client.get("/mash/meeting/2026-11-30/minutes/").content.decode())
        assert "Minutes of the daily vulnerability meeting, Monday 30 November 2026" in minutes
        assert "Sam Okafor" in minutes and vist.reference in minutes and "print" in minutes


def test_the_mash_home_shows_todays_meeting_with_its_item_count(client, sign_in_as) -> None:
    overnight_arrivals()
    with time_machine.travel(uk(2026, 11, 30, 9, 5), tick=False):
        meeting_services.build_todays_meeting()
        sign_in_as("mash_social_worker")
        home = unescape(client.get("/").content.decode())
        assert "Daily vulnerability meeting" in home and "Today's meeting: 2 items on the agenda" in home
        sign_in_as("edt_worker")
        assert "Today's meeting" not in unescape(client.get("/").content.decode())


def test_only_the_mash_roles_work_the_meeting(client, sign_in_as) -> None:
    with time_machine.travel(uk(2026, 11, 30, 9, 5), tick=False):
        for role, status in (("mash_education", 302), ("partner_responder", 403), ("edt_worker", 403),
                             ("referrer", 403), ("early_help_worker", 403)):  # fmt: skip
            sign_in_as(role)
            assert client.get("/mash/meeting/").status_code == status, role
        sign_in_as("mash_social_worker")
        assert client.get("/mash/meeting/2026-13-45/").status_code == 404
        assert client.get("/mash/meeting/2026-11-20/").status_code == 404  # no meeting was held then


def test_the_meetings_decision_is_in_the_childs_chronology_and_subject_access(client, sign_in_as) -> None:
    child = PersonFactory(kind=PersonKind.CHILD)
    monday, item = _monday_item()
    VistPersonFactory(vist=item.vist, person=child, first_name=child.first_name, last_name=child.last_name)
    with time_machine.travel(uk(2026, 11, 30, 10), tick=False):
        chair = UserFactory(roles=["mash_manager"])
        meeting_services.record_discussion(
            item, monday, actor=actor(chair, "mash_manager"), note="Shared.", decision="Visit today.", outcome="close"
        )
        sign_in_as("mash_social_worker")
        page = unescape(client.get(f"/record/{child.pk}/").content.decode())
        assert "Daily vulnerability meeting" in page and f"{item.reference}: Visit today." in page
    sign_in_as("privacy_officer")
    doc = client.get(f"/record/{child.pk}/subject-access/", {"format": "json"}).json()
    held = [i for i in doc["front_door"] if i.get("meeting") == "Monday 30 November 2026"]
    assert len(held) == 1 and held[0]["decided"] == "Visit today."


def test_on_a_day_that_is_not_a_working_day_the_meeting_page_links_the_last_one(client, sign_in_as) -> None:
    overnight_arrivals()  # Friday's meeting
    with time_machine.travel(uk(2026, 11, 28, 10), tick=False):
        sign_in_as("mash_social_worker")
        response = client.get("/mash/meeting/")
        page = unescape(response.content.decode())
        assert response.status_code == 200 and not Meeting.objects.filter(held_on=date(2026, 11, 28)).exists()
        assert "Saturday 28 November 2026 is not one" in page
        assert 'href="/mash/meeting/2026-11-27/"' in page
        home = unescape(client.get("/").content.decode())
        assert "The last meeting, Friday 27 November 2026: 0 items" in home
