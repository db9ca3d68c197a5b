"""The scorecard's trends (week by week for March 2026 on the fixed dataset, `support/reports.py`), each with its
table and summary; and the team filter, offered only when a team is recorded."""

from __future__ import annotations

import re
from dataclasses import replace
from html import unescape

import pytest

from frontdoor.access.roles import Role
from frontdoor.intake.models import DomesticAbuseIncident
from frontdoor.reports.figures import FIGURES
from frontdoor.reports.trends import TRENDS, Trend, build_trends, parts_of
from support import reports

pytestmark = pytest.mark.django_db

MARCH = "period=custom&start_day=1&start_month=3&start_year=2026&end_day=31&end_month=3&end_year=2026"


def trends_by_key(suppress: bool = False) -> dict[str, Trend]:
    return {t.figure.key: t for t in build_trends(reports.MARCH, suppress=suppress, small=5)}


def test_march_falls_into_six_weeks_from_mondays_and_a_year_into_months() -> None:
    weeks = [part.label for part in parts_of(reports.MARCH)]
    # 1 March 2026 is a Sunday: its week is cut to the one day; then Mondays 2, 9, 16, 23 and 30 March.
    assert weeks == [
        "Week from 1 March 2026",
        "Week from 2 March 2026",
        "Week from 9 March 2026",
        "Week from 16 March 2026",
        "Week from 23 March 2026",
        "Week from 30 March 2026",
    ]
    assert parts_of(reports.MARCH)[-1].period.end == reports.MARCH.end
    year = reports.MARCH.__class__(reports.at(1, 0, month=4, year=2025), reports.MARCH.end, reports.MARCH.now)
    months = [part.label for part in parts_of(year)]
    assert months[0] == "April 2025" and months[-1] == "March 2026" and len(months) == 12


def test_the_trends_are_each_figure_over_each_week() -> None:
    reports.build()
    drawn = trends_by_key()
    contacts, decisions = drawn["contacts"], drawn["decisions"]
    # Contacts: referrals of 2 and 5 March and VISTs of 3 and 4 March in the week from 2 March; 20 March's after.
    assert [p.value for p in contacts.points] == [0, 4, 0, 1, 0, 0]
    # Decisions: 2 March's in time, 5 March's late (1 of 2, 50%); 20 March's still within time (nothing to measure).
    assert [p.value for p in decisions.points] == [None, 50, None, None, None, None]
    assert decisions.points[1].words == "50% (1 of 2)"
    assert contacts.summary == (
        "Contacts by source agency: 0 in week from 1 March 2026 and 0 in week from 30 March 2026; the highest 4 "
        "(week from 2 March 2026), the lowest 0 (week from 1 March 2026)."
    )


def test_the_timeliness_trends_are_each_deadline_met_week_by_week_computed_by_hand() -> None:
    reports.build()
    drawn = trends_by_key()
    # The weeks from 1, 2, 9, 16, 23 and 30 March.
    # MASH checks, every agency's added together: all four asked on 3 March; the police answered one in time and one
    # late, health one in time and one not yet (not in the share): 2 of 3.
    checks = drawn["checks"]
    assert checks.title == "MASH checks answered within the agreed response time"
    assert [p.value for p in checks.points] == [None, 67, None, None, None, None]
    assert checks.points[1].words == "67% (2 of 3)" and checks.points[0].words == "Nothing to measure"
    # Strategy discussions held within a working day: SD-1 convened 6 March in time, SD-2 on 25 March late.
    assert [p.value for p in drawn["strategy"].points] == [None, 100, None, None, 0, None]
    assert drawn["strategy"].points[4].words == "0% (0 of 1)"
    # Operation Encompass: of the two notices made on 3 March one was delivered before the school day, one after;
    # the one made on 31 March is not due until 20 April, so it is not yet measured.
    assert [p.value for p in drawn["encompass"].points] == [None, 50, None, None, None, None]
    assert drawn["encompass"].points[1].words == "50% (1 of 2)"
    # Return home interviews: both returns' clocks started on 9 March, one offer made within 72 hours.
    assert [p.value for p in drawn["interviews"].points] == [None, None, 50, None, None, None]
    # The child's voice: 2 March's siblings (P1's recorded, P2's not) and 5 March's P3 (recorded): 2 of 3; 20 March's
    # P1 recorded: 1 of 1.
    voice = drawn["voice"]
    assert [p.value for p in voice.points] == [None, 67, None, 100, None, None]
    assert voice.heading == "Share recorded" and voice.points[3].words == "100% (1 of 1)"
    assert voice.summary == (
        "The child's voice recorded: 67% in week from 2 March 2026 and 100% in week from 16 March 2026; the highest "
        "100% (week from 16 March 2026), the lowest 67% (week from 2 March 2026). 4 of the 6 parts of the period "
        "have nothing to measure."
    )


def test_the_checks_of_every_agency_added_together_are_withheld_when_one_agencys_are_few() -> None:
    reports.build()
    checks = trends_by_key(suppress=True)["checks"]
    assert checks.points[1].words == "not shown: it rests on fewer than 5" and checks.points[1].value is None
    assert checks.summary.endswith("no value can be shown for any part of the period.")


def test_the_scrutineer_sees_small_numbers_withheld_from_the_chart_too() -> None:
    reports.build()
    drawn = trends_by_key(suppress=True)
    contacts, decisions = drawn["contacts"], drawn["decisions"]
    assert [p.words for p in contacts.points][1:4] == ["fewer than 5", "0", "fewer than 5"]
    assert contacts.points[1].value is None  # a gap in the line, not a zero
    assert decisions.points[1].words == "not shown: it rests on fewer than 5"
    assert "2 of the 6 parts of the period are not shown" in contacts.summary


def test_the_page_gives_each_chart_its_table_and_summary(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.MASH_MANAGER)
    html = client.get(f"/reports/scorecard/?{MARCH}").content.decode()
    assert html.count('data-testid="trend"') == len(TRENDS) >= 6
    trend = html.split('id="trend-contacts"', 1)[1].split('id="trend-decisions"', 1)[0]
    assert "The chart's figures as a table" in trend
    week = r'<th scope="row" class="govuk-table__header">Week from 2 March 2026</th><td[^>]*data-value="4"'
    assert re.search(week, trend)
    assert "chartjs/chart.umd.min.js" in html
    assert "week by week" in unescape(trend)


def test_the_team_filter_is_offered_only_when_a_team_is_recorded(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.MASH_MANAGER)
    html = client.get(f"/reports/scorecard/?{MARCH}").content.decode()
    assert 'data-testid="no-teams"' in html and 'name="team"' not in html
    DomesticAbuseIncident.objects.filter(incident_reference="INC-C").update(team="Esterbury North response")
    html = client.get(f"/reports/scorecard/?{MARCH}").content.decode()
    assert 'name="team"' in html and "Esterbury North response" in html
    # The team's incidents only: INC-C, with no VIST after the hours allowed (1 of 1).
    html = client.get(f"/reports/scorecard/?{MARCH}&team=Esterbury+North+response").content.decode()
    vist = " ".join(unescape(re.sub(r"<[^>]+>", " ", html.split('id="figure-vist-lag"', 1)[1])).split())
    assert "No VIST after" in vist or "no VIST after" in vist
    assert re.search(r"no VIST after \d+ hours\s+1 of 1", vist)
    assert "for the team Esterbury North response" in html
    bad = client.get(f"/reports/scorecard/?{MARCH}&team=Nobody")
    assert bad.status_code == 400 and "Select a team from the list" in bad.content.decode()


@pytest.mark.parametrize("key", ["checks", "encompass", "voice"])
def test_a_figure_counted_for_a_trend_gives_the_numbers_it_gives_with_its_children(key: str) -> None:
    reports.build()
    figure = FIGURES[key]
    with_children = figure.compute(reports.MARCH)
    counted = figure.compute(replace(reports.MARCH, people=False))
    assert with_children and [(r.label, r.count, r.of, r.note) for r in counted] == [
        (r.label, r.count, r.of, r.note) for r in with_children
    ]
