"""The demo's VIST compliance: the police supervisor's home has incidents with children and no VIST and late VISTs,
their list names officer and team, the lag page has numbers, a third green VIST shows its history; loaded again,
nothing is added."""

from __future__ import annotations

import re
from html import unescape

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.intake.models import DomesticAbuseIncident, Vist
from frontdoor.web.demo import load_demo_data

pytestmark = pytest.mark.django_db


def page_as(client, username: str, role: str, path: str) -> str:
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()
    return " ".join(unescape(client.get(path).content.decode()).split())


def test_the_police_supervisor_has_incidents_without_a_vist_and_late_vists(demo, client) -> None:
    home = page_as(client, "police.supervisor", "police_supervisor", "/")
    section = home.split('data-testid="home-vist-compliance"')[1].split("</ul>")[0]
    assert "incidents with children</strong> still waiting for a VIST 24 hours after the incident" in section
    late = re.search(r"(\d+) VISTs? sent late in the last four weeks", section)
    assert late and int(late.group(1)) >= 2
    listing = page_as(client, "police.supervisor", "police_supervisor", "/vist-compliance/")
    for reference in ("ESP-VC-NOVIST-6D", "ESP-VC-NOVIST-3D", "ESP-VC-NOVIST-30H"):
        assert reference in listing
    assert "ESP-VC-NOVIST-20H" not in listing  # still inside its 24 hours
    assert listing.index("ESP-VC-NOVIST-6D") < listing.index("ESP-VC-NOVIST-30H")  # oldest first
    assert "Submitted 4 days after the incident" in listing
    lag = page_as(client, "police.supervisor", "police_supervisor", "/vist-compliance/lag/")
    assert "Esterbury North response" in lag and "hours" in lag


def test_the_third_green_vist_in_the_demo_shows_its_history(demo, client) -> None:
    third = Vist.objects.get(incident_reference="ESP-VC-GREEN-0")
    assert third.effective_grade == "amber"
    html = page_as(client, "mash.police", "mash_police", f"/mash/vists/{third.reference}/")
    assert 'data-testid="green-escalation"' in html and "Leo Marsh" in html


def test_loading_the_demo_again_adds_no_incident_or_vist(demo) -> None:
    before = (DomesticAbuseIncident.objects.count(), Vist.objects.count())
    load_demo_data()
    assert (DomesticAbuseIncident.objects.count(), Vist.objects.count()) == before
