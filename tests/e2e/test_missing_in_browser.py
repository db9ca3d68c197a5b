"""In Chromium: the return home interview worker records Ellis's interview (push and pull factors, where, with whom,
exploitation indicators); the coordinator, prompted to review Ellis's trigger plan, updates it; a police officer in
the MASH then records Ellis missing again and the episode page shows the updated plan at once. Every page passes axe
(WCAG 2.2 AA) and says words, not codes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from support.axe import without_known_govuk_issue
from support.words import assert_words_not_codes

pytestmark = pytest.mark.e2e


@pytest.fixture
def assert_accessible(axe):
    def _assert_accessible(page) -> None:
        violations = without_known_govuk_issue(axe.violations(page))
        assert violations == [], f"axe found violations on {page.url}:\n{axe.format(violations)}"
        assert_words_not_codes(page.content(), page.url)

    return _assert_accessible


def h1(page):
    return page.get_by_role("heading", level=1)


def fill_moment(page, name: str, moment: datetime) -> None:
    page.locator(f"#id_{name}").fill(str(moment.day))
    page.locator(f"#id_{name}-month").fill(str(moment.month))
    page.locator(f"#id_{name}-year").fill(str(moment.year))
    page.locator(f"#id_{name}_time").fill(f"{moment:%H:%M}")


def test_an_interview_recorded_updates_the_plan_police_see_when_the_child_goes_missing_again(
    page, new_page, sign_in_as, assert_accessible
) -> None:
    # The return home interview worker: Ellis accepted an interview; it is to be recorded.
    sign_in_as(page, "rhi")
    expect(page.get_by_test_id("interviews-to-complete")).to_contain_text("1 interview to complete")
    assert_accessible(page)
    page.get_by_test_id("interviews-to-complete").get_by_role("link").click()
    expect(h1(page)).to_have_text("Return home interviews")
    assert_accessible(page)
    page.locator("#to-complete").get_by_role("link").first.click()
    expect(h1(page)).to_contain_text("Return home interview for episode")
    expect(page.get_by_text("Ellis Ward").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record the interview").click()
    expect(h1(page)).to_have_text("Record the interview")
    assert_accessible(page)
    page.get_by_role("button", name="Save and share with police").click()  # nothing filled in
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter what made the child leave (push factors)")
    assert_accessible(page)
    fill_moment(page, "held", datetime.now() - timedelta(hours=1))
    page.get_by_label("Push factors").fill("Arguments with his stepdad about money.")
    page.get_by_label("Pull factors").fill("Older lads at the skate park who give him cash.")
    page.get_by_label("Where the child was").fill("The skate park, then a garage on Canal Road.")
    page.get_by_label("Who the child was with").fill("Two older lads; one called Marco.")
    page.get_by_label("Carrying or dealing drugs, or drug debt").check()
    page.get_by_label("Unexplained money, phones, clothes or gifts").check()
    page.get_by_label("The child's account, in their own words (optional)").fill(
        "They're my mates, they look out for me."
    )
    page.get_by_role("button", name="Save and share with police").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("shared with police")
    findings = page.get_by_test_id("interview-findings")
    expect(findings).to_contain_text("garage on Canal Road")
    expect(findings).to_contain_text("Carrying or dealing drugs, or drug debt")
    assert_accessible(page)

    # The coordinator is prompted to review Ellis's trigger plan, and makes his first.
    coordinator = new_page()
    sign_in_as(coordinator, "missing")
    expect(coordinator.get_by_test_id("missing-plans")).to_contain_text("1 trigger plan to review")
    assert_accessible(coordinator)
    coordinator.get_by_test_id("missing-plans").get_by_role("link").click()
    expect(h1(coordinator)).to_have_text("Missing children")
    assert_accessible(coordinator)
    coordinator.get_by_test_id("plans-to-review").get_by_role("link", name="Ellis Ward").click()
    expect(h1(coordinator)).to_have_text("Trigger plan for Ellis Ward")
    expect(coordinator.get_by_test_id("no-trigger-plan")).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name="Make a trigger plan").click()
    expect(h1(coordinator)).to_have_text("Update the trigger plan")
    assert_accessible(coordinator)
    coordinator.get_by_label("Actions for officers").fill("Check the garage on Canal Road first, then the skate park.")
    coordinator.get_by_label("Who to tell").fill("His mum on 01632 960222, then the missing coordinator.")
    coordinator.get_by_label("Associates (optional)").fill("Marco, about 19.")
    coordinator.get_by_role("button", name="Save a new version").click()
    expect(coordinator.get_by_test_id("trigger-plan-version")).to_contain_text("Version 1")
    expect(coordinator.get_by_test_id("trigger-plan")).to_contain_text("garage on Canal Road")
    assert_accessible(coordinator)
    coordinator.goto(coordinator.url.split("/missing/")[0] + "/")
    expect(coordinator.get_by_test_id("missing-plans")).to_contain_text("0 trigger plans to review")

    # Police in the MASH: Ellis is reported missing again; the episode page shows the plan at once.
    police = new_page()
    sign_in_as(police, "mash.police")
    police.get_by_role("link", name="Missing children").first.click()
    expect(h1(police)).to_have_text("Missing children")
    assert_accessible(police)
    police.get_by_role("button", name="Record a missing episode").click()
    expect(h1(police)).to_have_text("Record a missing episode")
    assert_accessible(police)
    police.get_by_label("Child's first name").fill("Ellis")
    police.get_by_label("Child's last name").fill("Ward")
    police.locator("#id_date_of_birth").fill("19")
    police.locator("#id_date_of_birth-month").fill("1")
    police.locator("#id_date_of_birth-year").fill("2010")
    police.get_by_label("Missing: medium risk").check()
    fill_moment(police, "went_missing", datetime.now() - timedelta(minutes=30))
    police.get_by_role("button", name="Record the episode").click()
    expect(h1(police)).to_contain_text("Missing episode")
    plan = police.get_by_test_id("trigger-plan")
    expect(plan).to_contain_text("Check the garage on Canal Road first")
    expect(plan).to_contain_text("Marco, about 19.")
    expect(police.get_by_test_id("trigger-plan-version")).to_contain_text("Version 1")
    assert_accessible(police)
    police.get_by_role("button", name="Record the return or find").click()
    expect(h1(police)).to_have_text("Record the return or find")
    assert_accessible(police)
