"""In Chromium: the police supervisor signs in and finds, on their home, the incidents with children and no VIST;
opens the list (oldest first, with the attending officer and team, no child named) and the time from incident to VIST
by team and by week; MASH police open a VIST sent days late, marked so on its page, and a green VIST raised to amber
by three greens in three months, with the greens that counted.
Every page passes axe (WCAG 2.2 AA) and says words, not codes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def h1(page):
    return page.get_by_role("heading", level=1)


def test_a_police_supervisor_sees_an_incident_with_children_and_no_vist(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "police.supervisor")
    expect(h1(page)).to_have_text("Police supervision")
    section = page.get_by_test_id("home-vist-compliance")
    expect(section).to_contain_text(re.compile(r"\d+ incidents? with children"))
    expect(section).to_contain_text(re.compile(r"\d+ VISTs? sent late in the last four weeks"))
    assert_accessible(page)

    section.get_by_role("link", name="See the incidents waiting for a VIST").click()
    expect(h1(page)).to_have_text("Incidents with children and no VIST")
    rows = page.get_by_test_id("missing-vists").locator("tbody tr")
    expect(rows.first).to_be_visible()
    oldest = page.locator("tr", has_text="ESP-VC-NOVIST-6D")
    expect(oldest).to_contain_text("6 days")
    expect(oldest).to_contain_text("Esterbury North response")
    expect(oldest).to_contain_text("PC Jordan Ellis")
    expect(page.get_by_text("ESP-VC-NOVIST-20H")).to_have_count(0)  # still inside its 24 hours
    expect(page.get_by_test_id("late-vists")).to_contain_text("Submitted 4 days after the incident")
    assert_accessible(page)

    page.get_by_role("link", name="Time from incident to VIST, by team and by week").click()
    expect(h1(page)).to_have_text("Time from incident to VIST")
    expect(page.get_by_test_id("lag-by-team")).to_contain_text("Esterbury North response")
    expect(page.get_by_test_id("lag-by-week")).to_contain_text("Week beginning")
    assert_accessible(page)


def test_mash_police_see_the_list_and_a_vist_sent_days_late_marked_on_its_page(
    page, sign_in_as, assert_accessible
) -> None:
    sign_in_as(page, "mash.police")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="VIST compliance").click()
    expect(h1(page)).to_have_text("Incidents with children and no VIST")
    assert_accessible(page)
    late = page.get_by_test_id("late-vists").locator("tr", has_text="ESP-VC-LATE-4D")
    reference = late.locator("td").first.inner_text()
    page.goto(f"/mash/vists/{reference}/")
    expect(h1(page)).to_have_text(reference)
    expect(page.get_by_test_id("vist-late")).to_have_text("Submitted 4 days after the incident")
    assert_accessible(page)

    page.goto("/vist-compliance/")
    page.get_by_test_id("green-escalations").get_by_role("link").first.click()
    history = page.get_by_test_id("green-escalation")
    expect(history).to_contain_text("the 3 green VISTs about Leo Marsh within three months")
    expect(history).to_contain_text("(this VIST)")
    assert_accessible(page)
