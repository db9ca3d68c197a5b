"""In Chromium: a referral arrives; the MASH social worker decides on a strategy discussion and goes straight to
convening it (the minimum attendance enforced beside the agencies); records it with the police absent and the
reason given (asked for beside the field first), a joint section 47 enquiry and an action; the discussion shows its
initial child protection conference clock; the record is circulated; the conference is recorded with a plan and
the first review's clock; the referrer's system reads the outcome.
Every page passes axe (WCAG 2.2 AA) and says words, not codes."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import expect

from frontdoor.core.calendars import LONDON
from support.demo_server import call_api

pytestmark = pytest.mark.e2e


def h1(page):
    return page.get_by_role("heading", level=1)


def _api(server, method: str, path: str, body: dict | None = None) -> dict:
    return call_api(server, "health-records", method, path, body)


def refer_a_nine_year_old(server) -> str:
    body = {
        "referrer": {"name": "Rosa Fielding", "role": "Health visitor"},
        "children": [
            {
                "first_name": "Leah",
                "last_name": "Strand",
                "date_of_birth": "2017-05-09",
                "wishes_and_feelings": "Leah said she is scared of the belt.",
            }
        ],
        "concern": {"description": "Leah told the school nurse her stepfather hits her with a belt."},
        "level_of_need": 4,
        "consent": {"status": "dispensed", "rationale": "Risk of significant harm."},
    }
    return _api(server, "POST", "/api/v1/referrals", body)["reference"]


def test_a_strategy_discussion_from_a_referral_to_its_conference_clock(
    server, new_page, sign_in_as, assert_accessible
) -> None:
    reference = refer_a_nine_year_old(server)
    worker = new_page()
    sign_in_as(worker, "mash.sw")
    worker.goto(f"/mash/referrals/{reference}/")
    expect(worker.get_by_role("heading", name="Strategy discussions")).to_be_visible()
    assert_accessible(worker)
    worker.get_by_role("button", name="Record the decision").click()
    worker.get_by_label("Strategy discussion", exact=True).check()
    worker.get_by_label("Decision summary", exact=True).fill("Reasonable cause to suspect significant harm.")
    worker.get_by_role("button", name="Record the decision", exact=True).click()

    # Straight on to convening it; the minimum attendance is asked for beside the agencies.
    expect(h1(worker)).to_have_text("Convene a strategy discussion")
    assert_accessible(worker)
    worker.get_by_label("Why is there reasonable cause to suspect significant harm?").fill(
        "Leah disclosed being hit with a belt; marks seen by the school nurse."
    )
    worker.get_by_label("Police", exact=True).uncheck()
    worker.get_by_role("button", name="Convene the discussion").click()
    expect(worker.locator("#id_agencies-error")).to_contain_text("Invite police")
    assert_accessible(worker)
    worker.get_by_label("Police", exact=True).check()
    worker.get_by_label("Pat Doyle, Esterbury Constabulary").check()
    worker.get_by_label("Hana Begum, Esterbury Community Health").check()
    worker.get_by_role("button", name="Convene the discussion").click()
    expect(h1(worker)).to_have_text(re.compile(r"^Strategy discussion SD-"))
    discussion = h1(worker).inner_text().removeprefix("Strategy discussion ")
    expect(worker.get_by_test_id("discussion-summary")).to_contain_text("To be held")
    assert_accessible(worker)

    # The record: police absent, the reason asked for beside its field; a joint section 47 enquiry and an action.
    worker.get_by_role("button", name="Record the discussion").click()
    expect(h1(worker)).to_have_text("Record the discussion")
    assert_accessible(worker)
    worker.get_by_role("group", name="Did Children's social care attend?").get_by_label("Yes").check()
    worker.get_by_role("group", name="Did Police (Pat Doyle) attend?").get_by_label("No").check()
    worker.get_by_role("group", name="Did Health (Hana Begum) attend?").get_by_label("Yes").check()
    worker.get_by_role("group", name="Did Education attend?").get_by_label("Yes").check()
    worker.get_by_label("What did health share?").fill("Leah's GP saw a mark on her back in March.")
    worker.get_by_label("Section 47 enquiry jointly with the police").check()
    worker.get_by_label("Why did it decide this?").fill("A disclosure with marks seen: joint enquiry.")
    worker.get_by_role("button", name="Save the record").click()
    expect(
        worker.get_by_role("link", name="Say why police did not attend: the discussion needs it at least")
    ).to_be_visible()
    assert_accessible(worker)
    worker.get_by_label("If police did not attend, why not?").fill("On a call-out; sent the force's records.")
    worker.locator("#id_action_what_0").fill("Joint visit to see Leah alone.")
    worker.locator("#id_action_owner_0").select_option(label="Pat Doyle, Esterbury Constabulary")
    due = (datetime.now(LONDON) + timedelta(days=7)).date()
    worker.locator("#id_action_due_0").fill(str(due.day))
    worker.locator("#id_action_due_0-month").fill(str(due.month))
    worker.locator("#id_action_due_0-year").fill(str(due.year))
    worker.get_by_role("button", name="Save the record").click()

    # The conference clock, 15 working days from this discussion.
    expect(h1(worker)).to_have_text(f"Strategy discussion {discussion}")
    expect(worker.get_by_test_id("conference-clock")).to_contain_text("Due")
    expect(worker.get_by_test_id("decisions")).to_contain_text("Section 47 enquiry jointly with the police")
    expect(worker.get_by_test_id("invitees")).to_contain_text("No: On a call-out; sent the force's records.")
    expect(worker.get_by_test_id("actions")).to_contain_text("Joint visit to see Leah alone.")
    assert_accessible(worker)
    worker.get_by_role("button", name="Circulate the record to attendees").click()
    expect(worker.get_by_text("Record circulated.")).to_be_visible()
    expect(worker.get_by_test_id("discussion-summary")).to_contain_text("Record circulated")
    assert_accessible(worker)

    # The initial child protection conference is recorded: errors by the fields first, then a plan under physical
    # abuse, shown in words, with the first review's clock.
    worker.get_by_role("button", name="Record the conference").click()
    expect(h1(worker)).to_have_text("Record the initial child protection conference")
    assert_accessible(worker)
    worker.get_by_role("button", name="Save the conference").click()
    expect(worker.get_by_role("link", name="Enter who chaired the conference")).to_be_visible()
    assert_accessible(worker)
    worker.get_by_label("Who chaired it?").fill("Chris Lowe")
    for agency in ("Children's social care", "Police", "Health"):
        worker.get_by_label(agency, exact=True).check()
    worker.get_by_label("The child's own views").fill("Leah said she wants to stay at home if the belt goes.")
    worker.get_by_label("The family's views").fill("Her mother wants help; her stepfather disputes it.")
    worker.get_by_role("group", name="Is Leah Strand to have a child protection plan?").get_by_label("Yes").check()
    worker.get_by_label("If a plan, the category of abuse").select_option(label="Physical abuse")
    today = datetime.now(LONDON).date()
    plan_start = worker.get_by_role("group", name="If a plan, the date it starts")
    plan_start.get_by_label("Day").fill(str(today.day))
    plan_start.get_by_label("Month").fill(str(today.month))
    plan_start.get_by_label("Year").fill(str(today.year))
    worker.get_by_role("button", name="Save the conference").click()
    expect(worker.get_by_test_id("conference-record")).to_contain_text("A child protection plan: physical abuse")
    expect(worker.get_by_test_id("review-clock")).to_contain_text("Due")
    assert_accessible(worker)

    # The police officer sees the action on their home and opens the discussion.
    officer = new_page()
    sign_in_as(officer, "mash.police")
    expect(officer.get_by_test_id("my-actions")).to_be_visible()
    assert_accessible(officer)
    officer.goto(f"/mash/strategy/{discussion}/")
    expect(officer.get_by_test_id("conference-clock")).to_be_visible()
    assert_accessible(officer)
    officer.goto("/mash/strategy/")
    expect(h1(officer)).to_have_text("Strategy discussions")
    assert_accessible(officer)

    # The referrer's system reads the outcome.
    status = _api(server, "GET", f"/api/v1/referrals/{reference}")
    assert status["outcome"] == "strategy_discussion"
    assert "section 47 enquiry jointly with the police" in status["decision_summary"]
