"""Two-factor sign-in in Chromium, under the real Content-Security-Policy: an account sets up an authenticator app
(QR code drawn by the server, the secret shown as text), saves its recovery codes, then signs in with a TOTP code
computed here as the app would, and again with a recovery code. Axe checks every page on the way, and the browser
reports no CSP violation: GOV.UK Frontend's JavaScript still runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from support.otp import code_for, seconds_to_next_code

pytestmark = pytest.mark.e2e

FRONTDOOR = Path(sys.executable).parent / "frontdoor"
USERNAME = "e2e.two.factor"
PASSWORD = "a-long-test-password-for-totp"


def frontdoor(server, *args: str) -> str:
    """Run a frontdoor command against the server's own database (the demo preset in its var directory)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(FRONTDOOR_VAR_DIR=str(server.var_dir), FRONTDOOR_ENV="demo")
    done = subprocess.run([str(FRONTDOOR), *args], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"frontdoor {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def an_account_of_its_own(server) -> None:
    """A referrer made for this test, so the demo's own accounts keep signing in with a password alone."""
    code = (
        "from frontdoor.access import services; from frontdoor.access.models import User; "
        "from frontdoor.people.models import Agency; "
        f"user = User.objects.filter(username='{USERNAME}').first() or User.objects.create_user("
        f"'{USERNAME}', password='{PASSWORD}', first_name='Tess', last_name='Factor', "
        "agency=Agency.objects.order_by('pk').first()); "
        "services.grant_role(user, 'referrer')"
    )
    frontdoor(server, "shell", "-c", code)


def h1(page):
    return page.get_by_role("heading", level=1)


def watch_csp(page) -> list[str]:
    """Every Content-Security-Policy violation the browser reports on this page, from now on."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return violations


def next_code(secret: str) -> str:
    """A code the app would show in a fresh 30-second step (each code signs in once)."""
    time.sleep(seconds_to_next_code() + 0.5)
    return code_for(secret)


def test_govuk_frontend_javascript_runs_under_the_policy(page, assert_accessible) -> None:
    violations = watch_csp(page)
    response = page.goto("/sign-in/")
    assert response is not None and "'unsafe-inline'" not in response.headers["content-security-policy"]
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))  # the nonce'd script
    expect(page.get_by_role("button", name="Show password")).to_be_visible()  # made by GOV.UK Frontend's JS
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_be_focused()  # GOV.UK Frontend's error summary moves focus
    assert_accessible(page)
    assert violations == []


def test_set_up_then_sign_in_with_a_totp_code_and_a_recovery_code(
    server, page, sign_in_as, axe, screenshots_dir
) -> None:
    an_account_of_its_own(server)
    violations = watch_csp(page)
    found: dict[str, list] = {}

    sign_in_as(page, USERNAME, PASSWORD)
    expect(h1(page)).to_have_text("Make and follow referrals")
    page.get_by_role("link", name="Two-factor sign-in", exact=True).click()
    expect(page.get_by_test_id("two-factor-status")).to_have_text("You sign in with your password alone.")
    found["two-factor sign-in, not set up"] = axe.violations(page)

    page.get_by_role("button", name="Set up two-factor sign-in").click()
    expect(h1(page)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="Scan this QR code with your authenticator app.")).to_be_visible()
    page.screenshot(path=screenshots_dir / "two-factor-set-up.png", full_page=True)
    found["set up"] = axe.violations(page)
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.get_by_label("Security code").fill(code_for(secret))
    page.get_by_role("button", name="Continue").click()

    expect(h1(page)).to_have_text("Save your recovery codes")
    found["recovery codes"] = axe.violations(page)
    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("button", name="I have saved my recovery codes").click()
    expect(page.get_by_test_id("two-factor-status")).to_contain_text("a code from your authenticator app")
    page.get_by_role("button", name="Sign out", exact=True).click()

    # Signing in now takes a code from the app.
    sign_in_as(page, USERNAME, PASSWORD)
    expect(h1(page)).to_have_text("Enter your security code")
    found["security code"] = axe.violations(page)
    page.get_by_label("Enter your security code").fill("000000" if code_for(secret) != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert").filter(has_text="There is a problem")).to_be_visible()
    expect(page).to_have_title(re.compile(r"^Error: Enter your security code"))
    found["security code, wrong"] = axe.violations(page)
    page.get_by_label("Enter your security code").fill(next_code(secret))
    page.get_by_role("button", name="Continue").click()
    expect(h1(page)).to_have_text("Make and follow referrals")
    expect(page.get_by_test_id("active-role")).to_have_text("Referrer")
    page.get_by_role("button", name="Sign out", exact=True).click()

    # Without the app: a recovery code, once.
    sign_in_as(page, USERNAME, PASSWORD)
    page.get_by_text("I cannot use my authenticator app").click()
    page.get_by_label("Enter your security code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(h1(page)).to_have_text("Make and follow referrals")
    expect(page.get_by_text("You signed in with a recovery code")).to_be_visible()
    found["home after a recovery code"] = axe.violations(page)

    failing = {where: vs for where, vs in found.items() if vs}
    assert not failing, "axe found violations:\n" + "\n".join(f"{w}:\n{axe.format(vs)}" for w, vs in failing.items())
    assert violations == []
