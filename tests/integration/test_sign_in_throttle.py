"""Sign-in throttling (issue 12 item 7): wrong passwords lock a username from an address for a while, with a page
that says nothing about whether the account exists; the lockout is logged without personal data, and an
administrator can unlock it in the admin site."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from frontdoor.access.roles import Role
from support.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = "You cannot sign in at the moment"


def attempt(client, username: str, password: str, address: str = "127.0.0.1"):
    return client.post("/sign-in/", {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_forty_wrong_passwords_then_the_right_one_does_not_sign_in(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    for _ in range(40):
        attempt(client, "kim", "wrong-password")
    response = attempt(client, "kim", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert not signed_in(client)


def test_the_fifth_wrong_password_locks_and_the_fourth_does_not(client, settings) -> None:
    assert settings.FRONTDOOR_SIGN_IN_FAILURE_LIMIT == 5
    UserFactory(username="kim", roles=[Role.REFERRER])
    for _ in range(4):
        assert attempt(client, "kim", "wrong-password").status_code == 200
    fifth = attempt(client, "kim", "wrong-password")
    assert fifth.status_code == 429
    assert fifth["Retry-After"] == str(30 * 60)
    assert "Wait 30 minutes" in fifth.content.decode()


def _page_without_tokens(response) -> str:
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def test_the_lockout_page_is_the_same_whether_or_not_the_account_exists(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    for _ in range(5):
        real = attempt(client, "kim", "wrong-password")
        made_up = attempt(client, "nobody-by-this-name", "wrong-password")
    assert real.status_code == made_up.status_code == 429
    assert _page_without_tokens(real) == _page_without_tokens(made_up)
    right_password = attempt(client, "kim", PASSWORD)
    assert _page_without_tokens(right_password) == _page_without_tokens(real)  # the right password says no more


def test_the_lock_is_on_the_username_from_that_address_only(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    UserFactory(username="sam", roles=[Role.REFERRER])
    for _ in range(5):
        attempt(client, "kim", "wrong-password", address="203.0.113.9")
    assert attempt(client, "kim", PASSWORD, address="203.0.113.9").status_code == 429
    assert attempt(client, "sam", PASSWORD, address="203.0.113.9").status_code == 302  # another username
    client.post("/sign-out/")
    assert attempt(client, "kim", PASSWORD, address="198.51.100.7").status_code == 302  # another address


def test_a_forwarded_for_header_does_not_escape_the_lock(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    for n in range(5):
        client.post("/sign-in/", {"username": "kim", "password": "x"}, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert attempt(client, "kim", PASSWORD).status_code == 429


def test_the_lock_lapses_after_the_lockout_minutes(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(5):
            attempt(client, "kim", "wrong-password")
        clock.shift(timedelta(minutes=29))
        assert attempt(client, "kim", PASSWORD).status_code == 429
        clock.shift(timedelta(minutes=31))  # a try while locked started the wait again
        assert attempt(client, "kim", PASSWORD).status_code == 302
        assert signed_in(client)


def test_signing_in_clears_the_count(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    for _ in range(4):
        attempt(client, "kim", "wrong-password")
    assert attempt(client, "kim", PASSWORD).status_code == 302
    client.post("/sign-out/")
    for _ in range(4):
        assert attempt(client, "kim", "wrong-password").status_code == 200


def test_the_lockout_is_recorded_and_logged_without_personal_data(client, caplog) -> None:
    UserFactory(username="kim.locked", roles=[Role.REFERRER])
    with caplog.at_level(logging.DEBUG):
        for _ in range(5):
            attempt(client, "kim.locked", "wrong-password", address="203.0.113.9")
    row = AccessAttempt.objects.get(username="kim.locked", ip_address="203.0.113.9")
    assert row.failures_since_start == 5
    assert "wrong-password" not in row.post_data  # axes masks the password
    messages = [record.getMessage() for record in caplog.records]
    assert f"access.sign_in_locked_out attempt={row.pk}" in messages
    leaked = [m for m in messages if "kim.locked" in m or "203.0.113.9" in m or "wrong-password" in m]
    assert leaked == []


def test_an_administrator_unlocks_in_the_admin_site(client, sign_in_as) -> None:
    from django.test import Client

    UserFactory(username="kim", roles=[Role.REFERRER])
    for _ in range(5):
        attempt(client, "kim", "wrong-password")
    assert attempt(client, "kim", PASSWORD).status_code == 429
    row = AccessAttempt.objects.get(username="kim")

    admin = Client()
    admin.force_login(UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]))
    session = admin.session
    session["frontdoor.active_role"] = Role.SYSTEM_ADMINISTRATOR
    session.save()
    listing = admin.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "kim" in listing.content.decode()
    response = admin.post(
        "/admin/axes/accessattempt/", {"action": "unlock", "_selected_action": [row.pk], "index": 0}, follow=True
    )
    assert "Unlocked 1 sign-in lockout" in response.content.decode()
    assert not AccessAttempt.objects.filter(username="kim").exists()
    assert attempt(client, "kim", PASSWORD).status_code == 302
