"""In Chromium: a red VIST arrives through the police API after today's meeting; the next working day's agenda, built
at 09:00 by the worker's job (run here under a time machine, against the server's database), holds it; a MASH
manager records who attended, the item's discussion, decision and a next step, and reads the minutes, which print
without the service's header. The emergency duty team records an out-of-hours contact, which the MASH opens.
Every page passes axe (WCAG 2.2 AA)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FRONTDOOR = Path(sys.executable).parent / "frontdoor"
# The settings this pytest process was given that the server's own process must not inherit.
SERVER_ONLY = ("DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
# What the worker's job does at 09:00 on the next working day, in the server's own database.
NEXT_MORNING = """
from datetime import datetime
import time_machine
from frontdoor.core.clocks import working_calendar
from frontdoor.mash import meeting_services
from frontdoor.mash.meeting_selectors import today
calendar = working_calendar()
day = calendar.next_working_day(today())
with time_machine.travel(datetime.combine(day, calendar.day_start, tzinfo=calendar.tz), tick=False):
    assert meeting_services.build_todays_meeting() == 1
print(day.isoformat())
"""


def send_vist(server) -> str:
    body = {
        "id": str(uuid.uuid4()),
        "officer_name": "PC Dana Hale",
        "incident_reference": f"INC-E2E-{uuid.uuid4().hex[:6]}",
        "incident_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
        "children_present": True,
        "risk_grade": "red",
        "circumstances": "Called to a fight at the flat at 11pm; Lily was hiding in her bedroom.",
        "persons": [{"role": "child present", "first_name": "Lily", "last_name": "Thornton", "is_child": True}],
    }
    request = urllib.request.Request(  # noqa: S310  (our own server on 127.0.0.1)
        f"{server.base_url}/api/v1/vists",
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Bearer {server.credentials['api_tokens']['police-records']}",
            "Content-Type": "application/json",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())["reference"]


def next_morning(server) -> str:
    """Build the next working day's agenda as the worker would at its opening; return that day (ISO)."""
    env = {k: v for k, v in os.environ.items() if k not in SERVER_ONLY}
    env.update(FRONTDOOR_VAR_DIR=str(server.var_dir), FRONTDOOR_ENV="demo")
    done = subprocess.run(
        [str(FRONTDOOR), "shell", "-c", NEXT_MORNING], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_next_mornings_agenda_holds_the_overnight_vist(server, page, sign_in_as, assert_accessible) -> None:
    vist = send_vist(server)
    day = next_morning(server)
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
