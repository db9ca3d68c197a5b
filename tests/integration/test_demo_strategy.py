"""The demo's strategy discussions: one held with a joint section 47 enquiry and its conference clock, one pre-birth
to hold, one convened out of hours by the EDT; each MASH role's home has discussion work; loaded again, nothing is
added."""

from __future__ import annotations

from html import unescape

import pytest

from frontdoor.core.models import Clock, ClockState
from frontdoor.mash.models_strategy import StrategyAction, StrategyDiscussion, StrategyStatus
from frontdoor.web.demo import load_demo_data
from support.demo import home_of

pytestmark = pytest.mark.django_db


def test_the_demo_holds_open_discussions_one_with_its_conference_clock(demo, client) -> None:
    discussions = list(StrategyDiscussion.objects.filter(conference__isnull=True).order_by("id"))  # one is held
    assert [d.status for d in discussions] == [
        StrategyStatus.RECORDED,
        StrategyStatus.CONVENED,
        StrategyStatus.CONVENED,
    ]
    held, pre_birth, out_of_hours = discussions
    conference = Clock.objects.get(subject_id=str(held.pk), rule="mash.strategy.conference")
    assert conference.state == ClockState.RUNNING
    assert pre_birth.pre_birth and out_of_hours.out_of_hours
    assert StrategyAction.objects.filter(owner__username="mash.police", done_at__isnull=True).exists()
    sw = home_of(client, "mash.sw", "mash_social_worker")
    assert 'data-testid="to-hold"' in sw and 'data-testid="to-circulate"' in sw
    assert 'data-testid="my-actions"' in home_of(client, "mash.police", "mash_police")
    assert 'data-testid="to-hold"' in home_of(client, "edt", "edt_worker")
    manager = home_of(client, "mash.manager", "mash_manager")
    assert 'data-testid="to-hold"' in manager and 'data-testid="to-circulate"' in manager
    page = unescape(client.get(f"/mash/strategy/{held.reference}/").content.decode())
    assert 'data-testid="conference-clock"' in page


def test_loading_the_demo_again_adds_no_discussion(demo) -> None:
    before = list(StrategyDiscussion.objects.values_list("reference", "status").order_by("reference"))
    load_demo_data()
    assert list(StrategyDiscussion.objects.values_list("reference", "status").order_by("reference")) == before
