"""In Chromium: a MASH worker opens the page of Kai Brennan, whose NHS number is being traced, reads why it is
absent, and records a new reason through the form (an error by the field first); the privacy officer's home gives
the NHS number coverage; each page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_record_why_the_nhs_number_is_absent_and_see_the_coverage(new_page, sign_in_as, assert_accessible) -> None:
    page = new_page()
    sign_in_as(page, "mash.sw")
    page.get_by_role("link", name="Find a person").click()
    page.get_by_label("Name", exact=True).fill("Kai Brennan")
    page.get_by_label("Day").fill("22")
    page.get_by_label("Month").fill("7")
    page.get_by_label("Year").fill("2013")
    page.get_by_role("button", name="Search").click()
    page.get_by_test_id("search-results").get_by_role("link").first.click()
    if page.get_by_text("You need a reason to see this record").count():
        page.get_by_label("Why do you need to see this record now?").fill(
            "Checking the NHS number tracing before the strategy discussion this afternoon."
        )
        page.get_by_role("button", name="Break glass and see the record").click()
    line = page.get_by_test_id("nhs-number")
    expect(line).to_contain_text("NHS number: Not yet known: tracing requested.")
    assert_accessible(page)

    page.get_by_role("link", name="Record why the NHS number is not recorded").click()
    expect(page.get_by_role("heading", level=1, name="Why the NHS number is not recorded")).to_be_visible()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.locator("#id_reason-error")).to_contain_text("Select why the NHS number is not recorded")
    assert_accessible(page)
    page.get_by_label("Not known, and finding it would cause undue delay").check()
    page.get_by_label("Details (optional)").fill("The practice cannot trace it before the discussion.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("nhs-number")).to_contain_text(
        "NHS number: Not known, and finding it would cause undue delay."
    )
    assert_accessible(page)

    privacy = new_page()
    sign_in_as(privacy, "privacy")
    expect(privacy.get_by_test_id("nhs-coverage")).to_contain_text("have a verified NHS number")
    assert_accessible(privacy)
