"""In Chromium: the early help worker finds family help's lists on their home, triages the family the MASH stepped
down yesterday onto the waiting list as its duty worker, and sees the family waiting beyond four weeks on the alert
list; the MASH manager, as family help manager, allocates a waiting family to a lead practitioner, recording the
family's voice and each child's separately; the lead practitioner then opens a child's record and finds it in the
chronology. Every page passes axe (WCAG 2.2 AA) and says words, not codes."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from support.axe import without_known_govuk_issue
from support.words import assert_words_not_codes

pytestmark = pytest.mark.e2e


@pytest.fixture
def assert_accessible(axe):
    """No axe violations at WCAG 2.2 AA but GOV.UK's own on conditional radios (support.axe), and words, not codes."""

    def _assert_accessible(page) -> None:
        violations = without_known_govuk_issue(axe.violations(page))
        assert violations == [], f"axe found violations on {page.url}:\n{axe.format(violations)}"
        assert_words_not_codes(page.content(), page.url)

    return _assert_accessible


def h1(page):
    return page.get_by_role("heading", level=1)


def row(page, surname: str):
    return page.get_by_test_id("family-row").filter(has_text=surname)


def test_family_help_from_triage_to_allocation_with_each_childs_voice(
    page, new_page, sign_in_as, assert_accessible
) -> None:
    sign_in_as(page, "earlyhelp")
    counts = page.get_by_test_id("family-help-counts")
    expect(counts).to_contain_text("on the triage list")
    expect(page.get_by_test_id("family-help-alert-count")).to_contain_text("1 family waiting 4 weeks or more")
    assert_accessible(page)

    # The triage list: the Harts, stepped down by the MASH yesterday.
    page.get_by_test_id("family-help-triage-count").get_by_role("link").click()
    expect(h1(page)).to_have_text("Family help triage list")
    assert_accessible(page)
    hart = row(page, "Poppy Hart")
    reference = hart.get_attribute("data-reference")
    hart.get_by_role("link", name=reference, exact=True).click()
    expect(h1(page)).to_have_text(f"Family {reference}")
    expect(page.get_by_test_id("family-history")).to_contain_text("Stepped down by the MASH")
    assert_accessible(page)

    page.get_by_role("button", name="Triage this family").click()
    expect(h1(page)).to_have_text(f"Triage family {reference}")
    page.get_by_role("button", name="Save the triage").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select what happens next for the family")
    assert_accessible(page)
    page.get_by_label(re.compile("Needs a family help lead practitioner")).check()
    page.get_by_label("Kim Turner (you)", exact=True).check()
    assert_accessible(page)  # with the duty worker question revealed
    page.get_by_label("What the family was told").fill("Jade would like a stay-and-play group and speech support.")
    page.get_by_role("button", name="Save the triage").click()
    expect(page.get_by_text(f"Family {reference} is on the allocation waiting list.")).to_be_visible()
    expect(page.get_by_test_id("family-wait")).to_contain_text("Waiting for a lead practitioner for")

    # The waiting list shows each family's wait and duty worker; the alert list the family past four weeks.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Family help", exact=True).click()
    expect(h1(page)).to_have_text("Family help triage list")
    page.get_by_role("link", name=re.compile(r"^Waiting for allocation \(\d+\)$")).click()
    expect(h1(page)).to_have_text("Waiting for allocation")
    expect(row(page, "Poppy Hart").get_by_test_id("duty-worker")).to_have_text("Kim Turner")
    brennans = row(page, "Ellie Brennan")
    expect(brennans.get_by_test_id("waited")).to_contain_text("5 weeks")
    expect(brennans.get_by_test_id("waited")).to_contain_text("4 weeks or more")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Waiting 4 weeks or more \(1\)$")).click()
    expect(h1(page)).to_have_text("Waiting 4 weeks or more")
    expect(page.get_by_test_id("family-row")).to_have_count(1)
    expect(row(page, "Ellie Brennan")).to_be_visible()
    assert_accessible(page)

    # The MASH manager, as family help manager, allocates the Oseis to Kim with each child's voice.
    manager = new_page()
    sign_in_as(manager, "mash.manager")
    manager.get_by_label("MASH manager", exact=True).check()
    manager.get_by_role("button", name="Continue", exact=True).click()
    manager.goto("/family-help/waiting/")
    oseis = row(manager, "Kwame Osei")
    osei = oseis.get_attribute("data-reference")
    oseis.get_by_role("link", name=osei, exact=True).click()
    manager.get_by_role("button", name="Allocate a lead practitioner").click()
    expect(h1(manager)).to_have_text(f"Allocate family {osei}")
    assert_accessible(manager)
    manager.get_by_role("button", name="Allocate", exact=True).click()
    summary = manager.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the family's lead practitioner")
    expect(summary).to_contain_text("Select whether you know Kwame Osei's own wishes and feelings")
    expect(summary).to_contain_text("Select whether you know Ama Osei's own wishes and feelings")
    assert_accessible(manager)

    manager.get_by_label("Kim Turner", exact=True).check()
    manager.get_by_label("What the family says it needs").fill("Daniel wants Kwame to be a child again before school.")
    kwame, ama = manager.get_by_test_id("voice-question").nth(0), manager.get_by_test_id("voice-question").nth(1)
    kwame.get_by_label("Yes", exact=True).check()
    kwame.get_by_label("Kwame Osei's wishes and feelings").fill("I like helping Ama but I'm always tired at school.")
    ama.get_by_label("No, they could not be obtained").check()
    ama.get_by_label("Why could they not be obtained?").fill("Ama was shy and wants to draw it next time.")
    assert_accessible(manager)  # each child's answer revealed
    manager.get_by_role("button", name="Allocate", exact=True).click()
    expect(manager.get_by_text(f"Family {osei} is allocated to Kim Turner.")).to_be_visible()
    voices = manager.get_by_test_id("child-voice")
    expect(voices.nth(0)).to_contain_text("I like helping Ama but I'm always tired at school.")
    expect(voices.nth(1)).to_contain_text("Could not be obtained: Ama was shy and wants to draw it next time.")
    expect(manager.get_by_test_id("family-voice")).to_contain_text("Daniel wants Kwame to be a child again")
    expect(manager.get_by_test_id("family-history")).to_contain_text("Lead practitioner: Kim Turner")
    assert_accessible(manager)

    # Kim, now the Oseis' lead practitioner, opens Kwame's record: family help is in his chronology.
    page.goto(f"/family-help/families/{osei}/")
    page.get_by_role("link", name="Kwame Osei", exact=True).click()
    expect(h1(page)).to_contain_text("Kwame Osei")
    chronology = page.get_by_test_id("chronology")
    expect(chronology).to_contain_text("Family help lead practitioner allocated")
    expect(chronology).to_contain_text("Stepped down to family help")
    assert_accessible(page)
