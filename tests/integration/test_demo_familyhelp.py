"""The demo's family help: a family on the triage list, two waiting (one beyond the four-week alert), one allocated
to the early help worker with each child's voice; loaded again, nothing is added and no family moves."""

from __future__ import annotations

import pytest
from django.utils import timezone

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.familyhelp.models import Allocation, ChildVoice, Family, FamilyStatus
from frontdoor.familyhelp.waits import beyond_the_alert
from frontdoor.intake.models import Referral
from frontdoor.web.demo import load_demo_data
from support.words import visible_text

pytestmark = pytest.mark.django_db


def test_the_demo_gives_family_help_a_triage_list_a_waiting_list_an_alert_and_an_allocated_family(demo, client) -> None:
    families = {f.children.first().last_name: f for f in Family.objects.all()}
    assert {name: f.status for name, f in families.items()} == {
        "Hart": FamilyStatus.TRIAGE,
        "Osei": FamilyStatus.WAITING,
        "Brennan": FamilyStatus.WAITING,
        "Whitfield": FamilyStatus.ALLOCATED,
    }

    beyond = [
        name
        for name, f in families.items()
        if f.status != "allocated" and beyond_the_alert(f.waiting_since, timezone.now())
    ]
    assert beyond == ["Brennan"]
    allocation = Allocation.objects.get(family=families["Whitfield"])
    assert allocation.lead_practitioner.username == "earlyhelp"
    assert ChildVoice.objects.filter(allocation=allocation).count() == 2
    assert all(c.person_id for f in families.values() for c in f.children.all())  # each child's record is there

    client.force_login(User.objects.get(username="earlyhelp"))
    session = client.session
    session[ACTIVE_ROLE_KEY] = "early_help_worker"
    session.save()
    home = visible_text(client.get("/").content)
    assert "1 family on the triage list" in home and "2 families waiting for allocation" in home
    assert "1 family waiting 4 weeks or more" in home


def test_loading_the_demo_again_adds_no_family_and_moves_none(demo) -> None:
    before = {f.reference: f.status for f in Family.objects.all()}
    referrals = Referral.objects.count()
    load_demo_data()
    assert {f.reference: f.status for f in Family.objects.all()} == before
    assert Referral.objects.count() == referrals
