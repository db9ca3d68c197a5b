"""The demo's triage queue: referrals and VISTs of each priority, some taken, one overdue, an unborn baby; loaded
again, nothing is added and nobody's work is moved."""

from __future__ import annotations

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.intake.models import Referral, Vist
from frontdoor.mash.models import Assignment, ReferralPriority
from frontdoor.mash.queue import open_items
from frontdoor.web.demo import load_demo_data

pytestmark = pytest.mark.django_db


def test_the_demo_queue_has_each_priority_of_each_kind_some_taken_one_overdue(demo) -> None:
    everything = open_items()
    assert [i.kind for i in everything if i.kind == "handover"] == ["handover"]  # the EDT's, from last night
    items = [i for i in everything if i.kind != "handover"]
    assert {(i.kind, i.priority.grade) for i in items} == {
        (kind, grade) for kind in ("referral", "vist") for grade in ("red", "amber", "green")
    }
    assert any(i.kind == "referral" and i.priority.set for i in items)  # one set by the manager at triage
    assert any(i.kind == "referral" and not i.priority.set for i in items)  # and the others only suggested
    workers = {i.reference: i.worker.username for i in items if i.worker is not None}
    assert sorted(workers.values()) == ["mash.police", "mash.sw", "mash.sw"]
    assert Assignment.objects.filter(assigned_by__username="mash.manager", worker__username="mash.sw").exists()
    assert [i.kind for i in items if i.overdue] == ["referral"]
    assert any(child.unborn for i in items for child in i.children)


def test_loading_the_demo_again_adds_nothing_and_leaves_work_where_it_is(demo) -> None:
    sw = User.objects.get(username="mash.sw")
    taken = Assignment.objects.filter(worker=sw, vist__isnull=False).get()
    # Between loads, the manager gives Sam's VIST to the police officer: a reload leaves it with them.
    manager = User.objects.get(username="mash.manager")
    taken.ended_at = taken.assigned_at
    taken.save(update_fields=["ended_at"])
    police = User.objects.get(username="mash.police")
    Assignment.objects.create(vist=taken.vist, worker=police, assigned_by=manager, assigned_at=taken.assigned_at)
    before = [m.objects.count() for m in (Referral, Vist, Assignment, ReferralPriority)]

    load_demo_data()
    assert [m.objects.count() for m in (Referral, Vist, Assignment, ReferralPriority)] == before
    assert Assignment.objects.get(vist=taken.vist, ended_at__isnull=True).worker == police


def test_the_social_worker_sees_a_real_queue_after_the_demo_loads(demo, client) -> None:
    client.force_login(User.objects.get(username="mash.sw"))
    session = client.session
    session[ACTIVE_ROLE_KEY] = "mash_social_worker"
    session.save()
    html = " ".join(client.get("/mash/").content.decode().split())
    assert (
        "8 items waiting for triage: 3 referrals waiting for a decision and 4 VISTs waiting for triage, "
        "1 out-of-hours hand-over from the emergency duty team" in html
    )
    # Last night's hand-over is due 4 working hours after this morning's opening: overdue in the afternoon.
    overdue = 1 + sum(i.overdue for i in open_items() if i.kind == "handover")
    assert f"from the emergency duty team, {overdue} overdue." in html
    assert html.count('data-testid="queue-row"') == 8 and "Sam Okafor (you)" in html and "Unborn" in html
    home = " ".join(client.get("/").content.decode().split())
    assert ">2 assigned to you</a>" in home and ">5 unassigned</a>" in home  # the hand-over and Jayden's VIST
