"""The demo's Operation Encompass: after make demo, Millbrook Primary's DSL has last night's notifications to
acknowledge (one child found through the household), the council officer has a home-educated child's, MASH education
a child nobody matched; loaded again, nothing is added."""

from __future__ import annotations

import pytest

from frontdoor.encompass.models import Notice, RouteReason, UnmatchedChild
from frontdoor.web.demo import load_demo_data
from support.demo import home_of

pytestmark = pytest.mark.django_db


def test_each_encompass_role_has_work_on_their_home(demo, client) -> None:
    school_notices = Notice.objects.filter(school__agency__name="Millbrook Primary School")
    assert school_notices.count() == 2
    lily = school_notices.get(child__first_name="Lily")
    assert "Not named by the officer" in lily.other_information
    assert "2 notifications about your pupils are waiting" in home_of(client, "dsl", "school_dsl")
    ethan = Notice.objects.get(child__first_name="Ethan")  # dual registered: told at his main school, not the AP
    assert ethan.school.agency.name == "Esterbury Academy"
    council = Notice.objects.get(routed=RouteReason.HOME_EDUCATED)
    officer_home = home_of(client, "education.safeguarding", "education_safeguarding_officer")
    assert council.reference in officer_home
    assert UnmatchedChild.objects.filter(first_name="Mia").exists()
    assert "Mia Farow" in home_of(client, "mash.education", "mash_education")


def test_loading_the_demo_again_adds_no_notice(demo) -> None:
    before = list(Notice.objects.values_list("reference", flat=True).order_by("reference"))
    load_demo_data()
    assert list(Notice.objects.values_list("reference", flat=True).order_by("reference")) == before
    assert UnmatchedChild.objects.count() == 1
