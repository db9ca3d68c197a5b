"""The already-known check finds the adults on a referral as well as the children: a mother the police hold under
her maiden name, mistyped, with an age instead of a date of birth, at the children's address."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.intake import services
from frontdoor.intake.matching import match_arrivals, previous_surnames
from frontdoor.intake.models import ArrivalKind, IdentityCheck, Referral
from frontdoor.people.models import SourceRecord, SourceSystem
from support.arrivals import known_child, referral_data, submit
from support.factories import SourceRecordFactory, UserFactory

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


def _refer_with_mother(child: SourceRecord, **adult) -> Referral:
    """A school's referral of this known child and her mother, who lives with her (no postcode of her own given)."""
    data = referral_data(
        services.ChildData(
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            postcode=child.postcode,
            wishes_and_feelings="Wants help.",
        ),
        adults=[
            services.AdultData(
                name="Marisol Whitfield",
                relationship="Mother",
                date_of_birth=date(1994, 5, 2),
                parental_responsibility=True,
                **adult,
            )
        ],
    )
    return submit(UserFactory(roles=["school_dsl"]), data)


def _adult_matches(referral: Referral) -> list[dict]:
    match_arrivals()
    adult = referral.adults.get()
    check = IdentityCheck.objects.get(kind=ArrivalKind.REFERRAL_ADULT, subject_id=adult.pk)
    assert check.checked_at is not None
    return check.matches


def test_a_mother_held_by_police_under_her_mistyped_maiden_name_is_found(linked_county) -> None:
    child = known_child()
    nominal = _police_nominal(child.postcode)
    matches = _adult_matches(_refer_with_mother(child, previous_names="Jones"))
    found = [m for m in matches if m["source_record_id"] == nominal.pk]
    assert found, matches
    assert found[0]["under_surname"] == "Jones"
    assert found[0]["grade"] in ("certain", "probable", "possible")


def test_her_maiden_name_is_evidence(linked_county) -> None:
    """Under her married name alone the nominal is found only by her first name at the children's address and an
    age that fits; her maiden name, given on the referral, makes the match stronger."""
    child = known_child()
    nominal = _police_nominal(child.postcode)
    without = [m for m in _adult_matches(_refer_with_mother(child)) if m["source_record_id"] == nominal.pk]
    with_it = [
        m
        for m in _adult_matches(_refer_with_mother(child, previous_names="Jones"))
        if m["source_record_id"] == nominal.pk
    ]
    assert with_it and "under_surname" not in (without[0] if without else {})
    assert with_it[0]["grade"] in ("certain", "probable")
    assert not without or without[0]["grade"] == "possible"
    assert with_it[0]["probability"] > (without[0]["probability"] if without else 0.0)


def test_the_mash_sees_her_and_under_which_surname(client, sign_in_as, linked_county) -> None:
    child = known_child()
    _police_nominal(child.postcode)
    referral = _refer_with_mother(child, previous_names="Jones")
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
