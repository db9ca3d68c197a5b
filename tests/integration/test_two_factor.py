"""Two-factor sign-in (TOTP): set up at the first sign-in where it is required, a code at each sign-in after,
recovery codes shown once, kept hashed and each usable once, wrong codes slowed down; optional in the demo."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access import two_factor
from frontdoor.access.models import RecoveryCode
from frontdoor.access.roles import Role
from support.factories import PASSWORD, UserFactory
from support.otp import code_for, secret_from_page

pytestmark = pytest.mark.django_db

RECOVERY = re.compile(r"<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</code>")


@pytest.fixture
def required(settings):
    settings.FRONTDOOR_TWO_FACTOR = "required"


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def password_step(client, username: str = "kim"):
    return client.post("/sign-in/", {"username": username, "password": PASSWORD})


def enrol_through_the_pages(client, clock) -> tuple[str, list[str]]:
    """Set up the app from the set-up page (as a person would); return the secret and the recovery codes."""
    page = client.get("/two-factor/set-up/")
    html = page.content.decode()
    assert page.status_code == 200 and '<svg role="img" aria-labelledby="qr-label"' in html
    secret = secret_from_page(html)
    response = client.post("/two-factor/set-up/", {"code": code_for(secret)})
    assert response.status_code == 302 and response["Location"] == "/two-factor/recovery-codes/"
    codes = RECOVERY.findall(client.get("/two-factor/recovery-codes/").content.decode())
    clock.shift(timedelta(seconds=30))  # the next sign-in needs the next code: each code works once
    return secret, codes


def test_where_required_a_new_account_sets_up_its_app_before_it_is_signed_in(client, required) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        response = password_step(client)
        assert response["Location"] == "/two-factor/set-up/"
        assert not signed_in(client)
        assert client.get("/")["Location"].startswith("/sign-in/")  # a right password alone opens nothing
        page = client.get("/two-factor/set-up/").content.decode()
        secret = secret_from_page(page)
        wrong = client.post("/two-factor/set-up/", {"code": "000000" if code_for(secret) != "000000" else "111111"})
        assert "Enter the 6-digit code your authenticator app shows now" in wrong.content.decode()
        assert not signed_in(client)
        clock.shift(timedelta(seconds=2))  # past the wait after one wrong code
        assert (
            client.post("/two-factor/set-up/", {"code": code_for(secret)})["Location"] == "/two-factor/recovery-codes/"
        )
    assert signed_in(client)
    shown = client.get("/two-factor/recovery-codes/")
    codes = RECOVERY.findall(shown.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert 'href="/"' in shown.content.decode()  # then on to the page they were going to
    assert client.get("/two-factor/recovery-codes/").status_code == 302  # shown once only
    assert client.get("/").status_code == 200


def test_an_enrolled_account_signs_in_with_a_code_from_the_app(client, required) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        password_step(client)
        secret, _ = enrol_through_the_pages(client, clock)
        client.post("/sign-out/")

        assert password_step(client)["Location"] == "/sign-in/code/"
        assert not signed_in(client)
        wrong = client.post("/sign-in/code/", {"code": "12345"})
        assert "Enter the 6-digit code your authenticator app shows now, or a recovery code" in wrong.content.decode()
        clock.shift(timedelta(seconds=2))  # past the wait after one wrong code
        response = client.post("/sign-in/code/", {"code": code_for(secret)})
        assert response.status_code == 302 and response["Location"] == "/"
        assert signed_in(client)
        assert client.get("/").status_code == 200

        client.post("/sign-out/")
        password_step(client)
        replayed = client.post("/sign-in/code/", {"code": code_for(secret)})  # the same code, the same 30 seconds
        assert not signed_in(client) and replayed.status_code == 200


def test_recovery_codes_are_kept_hashed_and_each_works_once(client, required) -> None:
    user = UserFactory(username="kim", roles=[Role.REFERRER])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        password_step(client)
        _, codes = enrol_through_the_pages(client, clock)
        stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))
        assert stored == {hashlib.sha256(c.replace("-", "").encode()).hexdigest() for c in codes}
        client.post("/sign-out/")

        password_step(client)
        response = client.post("/sign-in/code/", {"code": codes[0].lower().replace("-", " ")})  # as typed
        assert response["Location"] == "/" and signed_in(client)
        assert "You have 9 left" in client.get("/").content.decode()
        client.post("/sign-out/")

        clock.shift(timedelta(seconds=5))
        password_step(client)
        again = client.post("/sign-in/code/", {"code": codes[0]})
        assert again.status_code == 200 and not signed_in(client)


def test_wrong_codes_make_the_next_try_wait(client, required) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        password_step(client)
        secret, _ = enrol_through_the_pages(client, clock)
        client.post("/sign-out/")
        password_step(client)
        for _ in range(4):
            client.post("/sign-in/code/", {"code": "999999" if code_for(secret) != "999999" else "888888"})
            clock.shift(timedelta(seconds=0.5))
        refused = client.post("/sign-in/code/", {"code": code_for(secret)})  # right, but within the wait
        assert "You have entered too many wrong codes. Wait" in refused.content.decode()
        assert not signed_in(client)
        clock.shift(timedelta(seconds=10))
        assert client.post("/sign-in/code/", {"code": code_for(secret)})["Location"] == "/"


def test_the_half_signed_in_state_lapses(client, required) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        password_step(client)
        clock.shift(timedelta(minutes=11))
        assert client.get("/two-factor/set-up/")["Location"] == "/sign-in/"
        assert client.get("/sign-in/code/")["Location"] == "/sign-in/"


def test_optional_two_factor_asks_only_the_accounts_that_set_it_up(client, settings) -> None:
    settings.FRONTDOOR_TWO_FACTOR = "optional"
    UserFactory(username="kim", roles=[Role.REFERRER])
    assert password_step(client)["Location"] == "/"  # the demo's accounts: a password alone
    assert "You sign in with your password alone" in client.get("/account/two-factor/").content.decode()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        secret, codes = enrol_through_the_pages(client, clock)
        assert len(codes) == 10
        assert "You have 10 unused recovery codes" in client.get("/account/two-factor/").content.decode()
        client.post("/sign-out/")
        assert password_step(client)["Location"] == "/sign-in/code/"
        assert client.post("/sign-in/code/", {"code": code_for(secret)})["Location"] == "/"


def test_new_recovery_codes_replace_the_old(client, settings) -> None:
    user = UserFactory(username="kim", roles=[Role.REFERRER])
    password_step(client)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _, old = enrol_through_the_pages(client, clock)
    assert client.post("/account/two-factor/")["Location"] == "/two-factor/recovery-codes/"
    new = RECOVERY.findall(client.get("/two-factor/recovery-codes/").content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert RecoveryCode.objects.filter(user=user).count() == 10


def test_an_administrator_resets_a_lost_app(client, required) -> None:
    from django.test import Client

    user = UserFactory(username="kim", roles=[Role.REFERRER])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        password_step(client)
        enrol_through_the_pages(client, clock)
    admin = Client()
    admin.force_login(UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]))
    session = admin.session
    session["frontdoor.active_role"] = Role.SYSTEM_ADMINISTRATOR
    session.save()
    assert "kim" in admin.get("/admin/otp_totp/totpdevice/").content.decode()
    page = admin.get(f"/admin/otp_totp/totpdevice/{TOTPDevice.objects.get(user=user).pk}/change/").content.decode()
    assert TOTPDevice.objects.get(user=user).key not in page  # the secret is never shown again
    admin.post("/admin/access/user/", {"action": "reset_two_factor", "_selected_action": [user.pk], "index": 0})
    assert not two_factor.has_two_factor(user) and not RecoveryCode.objects.filter(user=user).exists()
    client.post("/sign-out/")
    assert password_step(client)["Location"] == "/two-factor/set-up/"


def test_production_refuses_optional_two_factor(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(FRONTDOOR_VAR_DIR=str(tmp_path), FRONTDOOR_ENV="production", SECRET_KEY="k" * 30 + "-prod-" + "q" * 30)
    env.setdefault("FRONTDOOR_AUDIT_KEY", "a" * 20 + "-production-audit-key-" + "z" * 20)
    code = "import frontdoor.settings as s; print(s.FRONTDOOR_TWO_FACTOR)"
    default = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert default.returncode == 0 and default.stdout.strip() == "required", default.stderr
    env["FRONTDOOR_TWO_FACTOR"] = "optional"
    weakened = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert weakened.returncode != 0 and "FRONTDOOR_TWO_FACTOR must be required in production" in weakened.stderr
