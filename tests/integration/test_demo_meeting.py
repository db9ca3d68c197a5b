"""The demo's daily meeting and out-of-hours hand-over: the MASH's homes show the meeting with items on its agenda,
one with a decision and a next step; the EDT's contact waits in the MASH's triage queue; loaded again, nothing is
added."""

from __future__ import annotations

from html import unescape

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.mash import meeting_selectors
from frontdoor.mash.models_edt import EdtContact
from frontdoor.mash.models_meeting import AgendaItem, Attendance, Discussion, Meeting, NextStep
from frontdoor.web.demo import load_demo_data

pytestmark = pytest.mark.django_db


def page_of(client, username: str, role: str, path: str = "/") -> str:
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()
    return unescape(client.get(path, follow=True).content.decode())


def test_the_demo_holds_a_meeting_agenda_and_a_hand_over_on_the_homes(demo, client) -> None:
    meeting = Meeting.objects.get()
    count = meeting_selectors.count_agenda(meeting)
    assert count >= 3  # the demo's VISTs and its red referral
    assert Attendance.objects.filter(meeting=meeting).count() == 5
    assert Discussion.objects.count() == 1 and NextStep.objects.get().owner.username == "mash.police"
    home = page_of(client, "mash.sw", "mash_social_worker")
    said = "Today's meeting" if meeting.held_on == meeting_selectors.today() else "The last meeting"
    assert said in home and f"{count} items" in home
    assert "1 out-of-hours hand-over" in home
    contact = EdtContact.objects.get()
    queue = page_of(client, "mash.manager", "mash_manager", "/mash/")
    assert f'data-reference="{contact.reference}"' in queue
    edt_home = page_of(client, "edt", "edt_worker")
    assert "1 contact handed over, waiting for the MASH to pick it up" in edt_home
    assert "My deadlines" in page_of(client, "mash.police", "mash_police")  # the next step the meeting gave them
    # On a working day the meeting page opens today's meeting; on any other day it links to the last one.
    day = "" if meeting.held_on == meeting_selectors.today() else f"{meeting.held_on.isoformat()}/"
    if day:
        assert f'href="/mash/meeting/{day}"' in page_of(client, "mash.manager", "mash_manager", "/mash/meeting/")
    agenda = page_of(client, "mash.manager", "mash_manager", f"/mash/meeting/{day}")
    assert AgendaItem.objects.first().reference in agenda  # type: ignore[union-attr]


def test_loading_the_demo_again_adds_nothing_to_the_meeting_or_the_edt(demo) -> None:
    counts = [m.objects.count() for m in (Meeting, AgendaItem, Attendance, Discussion, NextStep, EdtContact)]
    load_demo_data()
    assert [m.objects.count() for m in (Meeting, AgendaItem, Attendance, Discussion, NextStep, EdtContact)] == counts
