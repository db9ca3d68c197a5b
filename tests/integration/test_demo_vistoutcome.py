"""The demo's police system reads what the MASH made of its VISTs: some being screened, many triaged with their
outcome in words; and MASH police see the same lines on a triaged VIST's page."""

from __future__ import annotations

from html import unescape

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.access.roles import Role
from frontdoor.intake.models import VistUpdate
from frontdoor.web.demo import demo_token

pytestmark = pytest.mark.django_db


def test_the_demo_force_reads_its_vists_outcomes_and_mash_police_see_them(demo, client) -> None:
    response = client.get("/api/v1/vists?limit=500", HTTP_AUTHORIZATION=f"Bearer {demo_token('police-records')}")
    assert response.status_code == 200, response.content
    vists = response.json()
    statuses = {v["status"] for v in vists}
    assert {"screening", "triaged"} <= statuses
    triaged = [v for v in vists if v["status"] == "triaged"]
    assert triaged and all(v["outcome_label"] and v["summary"] for v in triaged)

    client.force_login(User.objects.get(username="mash.police"))
    session = client.session
    session[ACTIVE_ROLE_KEY] = Role.MASH_POLICE
    session.save()
    told = VistUpdate.objects.filter(status="triaged").select_related("vist").first()
    assert told is not None
    page = unescape(" ".join(client.get(f"/mash/vists/{told.vist.reference}/").content.decode().split()))
    assert f"<strong>{told.outcome_label}</strong>" in page
