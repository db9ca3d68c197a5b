"""The demo's MACE workspace: the coordinator's home shows the children listed and an overdue disruption action; the
network joins Tyler, Mia, Reece and Kayla through the flat on Mill Street, Dex, Marcus Kane, the Corsa and the phone;
this month's agenda has the newly listed, the raised and the overdue; last month's minutes are there; loaded again,
nothing is added."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.mace import services
from frontdoor.mace.models import DisruptionAction, Intelligence, Meeting
from frontdoor.web.demo import load_demo_data

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, role: str) -> None:
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split()).replace(" ,", ",")


def test_the_coordinator_has_a_mace_mornings_work(demo, client) -> None:
    sign_in(client, "missing", "missing_exploitation_coordinator")
    home = text(client, "/")
    assert "MACE: children at risk of exploitation" in home
    assert "4 children at risk of exploitation listed for MACE, 3 at high risk" in home
    assert "2 open disruption actions, 1 overdue" in home
    closure = DisruptionAction.objects.get(what__startswith="Closure notice")
    assert closure.due_at < timezone.now() and closure.completed_at is None
    assert f"MACE disruption: disruption action {closure.pk}" in home  # in "My deadlines"

    data = client.get("/mace/network/data/").json()
    labels = {n["data"]["label"] for n in data["elements"]["nodes"]}
    assert {"Tyler Shaw", "Mia Kendall", "Reece Holt", "Kayla Brook", "Dex", "Marcus Kane"} <= labels
    assert {"Flat above the takeaway, Mill Street", "EX12 KLM, silver Vauxhall Corsa", "07700 900461"} <= labels
    flat = next(n["data"]["id"] for n in data["elements"]["nodes"] if n["data"]["label"].startswith("Flat above"))
    linked = {e["data"]["source"] for e in data["elements"]["edges"] if e["data"]["target"] == flat}
    assert len(linked) == 4  # every child in the network has been to the flat
    entities = text(client, "/mace/entities/")
    assert "Flat above the takeaway, Mill Street Place 4" in entities

    children = text(client, "/mace/")
    assert "Tyler Shaw" in children and "Up from medium risk" in children and "Overdue" in children

    held = timezone.localdate()
    coordinator = User.objects.get(username="missing")
    meeting = services.build_meeting(held, actor=Actor(coordinator, "missing_exploitation_coordinator", None))
    reasons = dict(meeting.items.values_list("person__first_name", "reasons"))
    assert reasons["Mia"] == ["new"] and reasons["Tyler"] == ["raised"] and "overdue" in reasons["Reece"]
    last = Meeting.objects.exclude(pk=meeting.pk).get()
    minutes = text(client, f"/mace/meetings/{last.held_on.isoformat()}/minutes/")
    assert "Pat Doyle, Esterbury Constabulary" in minutes and "Closure notice on the flat above the takeaway" in minutes


def test_loading_the_demo_again_adds_nothing(demo) -> None:
    counts = (Intelligence.objects.count(), DisruptionAction.objects.count(), Meeting.objects.count())
    assert counts == (2, 3, 1)
    load_demo_data()
    assert counts == (Intelligence.objects.count(), DisruptionAction.objects.count(), Meeting.objects.count())
