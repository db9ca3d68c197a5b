"""The SSDA903 Missing table's rows from plain facts: DfE codes and columns, dd/mm/yyyy dates, the collection year's
bounds (1 April to 31 March), an episode spanning 31 March, an open episode, a category change from away to
missing, and the SSD's ssd_missing with the return home interview offered and accepted."""

from __future__ import annotations

from datetime import date, datetime

from frontdoor.missing.returns_rows import (
    AWAY,
    MISSING,
    CollectionYear,
    EpisodeFacts,
    LookedAfterChild,
    episodes_rows,
    header_rows,
    overlapping,
    periods,
    ssd_missing_rows,
    ssda903_missing_rows,
)

YEAR = CollectionYear(2026)
KAYLA = LookedAfterChild(
    person_id=1, child_id="ESX100231", sex="F", date_of_birth=date(2010, 8, 14), ethnicity="WBRI",
    upn="A123456789012", placement_since=date(2024, 9, 1),
)  # fmt: skip


def episode(ref: str, start: datetime, end: datetime | None, code: str = MISSING, **kw) -> EpisodeFacts:
    return EpisodeFacts(reference=ref, person_id=kw.pop("person_id", 1), started_at=start, ended_at=end,
                        codes=kw.pop("codes", [(start, code)]), **kw)  # fmt: skip


def test_the_collection_year_runs_from_1_april_to_31_march_and_names_the_validators_rules() -> None:
    assert (YEAR.start, YEAR.end) == (date(2025, 4, 1), date(2026, 3, 31))
    assert YEAR.label == "2025-26" and YEAR.ruleset == "lac2025_26"
    assert CollectionYear(2000).label == "1999-00"


def test_a_row_has_the_dfe_columns_codes_and_dd_mm_yyyy_dates() -> None:
    rows = ssda903_missing_rows(
        [KAYLA], [episode("MIS-1", datetime(2025, 6, 3, 21, 15), datetime(2025, 6, 4, 9, 0))], YEAR
    )
    assert rows == [
        {"CHILD": "ESX100231", "DOB": "14/08/2010", "MISSING": "M", "MIS_START": "03/06/2025", "MIS_END": "04/06/2025"}
    ]


def test_away_from_placement_is_coded_a() -> None:
    rows = ssda903_missing_rows([KAYLA], [episode("MIS-1", datetime(2025, 6, 3), datetime(2025, 6, 3), AWAY)], YEAR)
    assert [r["MISSING"] for r in rows] == ["A"]


def test_the_years_bounds_are_inclusive_and_periods_outside_are_left_out() -> None:
    eps = [
        episode("ended-31-march-last-year", datetime(2025, 3, 30), datetime(2025, 3, 31, 23, 0)),
        episode("ended-1-april", datetime(2025, 3, 31, 20, 0), datetime(2025, 4, 1, 1, 0)),
        episode("started-31-march", datetime(2026, 3, 31, 23, 30), datetime(2026, 3, 31, 23, 50)),
        episode("started-1-april-next-year", datetime(2026, 4, 1, 0, 5), None),
    ]
    rows = ssda903_missing_rows([KAYLA], eps, YEAR)
    assert [(r["MIS_START"], r["MIS_END"]) for r in rows] == [
        ("31/03/2025", "01/04/2025"),
        ("31/03/2026", "31/03/2026"),
    ]


def test_an_episode_spanning_31_march_is_open_in_that_years_return_and_ends_in_the_next() -> None:
    spanning = episode("MIS-1", datetime(2026, 3, 30, 22, 0), datetime(2026, 4, 2, 11, 0))
    this_year = ssda903_missing_rows([KAYLA], [spanning], YEAR)
    next_year = ssda903_missing_rows([KAYLA], [spanning], CollectionYear(2027))
    assert [(r["MIS_START"], r["MIS_END"]) for r in this_year] == [("30/03/2026", "")]
    assert [(r["MIS_START"], r["MIS_END"]) for r in next_year] == [("30/03/2026", "02/04/2026")]


def test_an_open_episode_has_no_end_date_in_every_year_it_touches() -> None:
    still_missing = episode("MIS-1", datetime(2025, 12, 1, 18, 0), None)
    assert [r["MIS_END"] for r in ssda903_missing_rows([KAYLA], [still_missing], YEAR)] == [""]
    assert [r["MIS_START"] for r in ssda903_missing_rows([KAYLA], [still_missing], CollectionYear(2027))] == [
        "01/12/2025"
    ]
    assert ssda903_missing_rows([KAYLA], [still_missing], CollectionYear(2025)) == []


def test_a_change_from_away_to_missing_is_two_periods_meeting_at_the_change() -> None:
    start, change, end = datetime(2025, 7, 1, 17), datetime(2025, 7, 2, 8), datetime(2025, 7, 3, 12)
    facts = episode("MIS-1", start, end, codes=[(start, AWAY), (change, MISSING)], interview_offered=True,
                    interview_accepted=False)  # fmt: skip
    split = periods(facts)
    assert [(p.reference, p.code, p.started_at, p.ended_at) for p in split] == [
        ("MIS-1-1", AWAY, start, change),
        ("MIS-1-2", MISSING, change, end),
    ]
    assert split[0].interview_offered is None and split[1].interview_offered is True
    rows = ssda903_missing_rows([KAYLA], [facts], YEAR)
    assert [(r["MISSING"], r["MIS_START"], r["MIS_END"]) for r in rows] == [
        ("A", "01/07/2025", "02/07/2025"),
        ("M", "02/07/2025", "03/07/2025"),
    ]
    assert overlapping(split) == 0


def test_a_regrading_within_the_same_code_stays_one_period() -> None:
    start = datetime(2025, 7, 1, 17)
    facts = episode("MIS-1", start, None, codes=[(start, MISSING), (datetime(2025, 7, 1, 20), MISSING)])
    assert [(p.reference, p.code) for p in periods(facts)] == [("MIS-1", MISSING)]


def test_a_child_with_no_local_authority_child_id_is_left_out_and_rows_are_ordered_by_child_and_start() -> None:
    no_id = LookedAfterChild(person_id=2, child_id="", sex="M", date_of_birth=date(2011, 1, 1))
    other = LookedAfterChild(person_id=3, child_id="ESX100001", sex="M", date_of_birth=date(2009, 5, 11))
    eps = [
        episode("k2", datetime(2025, 9, 1), datetime(2025, 9, 2)),
        episode("k1", datetime(2025, 5, 1), datetime(2025, 5, 2)),
        episode("n", datetime(2025, 5, 1), None, person_id=2),
        episode("o", datetime(2025, 6, 1), None, person_id=3),
    ]
    rows = ssda903_missing_rows([KAYLA, no_id, other], eps, YEAR)
    assert [(r["CHILD"], r["MIS_START"]) for r in rows] == [
        ("ESX100001", "01/06/2025"), ("ESX100231", "01/05/2025"), ("ESX100231", "01/09/2025"),
    ]  # fmt: skip


def test_header_and_episodes_hold_what_frontdoor_knows_and_leave_the_rest_blank() -> None:
    header = header_rows([KAYLA], {1})
    assert header == [{"CHILD": "ESX100231", "SEX": "2", "DOB": "14/08/2010", "ETHNIC": "WBRI",
                       "UPN": "A123456789012", "MOTHER": "", "MC_DOB": ""}]  # fmt: skip
    unknown_sex = LookedAfterChild(person_id=2, child_id="X1", sex="U", date_of_birth=None)
    assert header_rows([unknown_sex], {2})[0]["SEX"] == ""
    (row,) = episodes_rows([KAYLA], {1})
    assert (row["CHILD"], row["DECOM"]) == ("ESX100231", "01/09/2024")
    assert all(value == "" for column, value in row.items() if column not in ("CHILD", "DECOM"))
    assert header_rows([KAYLA], set()) == [] and episodes_rows([KAYLA], set()) == []


def test_ssd_missing_has_times_and_the_interview_offered_and_accepted() -> None:
    eps = [
        episode("declined", datetime(2025, 5, 1, 21, 5), datetime(2025, 5, 2, 7, 30), interview_offered=True,
                interview_accepted=False),
        episode("accepted", datetime(2025, 6, 1, 21, 5), datetime(2025, 6, 2, 7, 30), interview_offered=True,
                interview_accepted=True),
        episode("not-offered", datetime(2025, 7, 1, 21, 5), datetime(2025, 7, 2, 7, 30), interview_offered=False),
        episode("still-missing", datetime(2025, 8, 1, 21, 5), None),
    ]  # fmt: skip
    rows = ssd_missing_rows([KAYLA], eps, YEAR)
    assert [(r["miss_table_id"], r["miss_missing_rhi_offered"], r["miss_missing_rhi_accepted"]) for r in rows] == [
        ("declined", "Y", "N"), ("accepted", "Y", "Y"), ("not-offered", "N", ""), ("still-missing", "", ""),
    ]  # fmt: skip
    first = rows[0]
    assert first["miss_person_id"] == "ESX100231" and first["miss_missing_episode_type"] == "M"
    assert first["miss_missing_episode_start_date"] == "2025-05-01 21:05"
    assert first["miss_missing_episode_end_date"] == "2025-05-02 07:30"
    assert rows[-1]["miss_missing_episode_end_date"] == ""


def test_overlapping_periods_are_counted() -> None:
    eps = [
        episode("a", datetime(2025, 5, 1), None),
        episode("b", datetime(2025, 5, 3), datetime(2025, 5, 4)),
        episode("c", datetime(2025, 6, 1), datetime(2025, 6, 5)),
        episode("d", datetime(2025, 6, 3), datetime(2025, 6, 4)),
        episode("e", datetime(2025, 6, 5), datetime(2025, 6, 6)),  # starts the day the one before ends: allowed
    ]
    assert overlapping([p for e in eps for p in periods(e)]) == 2


def test_a_change_recorded_after_the_return_or_before_the_start_makes_no_extra_period() -> None:
    start, end = datetime(2025, 7, 1, 17), datetime(2025, 7, 2, 9)
    facts = episode("MIS-1", start, end, codes=[(datetime(2025, 7, 1, 16), AWAY), (datetime(2025, 7, 2, 10), MISSING)])
    assert [(p.code, p.started_at, p.ended_at) for p in periods(facts)] == [(AWAY, start, end)]
