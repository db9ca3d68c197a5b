"""In Chromium: the analyst finds the exports on their home, opens the page and downloads a Parquet export; the
scrutineer opens the annual report figures from their home and changes the year. Every page passes axe (WCAG 2.2
AA) and says words, not codes."""

from __future__ import annotations

import zipfile

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def h1(page):
    return page.get_by_role("heading", level=1)


def test_the_analyst_downloads_an_export(page, sign_in_as, assert_accessible, tmp_path) -> None:
    sign_in_as(page, "analyst")
    expect(page.get_by_test_id("latest-export")).to_contain_text("by Nia Evans")
    page.get_by_role("link", name="Export the Standard Safeguarding Dataset's tables").click()
    expect(h1(page)).to_have_text("Analyst exports")
    assert_accessible(page)
    page.get_by_label("Parquet").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export and download").click()
    saved = tmp_path / "export.zip"
    download.value.save_as(saved)
    assert "ssd_contacts.parquet" in zipfile.ZipFile(saved).namelist()


def test_the_scrutineer_reads_the_annual_report_figures(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "scrutineer")
    page.get_by_role("link", name="See the annual report figures").click()
    expect(h1(page)).to_have_text("Annual report figures")
    expect(page.get_by_test_id("figure").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Year").select_option(index=1)
    page.get_by_role("button", name="Show the year").click()
    expect(page.get_by_test_id("year")).to_contain_text("1 April")
    assert_accessible(page)
