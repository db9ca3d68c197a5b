"""Signing in, choosing and changing role, and signing out, in a real browser, checked with axe-core.

Axe results are gathered along each journey and checked at its end, so the whole journey is exercised and every
page with a WCAG 2.2 AA violation is named.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ROLE_CHOOSER = "Choose the role you are acting in"


def assert_no_violations(axe, found: dict[str, list]) -> None:
    """Axe results are gathered along a journey and checked at its end, naming each page with a violation."""
    failing = {where: vs for where, vs in found.items() if vs}
    assert not failing, "axe found violations:\n" + "\n".join(f"{w}:\n{axe.format(vs)}" for w, vs in failing.items())


def h1(page):
    return page.get_by_role("heading", level=1)


def choose_role(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Continue", exact=True).click()


# --- Signed out ---------------------------------------------------------------------------------------------


def test_sign_in_page_is_accessible(page, assert_accessible, screenshots_dir):
    page.goto("/sign-in/")

    expect(h1(page)).to_have_text("Sign in")
    expect(page.get_by_label("Username", exact=True)).to_be_visible()
    expect(page.get_by_label("Password", exact=True)).to_be_visible()
    page.screenshot(path=screenshots_dir / "sign-in.png", full_page=True)
    assert_accessible(page)


def test_wrong_password_shows_an_accessible_error_summary(page, server, assert_accessible):
    page.goto("/sign-in/")
    page.get_by_label("Username", exact=True).fill("referrer")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in", exact=True).click()

    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    expect(page).to_have_url(f"{server.base_url}/sign-in/")
    expect(page.get_by_test_id("active-role")).to_have_count(0)
    assert_accessible(page)


# --- Journeys -----------------------------------------------------------------------------------------------


def test_mash_manager_chooses_then_changes_role_then_signs_out(page, server, sign_in_as, axe, screenshots_dir):
    found = {}
    sign_in_as(page, "mash.manager")

    expect(page).to_have_url(re.compile(r"/role/"))
    expect(h1(page)).to_have_text(ROLE_CHOOSER)
    found["role chooser"] = axe.violations(page)
    choose_role(page, "MASH manager")

    expect(page).to_have_url(f"{server.base_url}/")
    expect(h1(page)).to_have_text("MASH oversight")
    expect(page.get_by_test_id("active-role")).to_have_text("MASH manager")
    page.screenshot(path=screenshots_dir / "mash-manager-home.png", full_page=True)
    found["MASH manager home"] = axe.violations(page)

    page.get_by_role("link", name="Change role", exact=True).click()
    expect(h1(page)).to_have_text(ROLE_CHOOSER)
    expect(page.get_by_label("MASH manager", exact=True)).to_be_checked()
    choose_role(page, "MASH social worker")

    expect(h1(page)).to_have_text("MASH work")
    expect(page.get_by_test_id("active-role")).to_have_text("MASH social worker")

    page.get_by_role("button", name="Sign out", exact=True).click()

    expect(page).to_have_url(f"{server.base_url}/sign-in/")
    expect(h1(page)).to_have_text("Sign in")
    expect(page.get_by_test_id("active-role")).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_no_violations(axe, found)


def test_a_user_with_one_role_lands_on_their_home(page, server, sign_in_as):
    sign_in_as(page, "referrer")

    expect(page).to_have_url(f"{server.base_url}/")
    expect(h1(page)).to_have_text("Make and follow referrals")
    expect(page.get_by_test_id("active-role")).to_have_text("Referrer")


def test_every_demo_user_reaches_an_accessible_home_with_one_h1(new_page, server, sign_in_as, axe):
    assert len(server.users) > 1
    found = {}
    for user in server.users:
        username = user["username"]
        page = new_page()
        sign_in_as(page, username)
        if len(user["roles"]) > 1:
            expect(page).to_have_url(re.compile(r"/role/"))
            page.get_by_role("radio").first.check()
            page.get_by_role("button", name="Continue", exact=True).click()

        expect(page).to_have_url(f"{server.base_url}/")
        expect(page.get_by_test_id("active-role")).to_be_visible()
        expect(h1(page), f"{username}'s home should have exactly one h1").to_have_count(1)
        expect(h1(page)).not_to_have_text("")
        found[f"{username}'s home"] = axe.violations(page)
        page.context.close()

    assert_no_violations(axe, found)


def test_not_found_page_is_accessible(page, sign_in_as, axe):
    sign_in_as(page, "referrer")
    response = page.goto("/no-such-page/")

    assert response is not None
    assert response.status == 404
    expect(h1(page)).to_have_text("Page not found")
    assert_no_violations(axe, {page.url: axe.violations(page)})
