"""In Chromium: a MASH social worker filters the triage queue with its plain form, takes an unassigned VIST,
finds it under "assigned to me"; opens the referral about an unborn baby, sets its priority and gives it to a
colleague; the manager reassigns it. Every page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def h1(page):
    return page.get_by_role("heading", level=1)


def references(page) -> list[str]:
    rows = page.get_by_test_id("queue-row")
    return [rows.nth(i).get_attribute("data-reference") or "" for i in range(rows.count())]


def apply_filters(page, *options: str) -> None:
    """Choose filter options by their label (without the count beside it) and apply the form, as a user would."""
    form = page.get_by_test_id("queue-filters")
    for option in options:
        form.get_by_role("radio", name=re.compile(rf"^{re.escape(option)} \(\d+\)$")).check()
    form.get_by_role("button", name="Apply filters").click()


def test_a_worker_filters_the_queue_and_takes_an_item(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "mash.sw")
    expect(page.get_by_test_id("mine-count")).to_contain_text("assigned to you")
    assert_accessible(page)
    page.get_by_test_id("unassigned-count").get_by_role("link").first.click()
    expect(h1(page)).to_have_text("Triage queue")
    assert "assigned=unassigned" in page.url
    assert_accessible(page)

    # Only the VISTs nobody has: a GET form, so the address says what is shown.
    apply_filters(page, "VISTs")
    assert "kind=vist" in page.url and "assigned=unassigned" in page.url
    expect(page.get_by_test_id("queue-shown")).to_contain_text("Showing")
    waiting = references(page)
    assert waiting, "the demo left no unassigned VIST in the queue"
    assert all(ref.startswith("VIST-") for ref in waiting)
    assert_accessible(page)

    taken = waiting[0]
    row = page.locator(f'[data-testid="queue-row"][data-reference="{taken}"]')
    row.get_by_role("button", name=re.compile("^Take it")).click()
    expect(page.get_by_text(f"You have taken {taken}.")).to_be_visible()
    assert "kind=vist" in page.url and "assigned=unassigned" in page.url  # back to the queue as it was filtered
    assert taken not in references(page)
    assert_accessible(page)

    apply_filters(page, "Assigned to me")
    assert taken in references(page)
    mine = page.locator(f'[data-testid="queue-row"][data-reference="{taken}"]')
    expect(mine).to_contain_text("Sam Okafor (you)")

    # Sorted by priority, red first.
    page.get_by_label("Sort by").select_option("priority")
    page.get_by_role("button", name="Apply filters").click()
    assert "sort=priority" in page.url
    assert_accessible(page)


def test_a_referral_about_an_unborn_baby_is_prioritised_and_assigned(
    page, new_page, sign_in_as, assert_accessible
) -> None:
    sign_in_as(page, "mash.sw")
    page.goto("/mash/?kind=referral")
    unborn = page.get_by_test_id("queue-row").filter(has_text="Unborn")
    expect(unborn.first).to_be_visible()
    reference = unborn.first.get_attribute("data-reference")
    unborn.first.get_by_role("link", name=reference, exact=True).click()
    expect(h1(page)).to_have_text(f"Referral {reference}")
    expect(page.get_by_text("The parents' views and wishes (the baby is not born yet):")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^(Set|Change) the priority")).click()
    expect(h1(page)).to_have_text(f"Priority of referral {reference}")
    page.get_by_role("button", name="Save the priority").click()
    expect(page.locator("#id_priority-error")).to_contain_text("Select the referral's priority")
    assert_accessible(page)
    page.get_by_label("Red", exact=True).check()
    page.get_by_role("button", name="Save the priority").click()
    expect(page.get_by_text(f"Referral {reference} is now red priority.")).to_be_visible()
    expect(page.get_by_test_id("priority-note")).to_contain_text("Set by Sam Okafor")

    page.get_by_role("link", name=f"Assign {reference}").click()
    expect(h1(page)).to_have_text(f"Who is working on referral {reference}")
    assert_accessible(page)
    page.get_by_label("Hana Begum", exact=True).check()
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text(f"{reference} is assigned to Hana Begum.")).to_be_visible()
    expect(page.get_by_role("link", name=f"Reassign {reference}")).to_have_count(0)  # only the manager reassigns

    # The manager takes it from Hana and gives it to Pat; the history says who assigned whom.
    manager = new_page()
    sign_in_as(manager, "mash.manager")
    manager.get_by_label("MASH manager", exact=True).check()
    manager.get_by_role("button", name="Continue", exact=True).click()
    manager.goto(f"/mash/referrals/{reference}/")
    manager.get_by_role("link", name=f"Reassign {reference}").click()
    expect(manager.get_by_test_id("current-worker")).to_contain_text("Assigned to Hana Begum")
    manager.get_by_label("Pat Doyle", exact=True).check()
    manager.get_by_role("button", name="Assign", exact=True).click()
    expect(manager.get_by_text(f"{reference} is assigned to Pat Doyle.")).to_be_visible()
    history = manager.get_by_test_id("assignment-history")
    expect(history).to_contain_text("assigned to Pat Doyle by Morgan Price")
    expect(history).to_contain_text("assigned to Hana Begum by Sam Okafor")
    assert_accessible(manager)
