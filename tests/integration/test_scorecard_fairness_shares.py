"""The disproportionality view of a share figure against a hand computation on the scorecard's fixed small dataset
(`support/reports.py`, March 2026), its children given a sex and an ethnicity here:

  P1 girl, White British    P2 boy, White British    P3 girl, Black African
  P4 boy, none recorded     P5 girl, Black African   P6 boy, none recorded

Decisions within one working day: referral 1 (P1, P2) in time, referral 2 (P3) late, referral 3 still within time
(not in the share): counted P1, P2 of P1, P2, P3; all children 2 of 3.
The child's voice: P1 and P3 recorded, P2 not (P1's second referral recorded too): counted P1, P3 of P1, P2, P3.
Return home interviews: P5 offered in time, P6 not: counted P5 of P5, P6; all children 1 of 2.
"""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest

from frontdoor.access.roles import Role
from frontdoor.people.models import Sex
from frontdoor.reports.fairness_shares import ShareBreakdown, share_breakdowns, share_ratio
from frontdoor.reports.figures import FIGURES
from frontdoor.reports.selectors import find_figure
from support import reports

pytestmark = pytest.mark.django_db

ON = date(2026, 3, 31)
MARCH = "period=custom&start_day=1&start_month=3&start_year=2026&end_day=31&end_month=3&end_year=2026"
WHO = {
    "P1": (Sex.FEMALE, "WBRI"),
    "P2": (Sex.MALE, "WBRI"),
    "P3": (Sex.FEMALE, "BAFR"),
    "P4": (Sex.MALE, ""),
    "P5": (Sex.FEMALE, "BAFR"),
    "P6": (Sex.MALE, ""),
}


@pytest.fixture
def data() -> reports.Dataset:
    built = reports.build()
    for name, (sex, ethnicity) in WHO.items():
        person = built.people[name]
        person.sex, person.ethnicity = sex, ethnicity
        person.save()
    return built


def by(key: str, data: reports.Dataset) -> dict[str, ShareBreakdown]:
    figure = find_figure(key)
    assert figure is not None
    (row,) = [r for r in figure.compute(data.period) if r.of is not None]
    return {b.key: b for b in share_breakdowns(row.people, row.of_people, ON)}


def table(breakdown: ShareBreakdown) -> list[tuple[str, int, int, float | None]]:
    return [(g.label, g.count, g.of, share_ratio(g, breakdown.whole)) for g in breakdown.groups]


def test_decisions_by_sex_and_ethnicity(data) -> None:
    found = by("decisions", data)
    assert (found["sex"].whole.count, found["sex"].whole.of) == (2, 3)
    # Boys: P2, 1 of 1 (100%), 1 / (2/3) = 1.5; girls: P1 of P1 and P3, 1 of 2 (50%), 0.5 / (2/3) = 0.75.
    assert table(found["sex"]) == [("Male", 1, 1, pytest.approx(1.5)), ("Female", 1, 2, pytest.approx(0.75))]
    # White British P1 and P2, 2 of 2 (100%): 1.5; Black African P3, 0 of 1: 0.
    assert table(found["ethnicity"]) == [("Black African", 0, 1, 0), ("White British", 2, 2, pytest.approx(1.5))]


def test_voice_by_sex_and_ethnicity(data) -> None:
    found = by("voice", data)
    # Boys: P2, 0 of 1; girls P1 and P3, 2 of 2 (100%): 1 / (2/3) = 1.5.
    assert table(found["sex"]) == [("Male", 0, 1, 0), ("Female", 2, 2, pytest.approx(1.5))]
    # Black African P3, 1 of 1: 1.5; White British P1 of P1 and P2, 1 of 2 (50%): 0.75.
    assert table(found["ethnicity"]) == [("Black African", 1, 1, pytest.approx(1.5)), ("White British", 1, 2, 0.75)]


def test_interviews_by_sex_and_ethnicity(data) -> None:
    found = by("interviews", data)
    # All children 1 of 2 (50%): the girl P5 1 of 1, 2.0; the boy P6 0 of 1, 0.
    assert table(found["sex"]) == [("Male", 0, 1, 0), ("Female", 1, 1, pytest.approx(2.0))]
    assert table(found["ethnicity"]) == [("Black African", 1, 1, pytest.approx(2.0)), ("Not recorded", 0, 1, 0)]


def test_the_leader_sees_each_groups_share_and_the_groups_named_in_words(client, sign_in_as, data) -> None:
    sign_in_as(Role.MASH_MANAGER)
    html = unescape(client.get(f"/reports/scorecard/fairness/?{MARCH}&figure=decisions").content.decode())
    assert 'data-testid="children-count">2<' in html and "counted in the share" in html
    assert html.count('data-testid="breakdown"') == 4
    # Girls at 50% against 67% (ratio 0.75: more than 20% lower); boys at 100% (1.50: 1.25 times or more).
    assert "Lower than for all children by 20% or more:" in html
    assert "<li>Female (50% of 2 children, against 67%)</li>" in html
    assert "<li>Male (100% of 1 child, against 67%)</li>" in html
    assert "<li>Black African (0% of 1 child, against 67%)</li>" in html
    assert '<td class="govuk-table__cell" data-testid="ratio">0.75</td>' in html
    assert '<td class="govuk-table__cell" data-testid="share">67%</td>' in html  # all children


def test_the_scrutineer_sees_small_numbers_withheld_and_no_group_named(client, sign_in_as, data) -> None:
    sign_in_as(Role.STRATEGIC_LEADER)
    html = unescape(client.get(f"/reports/scorecard/fairness/?{MARCH}&figure=decisions").content.decode())
    # Every number here is under 5: each is "fewer than 5", no share, no ratio, no group named.
    assert 'data-testid="children-count">fewer than 5<' in html
    assert "You see counts only" in html
    assert "Female (" not in html and "Lower than for all children" not in html
    assert "groups' shares are not shown to you" in html
    assert '<td class="govuk-table__cell" data-testid="ratio">0.75</td>' not in html
    assert '<td class="govuk-table__cell" data-testid="share">not shown</td>' in html
    assert "No group shown to you" not in html  # none is shown


def test_a_figure_with_several_shares_shows_the_one_chosen(client, sign_in_as, data) -> None:
    sign_in_as(Role.MASH_MANAGER)
    # Strategy discussions: held in time (P1's discussion 1 of 2; discussion 2 names no child) and record circulated.
    html = unescape(client.get(f"/reports/scorecard/fairness/?{MARCH}&figure=strategy&row=1").content.decode())
    assert "Which of its shares" in html
    assert "Strategy discussions: Record circulated within one working day of the discussion" in html
    assert 'data-testid="children-count">0<' in html  # discussion 1's record was late


def test_every_figure_opens_for_the_leader_and_the_scrutineer(client, sign_in_as, data) -> None:
    find_figure("contacts")
    assert len(FIGURES) >= 15
    for role in (Role.MASH_MANAGER, Role.STRATEGIC_LEADER):
        sign_in_as(role)
        for key, figure in FIGURES.items():
            rows = figure.compute(data.period)
            for row in ["", *(f"&row={i}" for i in range(len(rows)))]:
                response = client.get(f"/reports/scorecard/fairness/?{MARCH}&figure={key}{row}")
                assert response.status_code == 200, (role, key, row)
                assert f'data-testid="period">{figure.title}' in unescape(response.content.decode()), (role, key, row)


def test_a_row_that_is_not_a_number_or_not_a_share_shows_the_first_share(client, sign_in_as, data) -> None:
    sign_in_as(Role.MASH_MANAGER)
    for row in ("99999999999999", "²", "-1", "nonsense", "1"):
        # Checks by agency: row 1 is the police, and any other value the first (community health).
        response = client.get(f"/reports/scorecard/fairness/?{MARCH}&figure=checks&row={row}")
        assert response.status_code == 200, row
        agency = "Esterbury Police" if row == "1" else "Esterbury Community Health"
        assert f"by agency: {agency}, from" in unescape(response.content.decode()), row
