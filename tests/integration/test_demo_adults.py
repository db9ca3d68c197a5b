"""The demo's parents on a referral: the school names Claire Ashdown on Tyler's referral with her maiden name, and
once the records are linked the social worker who has Tyler's referral sees that the police know her under it; it
names his dad Darren with nothing else about him, and the police know him from an incident with Tyler (ADR 0012)."""

from __future__ import annotations

from html import unescape

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.intake.matching import match_arrivals
from frontdoor.intake.models import Referral, ReferralAdult
from frontdoor.linkage.services import link_source_records
from frontdoor.people.models import SourceRecord
from frontdoor.web.demo import load_demo_data
from frontdoor.web.demo_adults import NOMINAL

pytestmark = pytest.mark.django_db


def test_tylers_referral_names_his_mother_with_her_maiden_name(demo) -> None:
    claire = ReferralAdult.objects.get(name="Claire Ashdown", referral__concern__startswith="Tyler came to school")
    assert (claire.previous_names, claire.relationship, claire.lives_with_child) == ("Marsden", "Mother", True)
    nominal = SourceRecord.objects.get(system="police", source_id=NOMINAL)
    assert nominal.date_of_birth is None and nominal.age_years and nominal.link_pending_since is not None
    load_demo_data()
    assert ReferralAdult.objects.filter(name="Claire Ashdown").count() == 1
    assert SourceRecord.objects.filter(source_id=NOMINAL).count() == 1


def test_the_social_worker_sees_the_police_know_her_under_it(demo, client) -> None:
    link_source_records()
    match_arrivals()
    referral = Referral.objects.get(concern__startswith="Tyler came to school")
    client.force_login(User.objects.get(username="mash.sw"))
    session = client.session
    session[ACTIVE_ROLE_KEY] = "mash_social_worker"
    session.save()
    html = unescape(" ".join(client.get(f"/mash/referrals/{referral.reference}/").content.decode().split()))
    assert "Claire Ashdown (Mother)" in html
    assert "Compared under Marsden, a previous surname given on the referral." in html
    darren = html[html.index("Darren Ashdown (Father)") :]
    assert "Recorded with a child on this referral:" in darren
    assert "Recorded by the police at 14 Kiln Lane, ES3 7QP, where Tyler Ashdown is recorded too." in darren
    assert "Recorded by the police with Tyler Ashdown at a domestic-abuse incident on" in darren
    assert "Not enough to match on" not in darren
    home = unescape(" ".join(client.get("/mash/").content.decode().split()))
    assert referral.reference in home
