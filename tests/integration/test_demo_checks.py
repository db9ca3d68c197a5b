"""The demo's MASH checks: the police officer, the health practitioner and the hospital's responder each have checks
waiting on their home, some answered, one overdue; loaded again, nothing is added."""

from __future__ import annotations

import pytest

from frontdoor.mash import checks_selectors
from frontdoor.mash.models import CheckStatus, MashCheck
from frontdoor.web.demo import load_demo_data
from support.demo import home_of

pytestmark = pytest.mark.django_db


def test_each_responder_has_checks_on_their_home_some_answered_one_overdue(demo, client) -> None:
    open_checks = {a: [c for c in MashCheck.objects.filter(agency__name=a, status=CheckStatus.OPEN)] for a in (
        "Esterbury Constabulary", "Esterbury Community Health", "Esterbury Hospitals NHS Trust")}  # fmt: skip
    assert all(open_checks.values()), open_checks
    assert MashCheck.objects.filter(status=CheckStatus.ANSWERED).count() == 2
    for username, role, agency in (
        ("mash.police", "mash_police", "Esterbury Constabulary"),
        ("mash.health", "mash_health", "Esterbury Community Health"),
        ("responder", "partner_responder", "Esterbury Hospitals NHS Trust"),
    ):
        home = home_of(client, username, role)
        count = len(open_checks[agency])
        assert f"{count} MASH check{'' if count == 1 else 's'} waiting for {agency}'s answer" in home, username
        assert "My deadlines" in home, username
    hospital = checks_selectors.count_agency_checks(open_checks["Esterbury Hospitals NHS Trust"][0].agency)
    assert hospital.overdue == 1
    police = checks_selectors.count_agency_checks(open_checks["Esterbury Constabulary"][0].agency)
    assert police.overdue == 1
    supervisor = home_of(client, "police.supervisor", "police_supervisor")
    assert "MASH checks to your agency past their deadline" in supervisor and "Overdue" in supervisor
    assert "Team deadlines" in home_of(client, "mash.manager", "mash_manager")
    assert "My deadlines" in home_of(client, "mash.sw", "mash_social_worker")


def test_loading_the_demo_again_adds_no_check_and_answers_none_twice(demo) -> None:
    before = list(MashCheck.objects.values_list("reference", "status", "answered_at").order_by("reference"))
    load_demo_data()
    assert list(MashCheck.objects.values_list("reference", "status", "answered_at").order_by("reference")) == before
