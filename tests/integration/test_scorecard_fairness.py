"""The disproportionality view against a hand computation: ten children in the county (six girls, four boys, aged
under 1 to 17 on 31 March 2026), a child of 18 and an adult outside it, and five children behind the figure."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.access.roles import Role
from frontdoor.people.models import PersonKind, Sex
from frontdoor.reports.fairness import breakdowns, rate, ratio
from support import reports
from support.factories import PersonFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 31)
MARCH = "period=custom&start_day=1&start_month=3&start_year=2026&end_day=31&end_month=3&end_year=2026"


def county() -> list[int]:
    """The county's people; the ids of the children behind the figure (G1, G2, G3, B1 and an unborn baby)."""
    girls = [
        PersonFactory(sex=Sex.FEMALE, date_of_birth=date(2026, 1, 10), ethnicity="WBRI"),  # G1: under 1
        PersonFactory(sex=Sex.FEMALE, date_of_birth=date(2020, 6, 1)),  # G2: 5, ethnicity on the social care record
        PersonFactory(sex=Sex.FEMALE, date_of_birth=date(2010, 4, 1)),  # G3: 15 until 1 April, none recorded
        PersonFactory(sex=Sex.FEMALE, date_of_birth=date(2015, 5, 17)),
        PersonFactory(sex=Sex.FEMALE, date_of_birth=date(2015, 5, 17)),
        PersonFactory(sex=Sex.FEMALE, date_of_birth=date(2022, 2, 2)),  # 4
    ]
    boys = [
        PersonFactory(sex=Sex.MALE, date_of_birth=date(2008, 4, 1), ethnicity="APKN"),  # B1: 17 until 1 April
        PersonFactory(sex=Sex.MALE, date_of_birth=date(2015, 5, 17)),
        PersonFactory(sex=Sex.MALE, date_of_birth=date(2015, 5, 17)),
        PersonFactory(sex=Sex.MALE, date_of_birth=date(2019, 9, 3)),  # 6
    ]
    PersonFactory(sex=Sex.MALE, date_of_birth=date(2008, 3, 31))  # 18 on the day: not a child
    PersonFactory(kind=PersonKind.ADULT, sex=Sex.FEMALE, date_of_birth=date(1990, 1, 1))
    unborn = PersonFactory(
        kind=PersonKind.UNBORN, sex=Sex.UNKNOWN, date_of_birth=None, expected_date_of_delivery=date(2026, 6, 1)
    )
    SourceRecordFactory(system="csc", person=girls[1], attributes={"ethnicity": "BAFR", "disability": "NONE"})
    girls[0].disabilities = "LD"
    girls[0].save()
    SourceRecordFactory(system="csc", person=girls[0], attributes={"ethnicity": "WIRI"})  # the person's own first
    return [girls[0].pk, girls[1].pk, girls[2].pk, boys[0].pk, unborn.pk]


def table(breakdown) -> list[tuple[str, int, int | None]]:
    return [(g.label, g.count, g.population) for g in breakdown.groups]


def test_by_sex_each_rate_against_the_whole() -> None:
    sex, _age, _ethnicity, _disability = breakdowns(county(), ON)
    # Female 3 of 6, male 1 of 4; the unborn baby is outside the child population. The whole: 4 of 10.
    assert table(sex) == [
        ("Male", 1, 4),
        ("Female", 3, 6),
        ("Not in the child population", 1, None),
    ]
    assert sex.population == 10 and sex.total == 5
    male, female, outside = sex.groups
    assert rate(female.count, female.population) == pytest.approx(5_000)  # 3 / 6 * 10,000
    assert ratio(female, sex) == pytest.approx(1.25)  # 5,000 / (4 / 10 * 10,000)
    assert ratio(male, sex) == pytest.approx(0.625)  # 2,500 / 4,000
    assert ratio(outside, sex) is None


def test_by_age_band_on_the_last_day() -> None:
    _sex, age, _ethnicity, _disability = breakdowns(county(), ON)
    # The county: under 1 G1; 1-4 the girl of 4; 5-9 G2 and the boy of 6; 10-15 G3 and the four of 10; 16-17 B1.
    assert table(age) == [
        ("Under 1", 1, 1),
        ("1 to 4", 0, 1),
        ("5 to 9", 1, 2),
        ("10 to 15", 1, 5),
        ("16 and 17", 1, 1),
        ("Unborn", 1, None),
    ]
    under_1, one_to_4, five_to_9, ten_to_15, sixteen, _unborn = age.groups
    # The whole: 4 of 10 children, 4,000 per 10,000.
    assert ratio(under_1, age) == pytest.approx(2.5)
    assert ratio(one_to_4, age) == 0
    assert ratio(five_to_9, age) == pytest.approx(1.25)
    assert ratio(ten_to_15, age) == pytest.approx(0.5)
    assert ratio(sixteen, age) == pytest.approx(2.5)


def test_by_ethnicity_from_the_person_then_the_social_care_record() -> None:
    _sex, _age, ethnicity, _disability = breakdowns(county(), ON)
    assert table(ethnicity) == [
        ("Black African", 1, None),
        ("Pakistani", 1, None),
        ("White British", 1, None),
        ("Not recorded", 2, None),
    ]
    assert ethnicity.population is None


def test_the_page_for_a_leader_and_for_the_scrutineer(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.MASH_MANAGER)
    response = client.get(f"/reports/scorecard/fairness/?{MARCH}&figure=contacts")
    assert response.status_code == 200
    html = response.content.decode()
    # The dataset's contacts: P1 to P5, all girls or boys of 10 (the factory's birthday, 17 May 2015).
    assert 'data-testid="children-count">5<' in html
    assert "Deprivation." in html and "By disability" in html
    assert html.count('data-testid="breakdown"') == 4
    sign_in_as(Role.STRATEGIC_LEADER)
    scrutineer = client.get(f"/reports/scorecard/fairness/?{MARCH}&figure=contacts").content.decode()
    assert 'data-testid="children-count">5<' in scrutineer
    assert "fewer than 5" in scrutineer and "You see counts only" in scrutineer


def test_an_unknown_figure_shows_the_contacts_and_a_bad_period_is_an_error(client, sign_in_as) -> None:
    sign_in_as(Role.STRATEGIC_LEADER)
    assert client.get("/reports/scorecard/fairness/?period=this_month&figure=nonsense").status_code == 200
    bad = client.get("/reports/scorecard/fairness/?period=custom")
    assert bad.status_code == 400 and "Enter the from date" in bad.content.decode()


def test_by_disability_from_the_person_then_the_social_care_record() -> None:
    # G1 has a learning disability on her record; G2's social care record says none; the rest are not recorded.
    *_others, disability = breakdowns(county(), ON)
    assert table(disability) == [("Disabled", 1, None), ("Not disabled", 1, None), ("Not recorded", 3, None)]
    assert disability.population is None
