"""The acceptance test: a school DSL refers two siblings, the MASH decides, the DSL sees the outcome. In Chromium.

Axe-core (WCAG 2.2 AA) runs on every distinct page of the journey, including its error states; results are gathered
along the way and checked at the end, so the whole journey runs and every page with a violation is named.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from support.axe import without_known_govuk_issue

pytestmark = pytest.mark.e2e

DSL_ROLE = "School designated safeguarding lead"
SUMMARY = "Early help offered: the family support team will visit this week and work with the school."


def h1(page):
    return page.get_by_role("heading", level=1)


def group(page, legend: str):
    return page.get_by_role("group", name=legend, exact=True)


def choose(page, legend: str, option: str) -> None:
    group(page, legend).get_by_label(option, exact=True).check()


def fill_date(page, legend: str, day: date) -> None:
    dates = group(page, legend)
    dates.get_by_label("Day", exact=True).fill(str(day.day))
    dates.get_by_label("Month", exact=True).fill(str(day.month))
    dates.get_by_label("Year", exact=True).fill(str(day.year))


def save_and_continue(page) -> None:
    page.get_by_role("button", name="Save and continue", exact=True).click()


def assert_no_violations(axe, found: dict[str, list]) -> None:
    found = {where: without_known_govuk_issue(vs) for where, vs in found.items()}
    failing = {where: vs for where, vs in found.items() if vs}
    assert not failing, "axe found violations:\n" + "\n".join(f"{w}:\n{axe.format(vs)}" for w, vs in failing.items())


def sign_in_as_dsl(page, sign_in_as) -> None:
    sign_in_as(page, "dsl")
    expect(h1(page)).to_have_text("Choose the role you are acting in")
    page.get_by_label(DSL_ROLE, exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()
    expect(h1(page)).to_have_text("Your school's safeguarding")


def add_child(page, found, axe, *, first, born, sex, wishes=None, not_obtained=None, check=False) -> None:
    expect(h1(page)).to_have_text(re.compile(r"^About child \d$"))
    page.get_by_label("First name", exact=True).fill(first)
    page.get_by_label("Last name", exact=True).fill("Mensah")
    choose(page, "Has the child been born?", "Yes")
    fill_date(page, "Date of birth", born)
    choose(page, "Sex", sex)
    page.get_by_label("School, nursery or children's centre (optional)", exact=True).fill("Millbrook Primary School")
    choose(page, "Does the child need an interpreter?", "No")
    if check:
        found["child details"] = axe.violations(page)
        page.get_by_label("NHS number (optional)", exact=True).fill("943 476 5918")  # a wrong check digit
        save_and_continue(page)
        expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
        expect(page.locator("#id_nhs_number-error")).to_contain_text("This is not a valid NHS number")
        found["child details with an error"] = axe.violations(page)
        page.get_by_label("NHS number (optional)", exact=True).fill("943 476 5919")
    save_and_continue(page)

    expect(h1(page)).to_have_text(f"Do you know {first} Mensah's own wishes and feelings?")
    if wishes:
        page.get_by_label("Yes", exact=True).check()
        page.get_by_label(f"{first} Mensah's wishes and feelings", exact=True).fill(wishes)
    else:
        page.get_by_label("No, they could not be obtained", exact=True).check()
        page.get_by_label("Why could they not be obtained?", exact=True).fill(not_obtained)
    if check:
        found["child's wishes and feelings"] = axe.violations(page)
    save_and_continue(page)
    expect(h1(page)).to_have_text("Children in this referral")


def test_a_dsl_refers_two_siblings_the_mash_decides_and_the_dsl_sees_the_outcome(
    new_page, sign_in_as, axe, screenshots_dir
) -> None:
    found: dict[str, list] = {}
    today = date.today()

    # --- The school DSL refers two siblings --------------------------------------------------------------
    dsl = new_page()
    sign_in_as_dsl(dsl, sign_in_as)
    found["DSL home"] = axe.violations(dsl)
    dsl.get_by_role("button", name="Make a referral").click()
    expect(h1(dsl)).to_have_text("Make a referral")
    found["start page"] = axe.violations(dsl)
    dsl.get_by_role("button", name="Start now").click()

    expect(h1(dsl)).to_have_text("Your details")
    expect(dsl.get_by_label("Full name", exact=True)).to_have_value("Dana Hollis")  # from the account
    dsl.get_by_label("Role or job title", exact=True).fill("Designated safeguarding lead")
    dsl.get_by_label("Phone number", exact=True).fill("01632 960 123")
    dsl.get_by_label("Secure email address", exact=True).fill("dsl@millbrook.example.org")
    dsl.get_by_label("Your relationship to the child", exact=True).fill("Designated safeguarding lead at their school")
    choose(dsl, "May the family be told who made this referral?", "Yes")
    expect(dsl.get_by_text(re.compile(r"^Draft saved at \d\d:\d\d$"))).to_be_visible()  # the autosave answered
    found["referrer details"] = axe.violations(dsl)
    save_and_continue(dsl)

    add_child(
        dsl,
        found,
        axe,
        first="Ama",
        born=today - timedelta(days=9 * 365),
        sex="Female",
        wishes="Ama says she is scared when mum and her boyfriend shout, and wants to stay with her nan.",
        check=True,
    )
    found["children list"] = axe.violations(dsl)
    choose(dsl, "Do you need to add another child?", "Yes")
    dsl.get_by_role("button", name="Continue", exact=True).click()
    add_child(
        dsl,
        found,
        axe,
        first="Kofi",
        born=today - timedelta(days=3 * 365),
        sex="Male",
        not_obtained="Kofi is three and has very little speech; staff saw him flinch at raised voices.",
    )
    expect(dsl.get_by_role("term")).to_have_text(["Ama Mensah", "Kofi Mensah"])
    choose(dsl, "Do you need to add another child?", "No")
    dsl.get_by_role("button", name="Continue", exact=True).click()

    expect(h1(dsl)).to_have_text("Parents, carers and other adults")
    found["adults list"] = axe.violations(dsl)
    choose(dsl, "Do you need to add a parent, carer or other significant adult?", "Yes")
    dsl.get_by_role("button", name="Continue", exact=True).click()
    expect(h1(dsl)).to_have_text("About adult 1")
    dsl.get_by_label("Full name", exact=True).fill("Grace Mensah")
    dsl.get_by_label("Relationship to the children", exact=True).fill("Mother")
    choose(dsl, "Do they have parental responsibility?", "Yes")
    choose(dsl, "Do they live with the children?", "Yes")
    found["adult"] = axe.violations(dsl)
    save_and_continue(dsl)
    choose(dsl, "Do you need to add a parent, carer or other significant adult?", "No")
    dsl.get_by_role("button", name="Continue", exact=True).click()

    expect(h1(dsl)).to_have_text("What worries you?")
    dsl.get_by_label("Why you are making this referral", exact=True).fill(
        "Ama has described shouting and things being thrown at home. Kofi is often collected late."
    )
    dsl.get_by_label("What you saw or heard yourself (optional)", exact=True).fill("Ama told me on Monday at 9am.")
    found["concern"] = axe.violations(dsl)
    save_and_continue(dsl)

    expect(h1(dsl)).to_have_text("Presenting issues, risks and strengths")
    dsl.get_by_label("Domestic abuse", exact=True).check()
    dsl.get_by_label("Emotional abuse", exact=True).check()
    found["presenting issues"] = axe.violations(dsl)
    save_and_continue(dsl)

    expect(h1(dsl)).to_have_text("What level of need do you think the children have?")
    dsl.get_by_role("radio", name=re.compile(r"Level 4: specialist")).check()
    found["level of need"] = axe.violations(dsl)
    save_and_continue(dsl)

    expect(h1(dsl)).to_have_text("Consent and telling the parents")
    choose(
        dsl,
        "Has the family consented to this referral?",
        "No, consent was dispensed with because of the risk of significant harm",
    )
    choose(dsl, "Do the parents or carers know about this referral?", "No")
    save_and_continue(dsl)  # two reasons left out: both are asked for
    expect(dsl.locator("#id_dispensed_rationale-error")).to_be_visible()
    expect(dsl.locator("#id_parents_not_informed_reason-error")).to_be_visible()
    found["consent with errors"] = axe.violations(dsl)
    dsl.get_by_label("Why does the risk of significant harm mean consent is not needed?", exact=True).fill(
        "Asking mum's boyfriend's household for consent would increase the risk to the children."
    )
    dsl.get_by_label("Why have they not been told?", exact=True).fill("Telling them could put the children at risk.")
    save_and_continue(dsl)

    expect(h1(dsl)).to_have_text("Check your answers before sending your referral")
    expect(dsl.get_by_text("wants to stay with her nan", exact=False)).to_be_visible()
    expect(dsl.get_by_text("has very little speech", exact=False)).to_be_visible()
    dsl.screenshot(path=screenshots_dir / "marf-check-answers.png", full_page=True)
    found["check your answers"] = axe.violations(dsl)
    dsl.get_by_role("button", name="Accept and send", exact=True).click()

    expect(h1(dsl)).to_have_text("Referral received")
    reference = dsl.get_by_test_id("reference").inner_text()
    assert re.fullmatch(r"FD-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    expect(dsl.get_by_text("A decision is due within one working day", exact=False)).to_be_visible()
    dsl.screenshot(path=screenshots_dir / "marf-confirmation.png", full_page=True)
    found["confirmation"] = axe.violations(dsl)
    dsl.get_by_role("link", name="Go to My referrals").click()
    expect(h1(dsl)).to_have_text("My referrals")
    expect(dsl.get_by_test_id("my-referrals")).to_contain_text(reference)
    found["my referrals"] = axe.violations(dsl)
    dsl.context.close()

    # --- The MASH social worker decides ---------------------------------------------------------------------
    mash = new_page()
    sign_in_as(mash, "mash.sw")
    expect(h1(mash)).to_have_text("MASH work")
    expect(mash.get_by_test_id("queue-count")).to_contain_text("waiting for triage")
    found["MASH home"] = axe.violations(mash)
    mash.get_by_test_id("queue-count").get_by_role("link", name=re.compile("waiting for triage")).click()
    expect(h1(mash)).to_have_text("Triage queue")
    found["triage queue"] = axe.violations(mash)
    mash.get_by_role("link", name=reference, exact=True).click()

    expect(h1(mash)).to_have_text(f"Referral {reference}")
    voices = mash.get_by_test_id("child-voice")
    expect(voices).to_have_count(2)
    expect(voices.first).to_contain_text("wants to stay with her nan")
    expect(voices.last).to_contain_text("Could not be obtained")
    expect(mash.get_by_text("Being screened", exact=True)).to_be_visible()
    mash.screenshot(path=screenshots_dir / "mash-referral.png", full_page=True)
    found["MASH referral"] = axe.violations(mash)
    mash.get_by_role("button", name="Record the decision").click()

    expect(h1(mash)).to_have_text(f"Record the decision on referral {reference}")
    found["decision form"] = axe.violations(mash)
    mash.get_by_role("button", name="Record the decision", exact=True).click()
    expect(mash.locator("#id_outcome-error")).to_be_visible()
    found["decision form with errors"] = axe.violations(mash)
    mash.get_by_label("Early help", exact=True).check()
    mash.get_by_label("Decision summary", exact=True).fill(SUMMARY)
    mash.get_by_role("button", name="Record the decision", exact=True).click()

    expect(h1(mash)).to_have_text("Triage queue")
    expect(mash.get_by_text(f"Decision recorded on referral {reference}: Early help.", exact=False)).to_be_visible()
    found["triage queue after a decision"] = axe.violations(mash)
    mash.context.close()

    # --- The DSL signs in again and sees the outcome --------------------------------------------------------
    dsl = new_page()
    sign_in_as_dsl(dsl, sign_in_as)
    expect(dsl.get_by_test_id("recent-referrals")).to_contain_text("Decision made")
    found["DSL home after the decision"] = axe.violations(dsl)
    dsl.goto("/referrals/")
    row = dsl.get_by_test_id("my-referrals").get_by_role("row").filter(has_text=reference)
    expect(row).to_contain_text("Decision made")
    expect(row).to_contain_text("Early help")
    row.get_by_role("link", name=reference).click()
    expect(h1(dsl)).to_have_text(f"Referral {reference}")
    expect(dsl.get_by_test_id("decision-summary")).to_have_text(SUMMARY)
    expect(dsl.get_by_test_id("status")).to_contain_text("Early help")
    dsl.screenshot(path=screenshots_dir / "marf-outcome.png", full_page=True)
    found["referral with its outcome"] = axe.violations(dsl)

    assert_no_violations(axe, found)


def test_only_the_known_govuk_radio_issue_is_let_through() -> None:
    radio = '<input class="govuk-radios__input" id="id_born" type="radio" aria-controls="conditional-id_born">'
    known = {
        "html": radio,
        "summary": 'Fix all of the following:\n  ARIA attribute is not allowed: aria-expanded="true"',
    }
    other = {
        "html": radio,
        "summary": 'Fix all of the following:\n  ARIA attribute is not allowed: aria-pressed="true"',
    }
    violations = [{"id": "aria-allowed-attr", "nodes": [known, other]}, {"id": "label", "nodes": [known]}]
    assert without_known_govuk_issue(violations) == [
        {"id": "aria-allowed-attr", "nodes": [other]},
        {"id": "label", "nodes": [known]},
    ]
