"""The web shell: sign in, choose and switch roles, each role's home, error pages, sign out, revocation."""

from __future__ import annotations

import time
from html import unescape

import pytest
from django.db import OperationalError
from django.urls import reverse

from frontdoor.access import services
from frontdoor.access.middleware import ACTIVE_ROLE_KEY, SIGNED_IN_AT_KEY
from frontdoor.access.roles import Role
from frontdoor.core.models import Heartbeat
from frontdoor.web.homes import HOMES
from support.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_sign_in(client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=/")


def test_sign_in_page_has_the_service_shell(client) -> None:
    html = client.get("/sign-in/").content.decode()
    assert "Safeguarding front door" in html
    assert "govuk-phase-banner" in html
    assert "govuk-header__logotype" not in html  # a partnership's service: no GOV.UK logotype or crown
    assert "Crown copyright" not in html


def test_wrong_password_shows_an_error_next_to_the_field(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    response = client.post("/sign-in/", {"username": "kim", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html


def test_empty_sign_in_names_each_missing_field(client) -> None:
    html = client.post("/sign-in/", {}).content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html


def test_a_user_with_one_role_acts_in_it_at_once(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    response = client.post("/sign-in/", {"username": "kim", "password": PASSWORD})
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert "Make and follow referrals" in home
    assert "acting as <span" in home and "Referrer" in home


def test_a_user_with_several_roles_chooses_and_can_switch(client) -> None:
    UserFactory(username="morgan", roles=[Role.MASH_MANAGER, Role.MASH_SOCIAL_WORKER])
    response = client.post("/sign-in/", {"username": "morgan", "password": PASSWORD})
    assert response["Location"].startswith(reverse("access:choose-role"))
    assert client.get("/").status_code == 302  # no role yet: sent to choose one
    chooser = client.get(reverse("access:choose-role")).content.decode()
    assert "MASH manager" in chooser and "MASH social worker" in chooser
    client.post(reverse("access:choose-role"), {"role": Role.MASH_MANAGER})
    assert "MASH oversight" in client.get("/").content.decode()
    client.post(reverse("access:choose-role"), {"role": Role.MASH_SOCIAL_WORKER})
    assert "MASH work" in client.get("/").content.decode()


def test_a_role_the_user_does_not_hold_cannot_be_chosen(client) -> None:
    user = UserFactory(roles=[Role.REFERRER, Role.SCHOOL_DSL])
    client.force_login(user)
    response = client.post(reverse("access:choose-role"), {"role": Role.SYSTEM_ADMINISTRATOR})
    assert response.status_code == 200
    assert "Choose one of the roles you hold" in response.content.decode()
    assert client.session.get(ACTIVE_ROLE_KEY) is None


def test_no_choice_is_an_error_beside_the_radios(client) -> None:
    client.force_login(UserFactory(roles=[Role.REFERRER, Role.SCHOOL_DSL]))
    html = client.post(reverse("access:choose-role"), {}).content.decode()
    assert "Choose the role you are acting in" in html and "govuk-error-message" in html


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_a_home_page(client, sign_in_as, role) -> None:
    sign_in_as(role)
    response = client.get("/")
    assert response.status_code == 200
    assert HOMES[role].heading in unescape(response.content.decode())


def test_revoking_the_active_role_takes_effect_on_the_next_request(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    assert client.get("/").status_code == 200
    services.revoke_role(user, Role.MASH_SOCIAL_WORKER)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("access:choose-role"))


def test_disabling_a_user_ends_their_sessions_on_the_next_request(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    services.disable_user(user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_a_session_past_its_absolute_limit_is_signed_out(client, sign_in_as, settings) -> None:
    sign_in_as(Role.REFERRER)
    session = client.session
    session[SIGNED_IN_AT_KEY] = time.time() - settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    assert client.get("/")["Location"].startswith("/sign-in/")


def test_sign_out_is_a_post_and_ends_the_session(client, sign_in_as) -> None:
    sign_in_as(Role.REFERRER)
    assert client.get(reverse("access:sign-out")).status_code == 405
    response = client.post(reverse("access:sign-out"))
    assert response["Location"] == reverse("access:sign-in")
    assert client.get("/").status_code == 302


def test_not_found_page(client, sign_in_as) -> None:
    sign_in_as(Role.REFERRER)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_forbidden_page(client, sign_in_as) -> None:
    sign_in_as(Role.REFERRER)
    response = client.get("/people/1/")
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_server_error_page_renders_without_the_database(rf) -> None:
    from frontdoor.web.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_health_check(client) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert Heartbeat.objects.get().at is not None  # it wrote


def test_the_health_check_fails_when_no_write_can_be_stored(client, monkeypatch) -> None:
    def full_disk(*args, **kwargs):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(Heartbeat.objects, "update_or_create", full_disk)
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["status"] == "unavailable"


def test_static_pages(client) -> None:
    assert client.get("/accessibility/").status_code == 200
    assert client.get("/privacy/").status_code == 200


def test_open_redirect_is_refused(client) -> None:
    UserFactory(username="kim", roles=[Role.REFERRER])
    response = client.post("/sign-in/", {"username": "kim", "password": PASSWORD, "next": "https://evil.example/"})
    assert response["Location"] == "/"
