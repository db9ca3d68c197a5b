"""In Chromium: the scrutineer finds the scorecard on their home, opens it, filters by agency and period, and sees
counts only (no number leads to a child); they go as far as their access allows, to the figures by sex, age and
ethnicity, still counts only and no names, for a count and for a share. The MASH manager drills down from the
contacts to the children behind them. The trend charts draw, and with JavaScript off their tables are still there.
Every page passes axe (WCAG 2.2 AA) and says words, not codes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from frontdoor.reports.trends import TRENDS

pytestmark = pytest.mark.e2e


def h1(page):
    return page.get_by_role("heading", level=1)


def test_the_scrutineer_opens_the_scorecard_and_filters_it_by_agency(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "scrutineer")
    expect(h1(page)).to_have_text("Front door oversight")
    page.get_by_role("link", name="See the scorecard").click()
    expect(h1(page)).to_have_text("Scorecard")
    assert_accessible(page)
    page.get_by_text("Change the period, agency or team").click()
    page.get_by_label("The last 12 months").check()
    page.get_by_label("Agency", exact=True).select_option(label="Esterbury Constabulary")
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_test_id("period")).to_contain_text("for Esterbury Constabulary")
    expect(page.get_by_test_id("figure").first).to_be_visible()
    expect(page.get_by_test_id("suppression")).to_contain_text('shown as "fewer than 5"')
    expect(page.locator('main a[href^="/reports/scorecard/"][href*="/0/"]')).to_have_count(0)  # no child behind
    # The charts draw, each with its summary in words and its table a click away.
    expect(page.locator("[data-trend-chart][data-drawn=true] canvas")).to_have_count(len(TRENDS))
    expect(page.get_by_test_id("trend-summary").first).to_contain_text("Contacts by source agency")
    assert_accessible(page)

    # As far as their access allows: the figures by sex, age, ethnicity and disability, counts only, no names.
    page.get_by_role("link", name=re.compile("See the figures by sex, age, ethnicity and disability")).click()
    expect(h1(page)).to_have_text("Figures by sex, age, ethnicity and disability")
    expect(page.get_by_test_id("suppression")).to_contain_text("You see counts only")
    expect(page.get_by_test_id("breakdown")).to_have_count(4)
    expect(page.get_by_test_id("not-held")).to_contain_text("Deprivation")
    expect(page.locator('main a[href*="/reports/scorecard/contacts/"]')).to_have_count(0)
    assert_accessible(page)

    # A share: each group's own share against all children's, still counts only.
    page.get_by_label("The children behind").select_option(label="Decisions within one working day")
    page.get_by_role("button", name="Show this figure").click()
    expect(page.get_by_test_id("share-explained")).to_contain_text("each group is shown with its own share")
    expect(page.get_by_test_id("breakdown")).to_have_count(4)
    expect(page.get_by_test_id("breakdown").first).to_contain_text("No children are behind this share")  # police
    page.goto("/reports/scorecard/fairness/?period=last_12_months&figure=decisions")  # every agency's referrals
    expect(page.get_by_test_id("whole")).to_have_count(4)
    expect(page.get_by_test_id("differences").first).to_be_visible()
    expect(page.get_by_test_id("lower").or_(page.get_by_test_id("not-compared")).first).to_be_visible()
    assert_accessible(page)


def test_the_manager_drills_down_to_the_children_behind_the_contacts(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "mash.manager")
    page.get_by_label("MASH manager", exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()
    page.goto("/reports/scorecard/?period=last_12_months")
    expect(h1(page)).to_have_text("Scorecard")
    expect(page.locator("[data-trend-chart][data-drawn=true] canvas")).to_have_count(len(TRENDS))
    contacts = page.locator("#figure-contacts")
    contacts.get_by_role("link", name=re.compile(r"contacts: contacts by source agency, All agencies")).click()
    expect(h1(page)).to_have_text("Children behind the number")
    expect(page.get_by_test_id("children").locator("tbody tr").first).to_be_visible()
    assert_accessible(page)


def test_with_javascript_off_each_trend_is_its_table(browser, server, sign_in_as, assert_accessible) -> None:
    context = browser.new_context(base_url=server.base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in_as(page, "scrutineer")
        page.goto("/reports/scorecard/?period=last_12_months")
        expect(h1(page)).to_have_text("Scorecard")
        expect(page.locator(".fd-trend-chart")).to_have_count(len(TRENDS))
        expect(page.locator(".fd-trend-chart").first).to_be_hidden()  # no empty box where a chart would be
        expect(page.get_by_test_id("trend-summary")).to_have_count(len(TRENDS))
        page.get_by_text("The chart's figures as a table").first.click()
        expect(page.locator("#trend-contacts table tbody tr")).to_have_count(12)
    finally:
        context.close()
