"""Sessions (reliability promise 19): an idle timeout and an absolute limit, each enforced to the second, a new
session key at sign-in, and signing out ends the session on the server (the old cookie signs no one in)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from frontdoor.access.roles import Role
from support.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    response = client.post("/sign-in/", {"username": "kim", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def home_opens(client) -> bool:
    response = client.get("/")
    if response.status_code == 200:
        return True
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    return False


def test_the_idle_timeout_signs_out_after_that_long_without_a_request(client) -> None:
    idle = settings.SESSION_COOKIE_AGE
    assert idle == 30 * 60
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client)
        for _ in range(5):  # each request renews the session: 2.5 hours of steady work stays signed in
            clock.shift(timedelta(seconds=idle - 1))
            assert home_opens(client)
        clock.shift(timedelta(seconds=idle + 1))
        assert not home_opens(client)


def test_the_absolute_limit_signs_out_however_active_the_session(client) -> None:
    absolute = settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS
    assert absolute == 10 * 60 * 60
    step = 20 * 60
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client)
        elapsed = 0
        while elapsed + step < absolute - 1:
            clock.shift(timedelta(seconds=step))
            elapsed += step
            assert home_opens(client), f"signed out after {elapsed} seconds"
        clock.shift(timedelta(seconds=absolute - 1 - elapsed))
        assert home_opens(client)
        clock.shift(timedelta(seconds=2))
        assert not home_opens(client)
        assert SESSION_KEY not in client.session


def test_signing_in_gives_a_new_session_key(client) -> None:
    client.get("/sign-in/")
    client.session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    sign_in(client)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before != after
    assert not Session.objects.filter(session_key=before).exists()
    assert len(after) == 32  # Django's session keys: 32 characters from 36, about 165 bits from the OS's CSPRNG


def test_signing_out_deletes_the_session_and_the_old_cookie_no_longer_works(client) -> None:
    sign_in(client)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()
    client.post("/sign-out/")
    assert not Session.objects.filter(session_key=key).exists()

    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert not home_opens(replay)
    api = replay.get("/api/v1/whoami")  # nor does the old cookie open the API
    assert api.status_code == 401
