"""Each scorecard figure equals a hand computation on a fixed small dataset (`support/reports.py`: March 2026,
computed on 15 April 2026). The expected numbers are worked out in the comments from the dataset's rows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from frontdoor.reports.figures import FIGURES, Period, Row
from frontdoor.reports.selectors import find_figure
from support import reports

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> reports.Dataset:
    return reports.build()


def rows(key: str, period: Period) -> list[Row]:
    figure = find_figure(key)
    assert figure is not None
    return figure.compute(period)


def ids(data: reports.Dataset, *names: str) -> tuple[int, ...]:
    return tuple(sorted(data.people[name].pk for name in names))


def test_every_figure_is_tested_here() -> None:
    find_figure("contacts")
    tested = {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
    assert set(FIGURES) <= tested, set(FIGURES) - tested


def test_contacts(data) -> None:
    # Referrals in March: 2 from the school (P1 and P2; P1 again), 1 from health (P3); VISTs: 2 from police (P4, P5).
    got = rows("contacts", data.period)
    assert [(r.label, r.count) for r in got] == [
        ("All agencies", 5),
        ("Esterbury Community Health", 1),
        ("Esterbury Police", 2),
        ("Kiln Lane Primary School", 2),
    ]
    assert got[0].people == ids(data, "P1", "P2", "P3", "P4", "P5")
    assert got[3].people == ids(data, "P1", "P2") and got[3].note == "2 referrals"
    assert got[2].note == "2 VISTs"


def test_contacts_for_one_agency(data) -> None:
    got = rows("contacts", Period(data.period.start, data.period.end, data.period.now, data.police.pk))
    assert [(r.label, r.count) for r in got] == [("All agencies", 2), ("Esterbury Police", 2)]


def test_conversion(data) -> None:
    # Decided: referral 1 assessment (yes), 2 no further action (no), 3 strategy discussion (yes); VIST 1 triaged as a
    # referral (yes); VIST 2 not triaged (not counted). 3 of 4.
    (row,) = rows("conversion", data.period)
    assert (row.count, row.of) == (3, 4)
    assert row.people == ids(data, "P1", "P2", "P4")
    # Behind the 4 decided: referral 1 (P1, P2), 2 (P3), 3 (P1) and VIST 1 (P4).
    assert row.of_people == ids(data, "P1", "P2", "P3", "P4")


def test_outcomes(data) -> None:
    # Made in March: one each; February's decision is outside the period.
    got = rows("outcomes", data.period)
    assert [(r.label, r.count, r.of) for r in got] == [
        ("Assessment", 1, 4),
        ("No further action", 1, 4),
        ("Referral to children's social care", 1, 4),
        ("Strategy discussion", 1, 4),
    ]


def test_re_referrals(data) -> None:
    # Referred to social care in March: P1 (2 and 21 March: again within 12 months) and P2 (before that, January
    # 2025: more than 12 months). 1 of 2.
    (row,) = rows("re_referrals", data.period)
    assert (row.count, row.of, row.people) == (1, 2, ids(data, "P1"))


def test_decisions(data) -> None:
    # Referral 1 in time, 2 late, 3 still within time (left out). 1 of 2.
    (row,) = rows("decisions", data.period)
    assert (row.count, row.of, row.note) == (1, 2, "1 still within time")
    assert row.people == ids(data, "P1", "P2")
    assert row.of_people == ids(data, "P1", "P2", "P3")  # referral 2 (P3) late; referral 3 not in the share


def test_decisions_for_one_agency(data) -> None:
    # The school's referrals: 1 in time, 3 still within time; the health referral (late) is another agency's.
    school = Period(data.period.start, data.period.end, data.period.now, data.school.pk)
    (row,) = rows("decisions", school)
    assert (row.count, row.of, row.note) == (1, 1, "1 still within time")
    (counted,) = rows("decisions", replace(school, people=False))
    assert (counted.count, counted.of, counted.note) == (1, 1, "1 still within time")


def test_checks(data) -> None:
    # Police: one in time, one late (1 of 2: 50%). Health: one in time, one open past due (1 of 1; 1 open, overdue).
    got = rows("checks", data.period)
    assert [(r.label, r.count, r.of, r.note) for r in got] == [
        ("Esterbury Community Health", 1, 1, "1 still open, 1 of them overdue"),
        ("Esterbury Police", 1, 2, ""),
    ]
    assert all(r.share_target for r in got)
    assert got[1].people == ids(data, "P1")


def test_strategy(data) -> None:
    # Held: discussion 1 in time, 2 late (1 of 2). Record: discussion 1's circulated late (0 of 1).
    held, record = rows("strategy", data.period)
    assert (held.count, held.of, held.people) == (1, 2, ids(data, "P1"))
    assert (record.count, record.of) == (0, 1)


def test_conferences(data) -> None:
    (row,) = rows("conferences", data.period)
    assert (row.count, row.of) == (1, 1)


def test_plans(data) -> None:
    # SD-1's conference on 20 March: P1 made subject to a plan under neglect, the unborn baby not. 1 of 2; neglect 1.
    total, neglect = rows("plans", data.period)
    assert (total.count, total.of, total.people) == (1, 2, ids(data, "P1"))
    assert (neglect.label, neglect.count, neglect.people) == ("Plan under neglect", 1, ids(data, "P1"))


def test_plans_none_held_is_no_rows(data) -> None:
    april = Period(data.period.end, data.period.end.replace(month=5), data.period.now)
    assert rows("plans", april) == []


def test_encompass(data) -> None:
    # Notice 1 delivered before its school day, 2 after, 3 not delivered and not yet due (left out). 1 of 2.
    (row,) = rows("encompass", data.period)
    assert (row.count, row.of, row.people) == (1, 2, ids(data, "P4"))
    assert row.note == "1 not delivered yet and still within time"


def test_vist_lag(data) -> None:
    # INC-A 22:00 on 2 March, its VIST 10:00 on 3 March: 12 hours; INC-B 00:00 on 4 March, VIST 09:00: 9 hours.
    # Median (9 + 12) / 2 = 10.5 hours, shown in whole hours; 90th percentile (nearest rank 2 of 2): 12 hours.
    # INC-C (P6) has no VIST after the due hours: 1 of 3.
    median, p90, missing = rows("vist_lag", data.period)
    assert (median.statistic, median.based_on) == ("10 hours", 2)
    assert (p90.statistic, p90.based_on) == ("12 hours", 2)
    assert (missing.count, missing.of, missing.people) == (1, 3, ids(data, "P6"))


def test_interviews(data) -> None:
    (row,) = rows("interviews", data.period)
    assert (row.count, row.of, row.people) == (1, 2, ids(data, "P5"))
    assert row.of_people == ids(data, "P5", "P6")


def test_family_help_waits(data) -> None:
    # Waits begun in March: 14 days (allocated) and 36 days less the clock change's hour (still waiting on 15
    # April): median 25 days less half an hour, 3.57 weeks. Waiting now beyond 4 weeks: FH-2 and FH-3 (January).
    median, beyond = rows("family_help_waits", data.period)
    assert (median.statistic, median.based_on) == ("3.6 weeks", 2)
    assert (beyond.count, beyond.people) == (2, ids(data, "P3", "P6"))


def test_voice(data) -> None:
    # Children on March's referrals: P1 and P2 (siblings: P2's not recorded), P3, P1 again. 3 of 4.
    (row,) = rows("voice", data.period)
    assert (row.count, row.of, row.people) == (3, 4, ids(data, "P1", "P3"))
    assert row.of_people == ids(data, "P1", "P2", "P3")


def test_consent(data) -> None:
    # Referral 1: given, by the mother; 2: not sought, with why; 3: given, but nobody named. 2 of 3.
    (row,) = rows("consent", data.period)
    assert (row.count, row.of) == (2, 3)


def test_counted_without_the_people_every_figure_gives_the_same_numbers(data) -> None:
    # The page and the trends count in the database without finding the children behind each number.
    for key, figure in FIGURES.items():
        with_people = figure.compute(data.period)
        counted = figure.compute(replace(data.period, people=False))
        assert [(r.label, r.count, r.of, r.statistic, r.based_on, r.note) for r in counted] == [
            (r.label, r.count, r.of, r.statistic, r.based_on, r.note) for r in with_people
        ], key
        assert all(r.people == () for r in counted if key in {"contacts", "conversion", "decisions", "consent"}), key
        assert all(r.of_people == () for r in counted), key
