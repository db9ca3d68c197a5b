"""The already-known check finds the adults on a referral as well as the children: a mother the police hold under
her maiden name, mistyped, with an age instead of a date of birth, at the children's address."""

from __future__ import annotations

import pytest

from frontdoor.intake.matching import match_arrivals, previous_surnames
from frontdoor.people.models import SourceRecord, SourceSystem
from support.arrivals import known_child, mother_matches, refer_with_mother
from support.factories import SourceRecordFactory

pytestmark = pytest.mark.django_db


def _police_nominal(postcode: str) -> SourceRecord:
    """A police nominal of a woman with no date of birth (aged 31 at the incident), under "JONSE": her maiden name,
    Jones, with two letters swapped."""
    return SourceRecordFactory(
        system=SourceSystem.POLICE,
        kind="adult",
        first_name="MARISOL",
        last_name="JONSE",
        date_of_birth=None,
        age_years=31,
        sex="F",
        postcode=postcode,
    )


def test_a_mother_held_by_police_under_her_mistyped_maiden_name_is_found(linked_county) -> None:
    child = known_child()
    nominal = _police_nominal(child.postcode)
    matches = mother_matches(refer_with_mother(child, previous_names="Jones"))
    found = [m for m in matches if m["source_record_id"] == nominal.pk]
    assert found, matches
    assert found[0]["under_surname"] == "Jones"
    assert found[0]["grade"] in ("certain", "probable", "possible")


def test_her_maiden_name_is_evidence(linked_county) -> None:
    """Under her married name alone the nominal is found only by her first name at the children's address and an
    age that fits; her maiden name, given on the referral, makes the match stronger."""
    child = known_child()
    nominal = _police_nominal(child.postcode)
    without = [m for m in mother_matches(refer_with_mother(child)) if m["source_record_id"] == nominal.pk]
    with_it = [
        m
        for m in mother_matches(refer_with_mother(child, previous_names="Jones"))
        if m["source_record_id"] == nominal.pk
    ]
    assert with_it and "under_surname" not in (without[0] if without else {})
    assert with_it[0]["grade"] in ("certain", "probable")
    assert not without or without[0]["grade"] in ("possible", "probable")  # never certain on her first name alone
    assert with_it[0]["probability"] > (without[0]["probability"] if without else 0.0)


def test_the_mash_sees_her_and_under_which_surname(client, sign_in_as, linked_county) -> None:
    child = known_child()
    _police_nominal(child.postcode)
    referral = refer_with_mother(child, previous_names="Jones")
    match_arrivals()
    sign_in_as("mash_social_worker")
    html = client.get(f"/mash/referrals/{referral.reference}/").content.decode()
    assert "Marisol Whitfield (Mother)" in html
    assert "Compared under Jones, a previous surname given on the referral." in html
    assert "Police" in html


def test_previous_surnames_are_read_as_written() -> None:
    assert previous_surnames("Jones, Smith-Jones; jones", "Whitfield") == ["Jones", "Smith-Jones"]
    assert previous_surnames(" Whitfield ,", "Whitfield") == []
    assert previous_surnames("", "Whitfield") == []
