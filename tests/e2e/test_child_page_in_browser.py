"""In Chromium: a MASH worker finds a child by name and date of birth, breaks glass to open a child they have no
relationship with, and reads the single view (every agency's records, the chronology filtered by agency); each
page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def a_county_child(server) -> dict:
    with (server.var_dir / "county" / "truth" / "people.csv").open() as f:
        for row in csv.DictReader(f):
            if row["kind"] == "child" and row["dob"] and row["nhs_number"] and row["first_name"] and row["upn"]:
                return row
    raise AssertionError("the demo county has no school-age child with an NHS number")


def test_find_a_child_break_glass_and_read_the_single_view(server, new_page, sign_in_as, assert_accessible) -> None:
    child = a_county_child(server)
    born = date.fromisoformat(child["dob"])
    page = new_page()
    sign_in_as(page, "mash.sw")
    page.get_by_role("link", name="Find a person").click()
    expect(page.get_by_role("heading", level=1, name="Find a person")).to_be_visible()
    page.get_by_label("Name", exact=True).fill(f"{child['first_name']} {child['last_name']}")
    page.get_by_label("Day").fill(str(born.day))
    page.get_by_label("Month").fill(str(born.month))
    page.get_by_label("Year").fill(str(born.year))
    page.get_by_role("button", name="Search").click()
    results = page.get_by_test_id("search-results")
    expect(results).to_contain_text(child["last_name"], ignore_case=True)
    assert_accessible(page)

    results.get_by_role("link").first.click()
    expect(page.get_by_text("You need a reason to see this record")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why do you need to see this record now?").fill(
        "Police have asked whether this child is known before a visit tonight."
    )
    page.get_by_role("button", name="Break glass and see the record").click()

    expect(page.get_by_role("heading", level=2, name="Chronology")).to_be_visible()
    expect(page.get_by_text("reason for breaking glass")).to_be_visible()
    expect(page.get_by_test_id("linked-records")).to_contain_text("Health")
    assert_accessible(page)

    # A pupil (the child has a UPN) has a school census return: filtered to education, only education's lines show.
    page.get_by_label("Agency").select_option("Education")
    page.get_by_role("button", name="Filter").click()
    chronology = page.get_by_test_id("chronology")
    expect(chronology).to_contain_text("School census return")
    expect(chronology).not_to_contain_text("Emergency department attendance")
    assert_accessible(page)
