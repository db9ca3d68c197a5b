"""In Chromium: a red VIST arrives through the police API after today's meeting; the next working day's agenda, built
at 09:00 by the worker's job (run here under a time machine, against the server's database), holds it; a MASH
manager records who attended, the item's discussion, decision and a next step, and reads the minutes, which print
without the service's header. The emergency duty team records an out-of-hours contact, which the MASH opens.
Every page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_next_mornings_agenda_holds_the_overnight_vist(overnight, page, sign_in_as, assert_accessible) -> None:
    vist, day = overnight.lily, overnight.day  # sent overnight; the agenda built at 09:00 (the `overnight` fixture)
    sign_in_as(page, "mash.manager")
    page.get_by_label("MASH manager", exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()
    page.goto("/mash/meeting/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Daily vulnerability meeting")
    assert_accessible(page)  # today's meeting, from the demo

    page.goto(f"/mash/meeting/{day}/")
    row = page.locator(f'[data-testid="agenda-row"][data-reference="{vist}"]')
    expect(row).to_contain_text("Lily Thornton")
    expect(row).to_contain_text("New")
    expect(row).to_contain_text("Not discussed yet")
    assert_accessible(page)

    page.get_by_role("link", name="Record who is attending").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is attending the meeting")
    assert_accessible(page)
    page.get_by_role("checkbox", name="Sam Okafor", exact=False).first.check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_test_id("attendance")).to_contain_text("Sam Okafor")

    row = page.locator(f'[data-testid="agenda-row"][data-reference="{vist}"]')
    row.get_by_role("link", name=vist).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{vist} at the daily meeting")
    assert_accessible(page)
    page.get_by_label("The next step").fill("Check whether Lily is known to her school and tell the DSL.")
    page.get_by_label("Who owns it").select_option(index=1)
    page.get_by_role("radio", name="By the next meeting (1 working day)").check()
    page.get_by_role("button", name="Agree the next step").click()
    expect(page.get_by_test_id("next-steps")).to_contain_text("Check whether Lily is known")
    assert_accessible(page)

    page.get_by_role("button", name="Record the decision").click()  # nothing filled in: errors by the fields
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What the meeting discussed").fill("Police shared the call-out; health know the family.")
    page.get_by_label("What the meeting decided").fill("Strategy discussion this morning.")
    page.get_by_role("radio", name="Keep it on the agenda until its next steps are done").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text(f"Decision recorded on {vist}: kept on the agenda.")).to_be_visible()
    row = page.locator(f'[data-testid="agenda-row"][data-reference="{vist}"]')
    expect(row).to_contain_text("Keep it on the agenda")
    assert_accessible(page)

    page.get_by_role("link", name="The minutes, ready to print").click()
    minutes = page.get_by_test_id("minutes")
    expect(minutes).to_contain_text(vist)
    expect(minutes).to_contain_text("Strategy discussion this morning.")
    expect(minutes).to_contain_text("Sam Okafor")
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(minutes).to_be_visible()


def test_the_edt_records_a_contact_and_the_mash_opens_it(new_page, sign_in_as, assert_accessible) -> None:
    edt = new_page()
    sign_in_as(edt, "edt")
    expect(edt.get_by_test_id("edt-home")).to_be_visible()
    assert_accessible(edt)
    edt.goto("/mash/edt/")
    assert_accessible(edt)
    edt.get_by_role("button", name="Record a contact").click()
    assert_accessible(edt)
    edt.get_by_label("First name").fill("Mia")
    edt.get_by_label("Last name").fill("Corbett")
    edt.get_by_label("What happened", exact=True).fill("Mia rang at 1am: her dad had not come home.")
    edt.get_by_label("What the emergency duty team did").fill("Police did a welfare check; Mia went to a neighbour.")
    edt.get_by_role("radio", name="Amber").check()
    edt.get_by_role("button", name="Record and hand over to the MASH").click()
    expect(edt.get_by_role("heading", level=1)).to_contain_text("Out-of-hours contact EDT-")
    assert_accessible(edt)
    address = edt.url

    mash = new_page()
    sign_in_as(mash, "mash.sw")
    mash.goto(address)
    expect(mash.get_by_test_id("what-happened")).to_contain_text("her dad had not come home")
    assert_accessible(mash)
