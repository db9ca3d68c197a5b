"""The MACE workspace: cleared roles only (every other role refused, the JSON too); the children listed with their
level, trend, overdue rescreen and missing episodes; persons of concern and places counted across intelligence,
return home interviews, where children were found and trigger plans, one node however each record wrote it; the
network's JSON, every child in it an audited look; bad filters answered naming the field; intelligence recorded with
its grading, and the form's errors beside the fields."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access.models import AccessAudit
from frontdoor.mace.models import Entity, Intelligence
from frontdoor.missing import interviews
from support.exploitation import HIGH, MEDIUM, screen
from support.factories import PersonFactory
from support.mace import intelligence, listed_child
from support.missing import FINDINGS, accept, bring_back, interview_of, plan, report, rhi_worker

pytestmark = pytest.mark.django_db

CLEARED = ["missing_exploitation_coordinator", "mash_police"]
NOT_CLEARED = [
    "mash_social_worker",
    "mash_manager",
    "return_home_interview_worker",
    "referrer",
    "police_supervisor",
    "analyst",
    "privacy_officer",
    "system_administrator",
]
PAGES = [
    "/mace/",
    "/mace/entities/",
    "/mace/network/",
    "/mace/network/data/",
    "/mace/intelligence/",
    "/mace/actions/",
    "/mace/meetings/",
]


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(response.content.decode())).split()).replace(" ,", ",")


@pytest.mark.parametrize("role", CLEARED)
def test_the_cleared_roles_open_every_page_of_the_workspace(client, sign_in_as, role: str) -> None:
    listed_child()
    sign_in_as(role)
    for path in PAGES:
        assert client.get(path).status_code == 200, path
    assert client.get("/mace/intelligence/new/").status_code == 200


@pytest.mark.parametrize("role", NOT_CLEARED)
def test_every_other_role_is_refused_every_page_and_the_networks_data(client, sign_in_as, role: str) -> None:
    child = listed_child()
    intelligence([child], [("place", "Flat 3, 12 Mill Street")])
    sign_in_as(role)
    for path in [*PAGES, "/mace/intelligence/new/", "/mace/actions/new/"]:
        response = client.get(path)
        assert response.status_code == 403, (path, response.status_code)
        assert child.last_name.encode() not in response.content


def test_children_at_risk_show_level_trend_rescreen_and_missing_episodes(client, sign_in_as) -> None:
    raised = PersonFactory(first_name="Kayla", last_name="Brook", date_of_birth=timezone.localdate().replace(year=2010))
    screen(raised, MEDIUM, at=timezone.now() - timedelta(days=60))
    screen(raised, HIGH, at=timezone.now() - timedelta(days=40))  # high: rescreen within 30 days, so overdue
    report(raised)  # missing now
    steady = listed_child(first_name="Jayden", last_name="Marsh")
    sign_in_as("missing_exploitation_coordinator")
    rows = text_of(client.get("/mace/"))
    assert "2 children listed" in rows
    kayla = rows.split("Kayla Brook")[1].split("Jayden Marsh")[0]  # high first, the longest listed first
    assert "High risk Up from medium risk" in kayla and "Overdue" in kayla
    assert kayla.split("Overdue")[1].split()[:2] == ["1", "1"]  # missing now, episodes in the period
    assert "First screening" in rows.split("Jayden Marsh")[1]
    medium = text_of(client.get("/mace/?level=medium&period=30"))
    assert "No child is listed for MACE at medium risk" in medium and steady.last_name not in medium


def _episode_with_findings(child, where: str, with_whom: str):
    episode = report(child, went_missing_at=timezone.now() - timedelta(days=5))
    bring_back(episode, at=timezone.now() - timedelta(days=4))
    accept(episode)
    data = interviews.FindingsData(
        **{**FINDINGS.__dict__, "where": where, "with_whom": with_whom, "held_at": timezone.now() - timedelta(days=3)}
    )
    interviews.complete_interview(interview_of(episode), data, actor=rhi_worker())
    return episode


def test_a_place_written_three_ways_is_one_place_counted_across_its_sources(client, sign_in_as) -> None:
    kayla, jayden, ellis = listed_child(), listed_child(), listed_child()
    _episode_with_findings(kayla, "The flat above the takeaway, Mill Street; the retail park", "Dex (about 20)")
    plan(
        jayden,
        places="the flat above the takeaway, Mill Street",
        associates="DEX",
        vehicles="EX12 ABC silver Vauxhall",
        phones="07700 900123",
    )
    intelligence(
        [ellis, jayden],
        [("place", "Flat above the takeaway, Mill Street."), ("vehicle", "ex12abc"), ("phone", "+44 7700 900123")],
    )
    sign_in_as("missing_exploitation_coordinator")
    rows = text_of(client.get("/mace/entities/"))
    # Named as intelligence named it; three children linked, one piece of intelligence, one episode, one trigger plan,
    # and none in the three months before.
    assert "Flat above the takeaway, Mill Street Place 3 Up from 0 1 1 1 Agree an action" in rows
    assert rows.lower().count("above the takeaway") == 2  # the row and its hidden link text: one place
    assert "Dex (about 20) Person of concern 2 Up from 0 0 1 1" in rows  # the interview's and the plan's, one adult
    assert "ex12abc Vehicle 2 Up from 0 1 0 1" in rows and "+44 7700 900123 Phone 2 Up from 0 1 0 1" in rows
    assert Entity.objects.filter(kind="place").count() == 1


def test_the_networks_data_reads_each_child_through_the_access_gate(client, sign_in_as) -> None:
    kayla, jayden = listed_child(), listed_child()
    intelligence([kayla, jayden], [("adult", "Dex"), ("place", "12 Mill Street")])
    user = sign_in_as("mash_police")
    response = client.get("/mace/network/data/?period=30&level=high")
    assert response.status_code == 200
    data = response.json()
    kinds = sorted(n["data"]["kind"] for n in data["elements"]["nodes"])
    assert kinds == ["adult", "child", "child", "place"]
    assert len(data["elements"]["edges"]) == 4
    assert {e["data"]["how"] for e in data["elements"]["edges"]} == {"Intelligence graded 2BP"}
    looks = AccessAudit.objects.filter(actor=user, action="view_person", purpose__startswith="MACE network")
    assert sorted(looks.values_list("person_id", flat=True)) == sorted([kayla.pk, jayden.pk])
    assert "2 children, 1 person of concern and 1 place, joined by 4 links" in data["description"]
    assert "Dex (person of concern, 2 children)" in data["description"]
    page = text_of(client.get("/mace/network/"))
    assert "The network as a table" in page and "Dex (person of concern) Intelligence graded 2BP" in page


def test_a_bad_filter_is_answered_naming_the_field(client, sign_in_as) -> None:
    sign_in_as("missing_exploitation_coordinator")
    response = client.get("/mace/network/data/?period=forever")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "period"
    assert client.get("/mace/?period=forever&level=extreme").status_code == 200  # a page falls back to its defaults


def test_intelligence_is_recorded_with_its_grading_and_bad_input_is_answered_by_the_field(client, sign_in_as) -> None:
    child = listed_child(first_name="Leah", last_name="Dunmore")
    sign_in_as("mash_police")
    response = client.post("/mace/intelligence/new/", {"handling": "C", "children": ["999999"]})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    for message in (
        "Enter the date the intelligence was received",
        "Enter the intelligence",
        "Select how far the source can be relied on",
        "Enter the conditions on sharing",
        "Select children from the list",
        "Enter at least one person of concern, place, vehicle or phone",
    ):
        assert message in html, message
    today = timezone.localdate()
    response = client.post(
        "/mace/intelligence/new/",
        {
            "received_day": today.day,
            "received_month": today.month,
            "received_year": today.year,
            "summary": "Seen getting into a silver car outside the school.",
            "source_evaluation": "1",
            "assessment": "B",
            "handling": "P",
            "children": [str(child.pk)],
            "entity_vehicle": "EX12 ABC, silver",
            "entity_adult": "Dex\nTall man called Jay",
        },
    )
    assert response.status_code == 302
    intel = Intelligence.objects.get()
    assert intel.grading == "1BP" and list(intel.children.all()) == [child]
    assert sorted(intel.entities.values_list("label", flat=True)) == ["Dex", "EX12 ABC, silver", "Tall man called Jay"]
    listed = text_of(client.get("/mace/intelligence/"))
    assert "graded 1BP" in listed and "Leah Dunmore" in listed and "1: reliable" in listed
