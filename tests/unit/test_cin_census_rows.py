"""The children in need census's rows from plain facts: one episode per child from the first referral taken further
in the year, the referral source from the referrer's agency, section 47 enquiries and plans in it, the census's own
"not known" codes where frontdoor holds nothing, and a child the census cannot take left out with the reason."""

from __future__ import annotations

from datetime import date

from frontdoor.missing.returns_rows import CollectionYear
from frontdoor.reports.cin_census_rows import (
    CensusChild,
    EnquiryFacts,
    PlanFacts,
    ReferralFacts,
    build_records,
    school_age,
)
from frontdoor.web.demo_cin import upn

YEAR = CollectionYear(2026)


def child(person_id: int = 1, **fields) -> CensusChild:
    defaults = {
        "child_id": f"LA{person_id}",
        "sex": "F",
        "date_of_birth": date(2014, 6, 11),
        "disabilities": ("NONE",),
        "ethnicity": "WBRI",
    }
    return CensusChild(person_id=person_id, **{**defaults, **fields})


def referral(person_id: int = 1, on: date = date(2025, 9, 1), kind: str = "school", ref: str = "R1") -> ReferralFacts:
    return ReferralFacts(ref, person_id, on, kind)


def test_one_episode_from_the_first_referral_in_the_year_with_its_source() -> None:
    records, gaps = build_records(
        [child()],
        [
            referral(on=date(2025, 11, 3), kind="police", ref="R2"),
            referral(on=date(2025, 9, 1)),
            referral(on=date(2025, 3, 1), ref="R0"),
        ],
        [],
        YEAR,
    )
    (record,) = records
    assert record.episode.referral_date == date(2025, 9, 1) and record.episode.source == "2A"
    assert [g.words for g in gaps] == [
        "2 referrals in the year are returned as one episode from the first: frontdoor does not hold when an episode "
        "closed. Split them from the case record if the first closed."
    ]


def test_the_referral_source_follows_the_referrers_agency() -> None:
    for kind, code in [("gp", "3A"), ("police", "6"), ("early_help", "5D"), ("housing", "4"), ("something_new", "10")]:
        (record,), _ = build_records([child()], [referral(kind=kind)], [], YEAR)
        assert record.episode.source == code, kind


def test_a_section_47_from_a_police_vist_opens_the_episode_with_the_police_as_source() -> None:
    enquiry = EnquiryFacts("SD1", 1, date(2025, 10, 6), date(2025, 10, 27), vist_received_on=date(2025, 10, 4))
    (record,), _ = build_records([child()], [], [enquiry], YEAR)
    assert record.episode.referral_date == date(2025, 10, 4) and record.episode.source == "6"
    assert record.episode.enquiries[0].conference_on is None


def test_a_plan_counts_the_childs_earlier_plans_and_is_returned_only_once_its_conference_is_held() -> None:
    plan = PlanFacts(date(2025, 10, 20), "NEG", date(2025, 10, 20))
    held = EnquiryFacts("SD1", 1, date(2025, 10, 6), date(2025, 10, 27), conference_on=date(2025, 10, 20), plan=plan)
    (record,), _ = build_records([child()], [referral()], [held], YEAR, {1: [date(2022, 1, 5), date(2025, 10, 20)]})
    assert [(p.start, p.category, p.previous) for p in record.episode.plans] == [(date(2025, 10, 20), "NEG", 1)]
    after_the_year = EnquiryFacts(
        "SD2", 1, date(2026, 3, 20), date(2026, 4, 14), conference_on=date(2026, 4, 10), plan=plan
    )
    (record,), _ = build_records([child()], [referral()], [after_the_year], YEAR)
    assert record.episode.plans == [] and record.episode.enquiries[0].conference_on is None


def test_a_child_the_census_cannot_take_is_left_out_with_the_reason() -> None:
    children = [child(1, child_id=""), child(2, disabilities=()), child(3, child_id="LA-3"), child(4)]
    enquiry_on_open_case = EnquiryFacts("SD1", 4, date(2025, 10, 6), date(2025, 10, 27))
    records, gaps = build_records(children, [referral(1), referral(2), referral(3)], [enquiry_on_open_case], YEAR)
    assert records == []
    words = {g.person_id: g.words for g in gaps if g.left_out}
    assert "local authority child id" in words[1]
    assert "disability" in words[2]
    assert "1 to 20 letters and digits" in words[3]
    assert "does not hold the referral that opened it" in words[4]


def test_not_known_codes_are_the_censuss_own() -> None:
    toddler = child(1, date_of_birth=date(2023, 1, 1), ethnicity="")
    (record,), gaps = build_records([toddler], [referral()], [], YEAR)
    assert record.ethnicity == "NOBT" and record.upn_unknown == "UN1"
    assert any("information not yet obtained" in g.words for g in gaps)
    pupil = child(1, upn=upn("1401001"), ethnicity="WBRI")
    (record,), _ = build_records([pupil], [referral()], [], YEAR)
    assert record.upn == upn("1401001") and record.upn_unknown == ""


def test_none_beside_another_disability_gives_way_to_it() -> None:
    (record,), _ = build_records([child(disabilities=("NONE", "AUT", "AUT", "XYZ"))], [referral()], [], YEAR)
    assert record.child.disabilities == ("AUT",)


def test_school_age_is_the_validators_reckoning() -> None:
    assert school_age(date(2020, 8, 31), YEAR) and not school_age(date(2020, 9, 1), YEAR)


def test_a_upn_has_the_dfes_check_letter() -> None:
    # The twelve digits 000000000100: 1 x weight 11 = 11, remainder of 23 is 11, the twelfth letter (no I, O or S).
    assert upn("0000001", la="000") == "M000000000100"
