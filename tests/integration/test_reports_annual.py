"""The partnership's annual report figures: the scorecard's figures over a year from 1 April to 31 March, equal to a
hand computation on the scorecard's small dataset (`support/reports.py`: March 2026, with a referral in February 2026
and one in January 2025), from the command and on the leaders' page."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from django.core.management import call_command

from frontdoor.access.audit import Actor
from frontdoor.reports.annual import annual_lines, build_annual, current_year, year_period
from support import reports
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def data() -> reports.Dataset:
    return reports.build()


def figure(card, key: str) -> list[tuple[str, str]]:
    for _, figures in card.groups:
        for shown in figures:
            if shown.figure.key == key:
                return [(r.label, r.statistic or r.count) for r in shown.rows]
    raise AssertionError(key)


def manager() -> Actor:
    user = UserFactory(roles=["mash_manager"])
    return Actor(user=user, role="mash_manager", agency=user.agency)


def test_the_year_runs_from_1_april_to_31_march() -> None:
    period = year_period(2026, reports.MARCH.now)
    assert (period.start.isoformat(), period.end.isoformat()) == (
        "2025-04-01T00:00:00+01:00",
        "2026-04-01T00:00:00+01:00",
    )
    assert current_year(reports.MARCH.now.date()) == 2027 and current_year(reports.at(31).date()) == 2026


def test_the_years_figures_equal_a_hand_count(data) -> None:
    card = build_annual(manager(), 2026)
    # Contacts from April 2025 to March 2026: March's (2 referrals from the school, 1 from health, 2 police VISTs) and
    # February's referral from the school: 6, the school's 3.
    assert figure(card, "contacts") == [
        ("All agencies", "6"),
        ("Esterbury Community Health", "1"),
        ("Esterbury Police", "2"),
        ("Kiln Lane Primary School", "3"),
    ]
    # Decisions made in the year: March's four and February's assessment: 2 assessments of 5.
    outcomes = dict(figure(card, "outcomes"))
    assert outcomes["Assessment"] == "2 of 5" and outcomes["No further action"] == "1 of 5"
    # 2024-25 holds only January 2025's referral (P2, decided an assessment).
    earlier = build_annual(manager(), 2025)
    assert figure(earlier, "contacts") == [("All agencies", "1"), ("Kiln Lane Primary School", "1")]
    assert dict(figure(earlier, "outcomes")) == {"Assessment": "1 of 1"}


def test_the_command_prints_each_figure_with_its_definition(data, tmp_path) -> None:
    printed = io.StringIO()
    call_command("report", "annual", "--year", "2026", "--out", str(tmp_path / "annual.txt"), stdout=printed)
    text = printed.getvalue()
    assert text.startswith("Annual report figures, 1 April 2025 to 31 March 2026")
    assert "Contacts by source agency\n  Referrals (from the web form" in text
    assert "  All agencies: 6\n" in text
    # Run as no one in particular, it shows what an aggregate-only viewer sees: the school's 3 is suppressed.
    assert "Kiln Lane Primary School: fewer than 5" in text
    assert (tmp_path / "annual.txt").read_text() == text


def test_a_leader_sees_the_year_on_their_page(data, client, sign_in_as) -> None:
    sign_in_as("strategic_leader")
    html = client.get("/reports/annual/?year=2026").content.decode()
    numbers = [unescape(n).strip() for n in re.findall(r'data-testid="number">(.*?)</td>', html, flags=re.S)]
    assert numbers[0] == "6" and "fewer than 5" in numbers
    assert "From 1 April 2025 to 31 March 2026." in html
    home = client.get("/").content.decode()
    assert 'href="/reports/annual/"' in home


def test_a_year_not_offered_is_a_form_error(client, sign_in_as) -> None:
    sign_in_as("mash_manager")
    response = client.get("/reports/annual/?year=1999")
    assert response.status_code == 400 and "Choose one of the years listed" in response.content.decode()


def test_lines_say_when_nothing_happened(data) -> None:
    lines = annual_lines(build_annual(manager(), 2024), 2024)
    assert "  Nothing of this kind happened in the year." in lines
