"""In Chromium: Millbrook Primary School's DSL signs in on a school morning, finds last night's Operation Encompass
notifications on their home, reads one (what police tell the school, and its journey in time), acknowledges it (after
the error for choosing no support) and records silent support. Every page passes axe (WCAG 2.2 AA) and says words,
not codes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

DSL_ROLE = "School designated safeguarding lead"


def h1(page):
    return page.get_by_role("heading", level=1)


def test_a_dsl_reads_acknowledges_and_records_support(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "dsl")
    expect(h1(page)).to_have_text("Choose the role you are acting in")
    page.get_by_label(DSL_ROLE, exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(page.get_by_test_id("encompass-count")).to_contain_text("about your pupils")
    assert_accessible(page)

    page.get_by_role("link", name="All your school's Operation Encompass notifications").click()
    expect(h1(page)).to_have_text("Operation Encompass notifications")
    jacob = page.get_by_test_id("encompass-row").filter(has_text="Jacob Whitmore")
    reference = jacob.get_attribute("data-reference")
    assert_accessible(page)
    jacob.get_by_role("link", name=reference, exact=True).click()

    expect(h1(page)).to_have_text(f"Operation Encompass notification {reference}")
    content = page.get_by_test_id("notice-content")
    expect(content).to_contain_text("ESC/26/118204")
    expect(content).to_contain_text("Jacob was awake and upset on the landing")
    expect(page.get_by_test_id("notice-timeliness")).to_contain_text("after the incident")
    assert_accessible(page)

    page.get_by_role("button", name="Acknowledge and record support").click()
    expect(h1(page)).to_have_text(f"Acknowledge notification {reference}")
    page.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the support the school is offering")
    assert_accessible(page)
    page.get_by_label(re.compile("Silent support")).check()
    page.get_by_label("What support (optional)").fill("Class teacher and learning mentor aware; daily check-in.")
    page.get_by_role("button", name="Acknowledge", exact=True).click()

    expect(page.get_by_text(f"Notification {reference} is acknowledged.")).to_be_visible()
    expect(page.get_by_test_id("notice-support")).to_contain_text("Silent support")
    expect(page.get_by_test_id("notice-verdict")).to_contain_text("Acknowledged")
    assert_accessible(page)
