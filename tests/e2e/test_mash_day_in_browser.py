"""In Chromium, the MASH's day end to end (issue 13's "done when"): a red VIST arrives overnight from the police's
system; a MASH social worker takes it from the triage queue and asks the police and community health about the
child; the MASH police officer and the MASH health practitioner each answer their own agency's check and cannot see
the other's; the worker triages the VIST to a strategy discussion, convenes it with both of them by name, records
their attendance, a joint section 47 enquiry and an action; the discussion shows its initial child protection
conference clock; the police, who referred the child, read the outcome; and the next working day's daily meeting
agenda, built at 09:00, holds the VIST. Every page visited passes axe (WCAG 2.2 AA) and says words, not codes.

The VIST is sent and the next morning's agenda built once per session by the `overnight` fixture (an agenda is
built once, so every overnight VIST is sent before it)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from frontdoor.core.calendars import LONDON

pytestmark = pytest.mark.e2e
POLICE, HEALTH = "Esterbury Constabulary", "Esterbury Community Health"


def h1(page):
    return page.get_by_role("heading", level=1)


def waiting_check(page, agency: str) -> str:
    card = page.get_by_test_id("item-check").filter(has_text=agency).filter(has_text="Waiting for an answer")
    return card.get_by_role("link", name=re.compile(r"^MC-")).inner_text()


def answer(page, check: str, other: str, known: str, accessible) -> None:
    """A responder finds their agency's check in their queue (and not the other agency's) and answers it."""
    page.goto("/mash/checks/")
    queue = page.get_by_test_id("agency-checks")
    expect(queue).to_contain_text(check)
    expect(queue).not_to_contain_text(other)
    accessible(page)
    page.goto(f"/mash/checks/{other}/")  # another agency's check: not found
    expect(h1(page)).not_to_have_text(f"MASH check {other}")
    page.goto("/mash/checks/")
    queue.get_by_role("link", name=check).click()
    expect(page.get_by_test_id("check-people")).to_contain_text("Ava Marsh")
    accessible(page)
    page.get_by_role("button", name="Answer this check").click()
    accessible(page)
    page.get_by_label("Answer the check").check()
    page.get_by_label("What your agency knows").fill(known)
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text(f"MASH check {check} answered.")).to_be_visible()
    accessible(page)


def test_a_red_vist_from_triage_to_section_47_and_the_next_mornings_agenda(
    overnight, new_page, sign_in_as, assert_accessible_with_reveals
) -> None:
    accessible = assert_accessible_with_reveals
    vist = overnight.ava

    # Triage: the worker takes the red VIST from the queue and asks the police and health about Ava.
    worker = new_page()
    sign_in_as(worker, "mash.sw")
    worker.goto("/mash/?kind=vist&priority=red")
    row = worker.locator(f'[data-testid="queue-row"][data-reference="{vist}"]')
    expect(row).to_contain_text("Ava Marsh")
    accessible(worker)
    row.get_by_role("button", name=re.compile("^Take it")).click()
    expect(worker.get_by_text(f"You have taken {vist}.")).to_be_visible()
    worker.goto(f"/mash/vists/{vist}/")
    expect(h1(worker)).to_contain_text(vist)
    accessible(worker)
    worker.get_by_role("button", name="Ask partner agencies").click()
    accessible(worker)
    worker.get_by_label(f"{POLICE} (police)").check()
    worker.get_by_label(f"{HEALTH} (community health)").check()
    worker.get_by_label("What do you want to know?").fill("Is Ava or her mother known to you? Any injuries seen?")
    worker.get_by_label("Red").check()
    worker.get_by_role("button", name="Send the checks").click()
    expect(worker.get_by_text(f"MASH checks sent to {HEALTH}, {POLICE}.")).to_be_visible()
    police_check, health_check = waiting_check(worker, POLICE), waiting_check(worker, HEALTH)
    accessible(worker)

    # Each agency answers its own check, and does not see the other's.
    officer = new_page()
    sign_in_as(officer, "mash.police")
    answer(officer, police_check, health_check, "Two domestic call-outs to the flat this year.", accessible)
    nurse = new_page()
    sign_in_as(nurse, "mash.health")
    answer(nurse, health_check, police_check, "Ava missed her last two health appointments.", accessible)

    # Both answers are on the VIST at once; the worker triages it to a strategy discussion and convenes it.
    worker.goto(f"/mash/vists/{vist}/")
    cards = worker.get_by_test_id("item-check")
    expect(cards.filter(has_text="Two domestic call-outs to the flat this year.")).to_have_count(1)
    expect(cards.filter(has_text="Ava missed her last two health appointments.")).to_have_count(1)
    expect(worker.get_by_test_id("outstanding-checks")).to_have_text("Every MASH check on this item has been answered.")
    worker.get_by_label("Strategy discussion", exact=True).check()
    worker.get_by_label("Reasons").fill("A six-year-old left alone at night; police and health both hold concerns.")
    worker.get_by_role("button", name="Record the triage").click()
    expect(h1(worker)).to_have_text("Convene a strategy discussion")
    accessible(worker)
    worker.get_by_label("Why is there reasonable cause to suspect significant harm?").fill(
        "Ava was left alone at 1am; her mother was drunk and injured; two call-outs this year."
    )
    worker.get_by_label("Pat Doyle, Esterbury Constabulary").check()
    worker.get_by_label("Hana Begum, Esterbury Community Health").check()
    worker.get_by_role("button", name="Convene the discussion").click()
    expect(h1(worker)).to_have_text(re.compile(r"^Strategy discussion SD-"))
    discussion = h1(worker).inner_text().removeprefix("Strategy discussion ")
    accessible(worker)

    # The record: who attended, what the police and health shared, a joint section 47 enquiry and an action.
    worker.get_by_role("button", name="Record the discussion").click()
    accessible(worker)
    worker.get_by_role("group", name="Did Children's social care attend?").get_by_label("Yes").check()
    worker.get_by_role("group", name="Did Police (Pat Doyle) attend?").get_by_label("Yes").check()
    worker.get_by_role("group", name="Did Health (Hana Begum) attend?").get_by_label("Yes").check()
    worker.get_by_role("group", name="Did Education attend?").get_by_label("No").check()
    worker.get_by_label("If education did not attend, why not?").fill("Ava's school sent her attendance record.")
    worker.get_by_label("What did police share?").fill("Two domestic call-outs; the mother was arrested once.")
    worker.get_by_label("Section 47 enquiry jointly with the police").check()
    worker.get_by_label("Why did it decide this?").fill("Neglect at night and violence at home: joint enquiry.")
    worker.locator("#id_action_what_0").fill("Joint visit to see Ava alone at school.")
    worker.locator("#id_action_owner_0").select_option(label="Pat Doyle, Esterbury Constabulary")
    due = (datetime.now(LONDON) + timedelta(days=3)).date()
    worker.locator("#id_action_due_0").fill(str(due.day))
    worker.locator("#id_action_due_0-month").fill(str(due.month))
    worker.locator("#id_action_due_0-year").fill(str(due.year))
    worker.get_by_role("button", name="Save the record").click()
    expect(h1(worker)).to_have_text(f"Strategy discussion {discussion}")
    expect(worker.get_by_test_id("conference-clock")).to_contain_text("Due")
    expect(worker.get_by_test_id("invitees")).to_contain_text("Pat Doyle")
    expect(worker.get_by_test_id("actions")).to_contain_text("Joint visit to see Ava alone at school.")
    accessible(worker)

    # The police, who referred Ava, read the outcome: the discussion's decisions and the conference clock.
    officer.goto("/")
    expect(officer.get_by_test_id("my-actions")).to_be_visible()
    accessible(officer)
    officer.goto(f"/mash/strategy/{discussion}/")
    expect(officer.get_by_test_id("decisions")).to_contain_text("Section 47 enquiry jointly with the police")
    expect(officer.get_by_test_id("conference-clock")).to_contain_text("Due")
    accessible(officer)

    # The next working day's agenda, built at its opening, holds the VIST.
    manager = new_page()
    sign_in_as(manager, "mash.manager")
    manager.get_by_label("MASH manager", exact=True).check()
    manager.get_by_role("button", name="Continue", exact=True).click()
    accessible(manager)
    manager.goto(f"/mash/meeting/{overnight.day}/")
    item = manager.locator(f'[data-testid="agenda-row"][data-reference="{vist}"]')
    expect(item).to_contain_text("Ava Marsh")
    accessible(manager)
