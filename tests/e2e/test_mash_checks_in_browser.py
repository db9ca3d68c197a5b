"""In Chromium: a MASH social worker asks the police and community health about a referral's child; the MASH
police officer and the MASH health practitioner each find only their own agency's check, and answer it (one
declines); the worker sees both answers on the referral at once, and the decision page has nothing outstanding.
Every page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support.axe import without_known_govuk_issue
from support.words import assert_words_not_codes

pytestmark = pytest.mark.e2e
POLICE, HEALTH = "Esterbury Constabulary", "Esterbury Community Health"


def h1(page):
    return page.get_by_role("heading", level=1)


def green_referral(page) -> str:
    """The demo's green referral (Maisie's attendance), found through the queue's filters as a worker would."""
    page.goto("/mash/?kind=referral&priority=green")
    rows = page.get_by_test_id("queue-row")
    expect(rows.first).to_be_visible()
    return rows.first.get_attribute("data-reference") or ""


def check_reference(page, agency: str) -> str:
    card = page.get_by_test_id("item-check").filter(has_text=agency).filter(has_text="Waiting for an answer")
    return card.get_by_role("link", name=re.compile(r"^MC-")).inner_text()


def test_police_and_health_each_answer_their_own_check(new_page, sign_in_as, axe) -> None:
    def assert_accessible(page) -> None:
        """axe at WCAG 2.2 AA, letting through only the GOV.UK conditional radio's aria-expanded (the answer form's
        reveal), and words, not codes."""
        violations = without_known_govuk_issue(axe.violations(page))
        assert violations == [], f"axe found violations on {page.url}:\n{axe.format(violations)}"
        assert_words_not_codes(page.content(), page.url)

    worker = new_page()
    sign_in_as(worker, "mash.sw")
    reference = green_referral(worker)
    worker.goto(f"/mash/referrals/{reference}/")
    expect(worker.get_by_role("heading", name="MASH checks")).to_be_visible()
    assert_accessible(worker)
    worker.get_by_role("button", name="Ask partner agencies").click()
    expect(h1(worker)).to_have_text(f"Ask partner agencies about {reference}")
    assert_accessible(worker)

    worker.get_by_role("button", name="Send the checks").click()  # nothing chosen: the errors say what to do
    expect(worker.get_by_role("link", name="Select the agencies to ask")).to_be_visible()
    assert_accessible(worker)
    worker.get_by_label(f"{POLICE} (police)").check()
    worker.get_by_label(f"{HEALTH} (community health)").check()
    worker.get_by_label("What do you want to know?").fill("Is Maisie known to you, and is anything worrying you?")
    worker.get_by_label("Amber").check()
    worker.get_by_role("button", name="Send the checks").click()
    expect(worker.get_by_text(f"MASH checks sent to {HEALTH}, {POLICE}.")).to_be_visible()  # by agency name
    police_check, health_check = check_reference(worker, POLICE), check_reference(worker, HEALTH)
    assert_accessible(worker)

    officer = new_page()
    sign_in_as(officer, "mash.police")
    expect(officer.get_by_test_id("open-checks")).to_contain_text(f"waiting for {POLICE}'s answer")
    expect(officer.get_by_test_id("my-deadlines")).to_contain_text(f"MASH check to {POLICE} on {reference}")
    assert_accessible(officer)
    officer.get_by_role("link", name="MASH checks", exact=True).first.click()
    expect(h1(officer)).to_have_text(f"MASH checks for {POLICE}")
    queue = officer.get_by_test_id("agency-checks")
    expect(queue).to_contain_text(police_check)
    expect(queue).not_to_contain_text(health_check)
    assert_accessible(officer)
    officer.goto(f"/mash/checks/{health_check}/")  # another agency's check: not found
    expect(h1(officer)).not_to_have_text(f"MASH check {health_check}")
    officer.goto("/mash/checks/")
    queue.get_by_role("link", name=police_check).click()
    expect(h1(officer)).to_have_text(f"MASH check {police_check}")
    expect(officer.get_by_test_id("check-people")).to_contain_text("Maisie Ashdown")
    assert_accessible(officer)
    officer.get_by_role("button", name="Answer this check").click()
    expect(h1(officer)).to_have_text(f"Answer MASH check {police_check}")
    assert_accessible(officer)
    officer.get_by_label("Answer the check").check()
    officer.get_by_label("What your agency knows").fill("One missing-from-home report in January; found the same day.")
    officer.get_by_label("The child's voice, if your agency knows it (optional)").fill(
        "Maisie told the officer school scares her."
    )
    officer.get_by_role("button", name="Send the answer").click()
    expect(officer.get_by_text(f"MASH check {police_check} answered.")).to_be_visible()
    expect(officer.get_by_test_id("agency-checks")).not_to_contain_text(police_check)
    assert_accessible(officer)

    nurse = new_page()
    sign_in_as(nurse, "mash.health")
    nurse.goto("/mash/checks/")
    expect(h1(nurse)).to_have_text(f"MASH checks for {HEALTH}")
    expect(nurse.get_by_test_id("agency-checks")).to_contain_text(health_check)
    expect(nurse.get_by_test_id("agency-checks")).not_to_contain_text(police_check)
    assert_accessible(nurse)
    nurse.goto(f"/mash/checks/{health_check}/answer/")
    nurse.get_by_role("button", name="Send the answer").click()
    expect(nurse.get_by_role("link", name="Select whether your agency can answer")).to_be_visible()
    assert_accessible(nurse)
    nurse.get_by_label("Decline: my agency cannot answer").check()
    nurse.get_by_label("Why your agency cannot answer").fill("Maisie is registered with a GP outside the county.")
    nurse.get_by_role("button", name="Send the answer").click()
    expect(nurse.get_by_text(f"MASH check {health_check} declined.")).to_be_visible()
    assert_accessible(nurse)

    worker.goto(f"/mash/referrals/{reference}/")
    cards = worker.get_by_test_id("item-check")
    expect(cards.filter(has_text=POLICE).filter(has_text="One missing-from-home report in January")).to_have_count(1)
    expect(cards.filter(has_text=HEALTH).filter(has_text="registered with a GP outside the county")).to_have_count(1)
    assert_accessible(worker)
    worker.goto(f"/mash/referrals/{reference}/decision/")
    expect(worker.get_by_test_id("outstanding-checks")).to_have_text("Every MASH check on this item has been answered.")
    assert_accessible(worker)
