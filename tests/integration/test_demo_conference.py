"""The demo's initial child protection conferences: one held (a plan under neglect for each child, the first review's
clock running, shown on the discussion and on the child's page) and one still due (Tyler's); loaded again, nothing
is added."""

from __future__ import annotations

from html import unescape

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.core.models import Clock, ClockState
from frontdoor.mash.models_conference import ChildProtectionConference, ConferenceOutcome
from frontdoor.web.demo import load_demo_data

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, role: str) -> None:
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


def test_the_demo_holds_one_conference_held_and_one_due(demo, client) -> None:
    held = ChildProtectionConference.objects.get()
    outcomes = list(ConferenceOutcome.objects.filter(conference=held))
    assert outcomes and all(o.plan and o.category == "NEG" for o in outcomes)
    review = Clock.objects.get(subject_id=str(held.discussion_id), rule="mash.conference.review")
    assert review.state == ClockState.RUNNING
    due = Clock.objects.filter(rule="mash.strategy.conference", state=ClockState.RUNNING)
    assert due.count() == 1 and due.get().subject_id != str(held.discussion_id)
    sign_in(client, "mash.manager", "mash_manager")
    page = unescape(client.get(f"/mash/strategy/{held.discussion.reference}/").content.decode())
    assert "A child protection plan: neglect" in page and 'data-testid="review-clock"' in page
    sign_in(client, "mash.sw", "mash_social_worker")
    child = outcomes[0].child.person_id
    chronology = unescape(client.get(f"/record/{child}/").content.decode())
    assert "Initial child protection conference" in chronology and "category: neglect" in chronology
    assert "first review conference after strategy discussion" in chronology.lower()  # an open deadline


def test_loading_the_demo_again_adds_no_conference(demo) -> None:
    load_demo_data()
    assert ChildProtectionConference.objects.count() == 1
