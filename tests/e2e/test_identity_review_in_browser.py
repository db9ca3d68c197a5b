"""In Chromium: a MASH social worker opens the identity review queue from their home page, compares a pair of
records with the evidence per field, confirms them as one person with a reason, and the pair is one person
afterwards; every page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_a_mash_worker_confirms_a_pair_as_one_person(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "mash.sw")
    page.get_by_test_id("review-count").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1, name="Identity review")).to_be_visible()
    assert_accessible(page)

    # The first pair whose two records belong to two people now, and that no rule kept apart: the pairs a rule kept
    # apart are left for the next test, which decides pairs that share a reason (the demo server is one for both).
    links = page.get_by_role("link", name="Compare pair")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs, "the demo county's linkage left no pairs to review"
    pair_url = None
    for href in hrefs:
        page.goto(href)
        two_people = "Both records belong to" not in page.get_by_test_id("current-people").inner_text()
        if two_people and page.get_by_text("Why they were kept apart").count() == 0:
            pair_url = href
            break
    assert pair_url, "every pair in the queue is already one person, or was kept apart by a rule"

    expect(page.get_by_role("heading", level=1, name="Are these the same person?")).to_be_visible()
    evidence = page.get_by_test_id("evidence")
    expect(evidence).to_contain_text("Date of birth")
    expect(evidence).to_contain_text("How they compare")
    expect(evidence.get_by_text("Agree:").first).to_be_visible()
    expect(page.get_by_text("Match probability")).to_be_visible()
    assert_accessible(page)

    # No answer and no reason: each error is shown beside its field.
    page.get_by_role("button", name="Save decision").click()
    expect(page.locator("#id_decision-error")).to_contain_text("Select whether these records are the same person")
    expect(page.locator("#id_reason-error")).to_contain_text("Enter the reason for your decision")
    assert_accessible(page)

    page.get_by_label("Yes, the same person").check()
    page.get_by_label("Reason").fill("Same child: the school confirmed the date of birth and address by phone.")
    page.get_by_role("button", name="Save decision").click()
    expect(page.get_by_text("are now one person")).to_be_visible()

    page.goto(pair_url)
    expect(page.get_by_test_id("current-people")).to_contain_text("Both records belong to")
    expect(page.get_by_text("This pair has been decided")).to_be_visible()
    person_link = page.get_by_test_id("current-people").get_by_role("link")
    person_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("records and links")
    expect(page.get_by_text("Same child: the school confirmed")).to_be_visible()
    assert_accessible(page)


def test_the_queue_says_why_and_offers_pairs_that_share_a_reason(page, sign_in_as, assert_accessible) -> None:
    sign_in_as(page, "mash.sw")
    page.goto("/mash/review/")
    expect(page.get_by_test_id("review-count")).to_contain_text("pairs waiting for review")
    expect(page.get_by_test_id("settled-count")).to_contain_text("settled")
    groups = page.get_by_test_id("reason-groups").get_by_role("link")
    assert groups.count() > 0, "the demo county should leave pairs that share a reason"
    assert_accessible(page)

    groups.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("pairs together")
    expect(page.get_by_test_id("pairs-together")).to_contain_text("record")
    expect(page.get_by_text("What will happen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Decide").click()
    expect(page.locator("#id_decision-error")).to_contain_text("Select whether the records of each pair")
    expect(page.locator("#id_reason-error")).to_contain_text("Enter the reason for your decision")
    assert_accessible(page)

    page.goto("/mash/review/?show=settled")
    expect(page.get_by_role("heading", level=1, name="Settled pairs")).to_be_visible()
    assert_accessible(page)
