"""The scorecard's trends (week by week for March 2026 on the fixed dataset, `support/reports.py`), each with its
table and summary; and the team filter, offered only when a team is recorded."""

from __future__ import annotations

import re
from html import unescape

import pytest

from frontdoor.access.roles import Role
from frontdoor.intake.models import DomesticAbuseIncident
from frontdoor.reports.trends import build_trends, parts_of
from support import reports

pytestmark = pytest.mark.django_db

MARCH = "period=custom&start_day=1&start_month=3&start_year=2026&end_day=31&end_month=3&end_year=2026"


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
    contacts, decisions = build_trends(reports.MARCH, suppress=False, small=5)
    # Contacts: referrals of 2 and 5 March and VISTs of 3 and 4 March in the week from 2 March; 20 March's after.
    assert [p.value for p in contacts.points] == [0, 4, 0, 1, 0, 0]
    # Decisions: 2 March's in time, 5 March's late (1 of 2, 50%); 20 March's still within time (nothing to measure).
    assert [p.value for p in decisions.points] == [None, 50, None, None, None, None]
    assert decisions.points[1].words == "50% (1 of 2)"
    assert contacts.summary == (
        "Contacts by source agency: 0 in week from 1 March 2026 and 0 in week from 30 March 2026; the highest 4 "
        "(week from 2 March 2026), the lowest 0 (week from 1 March 2026)."
    )


def test_the_scrutineer_sees_small_numbers_withheld_from_the_chart_too() -> None:
    reports.build()
    contacts, decisions = build_trends(reports.MARCH, suppress=True, small=5)
    assert [p.words for p in contacts.points][1:4] == ["fewer than 5", "0", "fewer than 5"]
    assert contacts.points[1].value is None  # a gap in the line, not a zero
    assert decisions.points[1].words == "not shown: it rests on fewer than 5"
    assert "2 of the 6 parts of the period are not shown" in contacts.summary


def test_the_page_gives_each_chart_its_table_and_summary(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.MASH_MANAGER)
    html = client.get(f"/reports/scorecard/?{MARCH}").content.decode()
    assert html.count('data-testid="trend"') == 2
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
