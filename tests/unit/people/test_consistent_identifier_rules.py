"""The consistent child identifier's rules (Children's Wellbeing and Schools Act 2026, s16LC): which NHS number is a
person's, whether a health record verifies it, since when, a conflict said in words, and the absence reasons."""

from __future__ import annotations

from datetime import date

from frontdoor.people.consistent_identifier import Absence, Claim, resolve

VALID = "9434765919"
OTHER_VALID = "9434765870"
BAD_CHECK_DIGIT = "9434765918"


def gp(value: str = VALID, since: date | None = date(2024, 3, 12)) -> Claim:
    return Claim(value, "Riverside Medical Practice", "Health", health=True, since=since)


def police(value: str = VALID, since: date | None = date(2025, 1, 5)) -> Claim:
    return Claim(value, "police", "Police", health=False, since=since)


def test_a_number_held_by_a_health_record_is_verified_since_that_record() -> None:
    found = resolve([police(), gp()])
    assert found.nhs_number == VALID and found.verified
    assert found.since == date(2024, 3, 12)
    assert found.status == "verified by a health record (Riverside Medical Practice) since 12 March 2024"
    assert [c.holder for c in found.claims] == ["Riverside Medical Practice", "police"]  # verified first


def test_a_number_only_another_agency_reports_is_not_verified() -> None:
    found = resolve([police()])
    assert found.nhs_number == VALID and not found.verified
    assert found.status == "reported by police, not verified"


def test_a_health_record_with_a_wrong_check_digit_verifies_nothing() -> None:
    found = resolve([gp(BAD_CHECK_DIGIT)])
    assert found.nhs_number == "" and not found.verified
    assert found.invalid == ["943 476 5918"]


def test_a_wrong_check_digit_beside_a_valid_number_is_no_conflict() -> None:
    found = resolve([gp(), police(BAD_CHECK_DIGIT)])
    assert found.verified and found.conflict == []
    assert found.invalid == ["943 476 5918"]


def test_two_different_valid_numbers_are_a_conflict_for_review_with_the_verified_one_shown() -> None:
    assert OTHER_VALID != VALID
    found = resolve([police(OTHER_VALID), gp()])
    assert found.nhs_number == VALID
    assert found.conflict == ["943 476 5870", "943 476 5919"]
    assert found.status == (
        "Two different NHS numbers are held (943 476 5870 and 943 476 5919): review which is this person's"
    )


def test_the_same_number_typed_with_spaces_is_one_number() -> None:
    found = resolve([gp("943 476 5919"), police()])
    assert found.conflict == [] and len(found.claims) == 2


def test_the_absence_reason_is_given_in_words_only_while_no_number_is_known() -> None:
    absence = Absence("risk_of_harm", "Including it would put the child at risk of harm", "", "Sam Okafor", None)
    assert resolve([], absence).status == "Including it would put the child at risk of harm"
    assert resolve([gp()], absence).status.startswith("verified by a health record")


def test_no_number_and_no_reason_says_so() -> None:
    assert resolve([]).status == "not known, and no reason for its absence has been recorded"


def test_without_a_date_the_verified_number_says_no_since() -> None:
    assert resolve([gp(since=None)]).status == "verified by a health record (Riverside Medical Practice)"
