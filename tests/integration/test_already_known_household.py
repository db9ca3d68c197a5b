"""Household context as evidence for the adults on a referral (ADR 0012): a mother the police hold under her maiden
name, mistyped, with an age and no date of birth, at the family's old address and on an incident with her child, is
found when the child is referred with her under her married name; a woman of a like name the police do not record
with the child is not raised."""

from __future__ import annotations

from html import unescape

import pytest

from frontdoor.intake.matching import candidates_of, details_of, match_arrivals
from frontdoor.intake.models import ArrivalKind
from frontdoor.linkage.candidates import best_matches
from frontdoor.linkage.households import HOUSEHOLD_WEIGHT
from frontdoor.people.models import SourceRecord, SourceSystem
from frontdoor.people.phonetic import phonetic_key
from support.arrivals import known_child, mother_matches, refer_with_mother
from support.factories import SourceEventFactory, SourceParticipationFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db

OLD_ADDRESS, OLD_POSTCODE = "4 Mill Lane", "ES9 1ZZ"  # where the police met the family, before they moved


def _police(first: str, last: str, **fields) -> SourceRecord:
    return SourceRecordFactory(
        system=SourceSystem.POLICE,
        first_name=first,
        last_name=last,
        first_name_key=phonetic_key(first),
        last_name_key=phonetic_key(last),
        **fields,
    )


def _mother_recorded_with(child: SourceRecord) -> SourceRecord:
    """The police's record of the child (linked to them) and of the mother, "MARISOL JONSE" (her maiden name, Jones,
    with two letters swapped), aged 31, no date of birth, both at the old address and at one domestic-abuse
    incident."""
    child_nominal = _police(
        child.first_name.upper(),
        child.last_name.upper(),
        kind="child",
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        address=OLD_ADDRESS,
        postcode=OLD_POSTCODE,
        person=child.person,
    )
    mother = _police(
        "MARISOL",
        "JONSE",
        kind="adult",
        date_of_birth=None,
        age_years=31,
        sex="F",
        address=OLD_ADDRESS,
        postcode=OLD_POSTCODE,
    )
    incident = SourceEventFactory(kind="domestic_abuse_incident")
    SourceParticipationFactory(record=child_nominal, event=incident, role="child_present")
    SourceParticipationFactory(record=mother, event=incident, role="victim")
    return mother


def test_a_mother_recorded_with_her_child_is_found_through_the_child(linked_county) -> None:
    """Her maiden name not given: under her married name, at the children's address now, with her date of birth,
    nothing finds her (the police have no date of birth, another surname, her old address); the child does."""
    child = known_child()
    mother = _mother_recorded_with(child)
    referral = refer_with_mother(child)
    details = details_of(ArrivalKind.REFERRAL_ADULT, referral.adults.get())
    before = best_matches(candidates_of({**details, "household": []}), limit=5)
    assert mother.pk not in [m["source_record_id"] for m in before]

    found = [m for m in mother_matches(referral) if m["source_record_id"] == mother.pk]

    assert found, "the mother recorded with her child is not among the matches"
    name = f"{child.first_name} {child.last_name}"
    assert found[0]["household"] == [
        f"Recorded by the police at 4 Mill Lane, ES9 1ZZ, where {name} is recorded too.",
        f"Recorded by the police with {name} at a domestic-abuse incident on 1 October 2026.",
    ]
    assert ["household", "recorded with a child on this referral", HOUSEHOLD_WEIGHT] in found[0]["evidence"]
    # A first name and the household are not enough to link anyone: a person decides.
    assert found[0]["grade"] in ("possible", "probable")
    assert referral.adults.get().person_id is None


def test_her_mistyped_maiden_name_and_the_household_count_together(linked_county) -> None:
    """Her maiden name given mistyped ("Johns"): found as before, and raised by the household."""
    child = known_child()
    mother = _mother_recorded_with(child)
    referral = refer_with_mother(child, previous_names="Johns")
    details = details_of(ArrivalKind.REFERRAL_ADULT, referral.adults.get())
    before = [
        m
        for m in best_matches(candidates_of({**details, "household": []}), limit=5)
        if m["source_record_id"] == mother.pk
    ]

    found = [m for m in mother_matches(referral) if m["source_record_id"] == mother.pk]

    assert found and found[0]["under_surname"] == "Johns" and found[0]["household"]
    assert found[0]["probability"] > (before[0]["probability"] if before else 0.0)
    surname = {field: weight for field, _level, weight in found[0]["evidence"]}["last_name"]
    assert found[0]["grade"] != "certain" or surname > 0  # certain only if the surname agrees


def test_the_mash_sees_why_in_words(client, sign_in_as, linked_county) -> None:
    child = known_child()
    _mother_recorded_with(child)
    referral = refer_with_mother(child)
    match_arrivals()
    sign_in_as("mash_social_worker")
    html = unescape(" ".join(client.get(f"/mash/referrals/{referral.reference}/").content.decode().split()))
    assert "Marisol Whitfield (Mother)" in html
    assert "Recorded with a child on this referral:" in html
    assert f"with {child.first_name} {child.last_name} at a domestic-abuse incident on 1 October 2026." in html
    assert "Household: recorded with a child on this referral (+4.0)" in html


def test_a_woman_of_a_like_name_not_recorded_with_the_child_is_not_raised(linked_county) -> None:
    """Two women the police hold as Marisol Jonse with no date of birth: one at the family's old address but never
    with the child; one a neighbour, in the child's postcode now but at another house. Neither is tied to the child,
    so neither is raised; the first is not found at all."""
    child = known_child()
    _mother_recorded_with(child)
    stranger = _police("MARISOL", "JONSE", kind="adult", date_of_birth=None, age_years=31, sex="F",
                       address="9 Quarry Road", postcode="ES8 4XY")  # fmt: skip
    neighbour = _police("MARISOL", "JONSE", kind="adult", date_of_birth=None, age_years=31, sex="F",
                        address="77 Other Street", postcode=child.postcode)  # fmt: skip
    matches = mother_matches(refer_with_mother(child))

    assert matches
    assert stranger.pk not in [m["source_record_id"] for m in matches]
    for match in matches:
        if match["source_record_id"] == neighbour.pk:
            assert "household" not in match
            assert all(field != "household" for field, _level, _weight in match["evidence"])
    assert [m for m in matches if m.get("household")], "the mother herself is still found"
