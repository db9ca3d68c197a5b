"""Single sign-on by OpenID Connect, against a real local provider (oidc-provider-mock over HTTP on localhost):
discovery, the authorisation code flow with state, nonce and PKCE, the token exchange, the ID token's signature
checked against the provider's JWKS. An account is matched by verified e-mail, never created, and gets no roles
from the provider."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.test import Client
from oidc_provider_mock import run_server_in_thread

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.access.roles import Role
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(settings, monkeypatch):
    """A provider on a free localhost port for this test, and frontdoor configured to use it."""
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")  # the provider itself is plain HTTP on loopback
    with run_server_in_thread(require_nonce=True) as server:
        issuer = f"http://localhost:{server.server_port}"
        settings.FRONTDOOR_OIDC_ISSUER = issuer
        settings.FRONTDOOR_OIDC_PROVIDER_NAME = "Esterbury County Council"
        settings.OIDC_RP_CLIENT_ID = "frontdoor"
        settings.OIDC_RP_CLIENT_SECRET = "a-client-secret"
        yield issuer


def sso_sign_in(client, issuer: str, sub: str, claims: dict, next_url: str = ""):
    """The whole code flow: frontdoor sends the browser to the provider, the person signs in there, the provider
    sends the browser back with a code, and frontdoor exchanges it for tokens (over HTTP)."""
    assert requests.put(f"{issuer}/users/{sub}", json=claims, timeout=10).status_code == 204
    start = client.get("/sign-in/council/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(f"{issuer}/oauth2/authorize?")
    assert query["client_id"] == ["frontdoor"] and query["code_challenge_method"] == ["S256"]
    assert query["nonce"] and query["state"] and query["scope"] == ["openid email"]
    back = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert callback.path == "/sign-in/council/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def test_a_council_account_with_a_verified_matching_email_signs_in(client, provider) -> None:
    user = UserFactory(username="kim", email="Kim.Social@esterbury.example.org", roles=[Role.MASH_SOCIAL_WORKER])
    claims = {"email": "kim.social@esterbury.example.org", "email_verified": True}
    response = sso_sign_in(client, provider, "council-kim", claims, next_url="/mash/")
    assert response.status_code == 302 and response["Location"] == "/mash/"
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.session[ACTIVE_ROLE_KEY] == Role.MASH_SOCIAL_WORKER
    assert client.get("/").status_code == 200


def test_the_sign_in_page_offers_the_council_when_configured(client, provider) -> None:
    html = client.get("/sign-in/").content.decode()
    assert "Sign in with Esterbury County Council" in html and 'href="/sign-in/council/"' in html


@pytest.mark.parametrize(
    "claims",
    [
        {"email": "kim@esterbury.example.org", "email_verified": False},
        {"email": "kim@esterbury.example.org"},
        {"email": "someone.else@esterbury.example.org", "email_verified": True},
    ],
    ids=["unverified", "verification-not-said", "no-such-account"],
)
def test_no_verified_match_no_sign_in_and_no_account_made(client, provider, claims) -> None:
    UserFactory(username="kim", email="kim@esterbury.example.org", roles=[Role.REFERRER])
    users = User.objects.count()
    response = sso_sign_in(client, provider, "council-someone", claims)
    assert response["Location"] == "/sign-in/?sso=failed"
    assert SESSION_KEY not in client.session
    assert User.objects.count() == users
    page = client.get(response["Location"]).content.decode()
    assert "You could not be signed in with Esterbury County Council" in page


def test_a_disabled_account_cannot_sign_in_by_the_council(client, provider) -> None:
    UserFactory(username="kim", email="kim@esterbury.example.org", roles=[Role.REFERRER], is_active=False)
    response = sso_sign_in(
        client, provider, "council-kim", {"email": "kim@esterbury.example.org", "email_verified": True}
    )
    assert response["Location"] == "/sign-in/?sso=failed" and SESSION_KEY not in client.session


def test_the_provider_grants_no_roles(client, provider) -> None:
    UserFactory(username="kim", email="kim@esterbury.example.org", roles=[])
    claims = {"email": "kim@esterbury.example.org", "email_verified": True, "roles": ["system_administrator"]}
    response = sso_sign_in(client, provider, "council-kim", claims)
    assert response["Location"].startswith("/role/")
    assert "Your account has no roles" in client.get("/role/").content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_callback_with_a_state_frontdoor_did_not_issue_is_refused(provider) -> None:
    browser = Client()
    UserFactory(username="kim", email="kim@esterbury.example.org", roles=[Role.REFERRER])
    browser.get("/sign-in/council/")
    response = browser.get("/sign-in/council/callback/?code=forged&state=not-ours")
    assert response.status_code == 400
    assert SESSION_KEY not in browser.session


def test_an_unreachable_provider_is_a_clear_page(client, settings) -> None:
    settings.FRONTDOOR_OIDC_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = "frontdoor", "secret"
    response = client.get("/sign-in/council/")
    assert response.status_code == 503
    assert "is not working at the moment" in response.content.decode()


def test_single_sign_on_is_off_unless_configured(client, settings) -> None:
    settings.FRONTDOOR_OIDC_ISSUER = ""
    assert client.get("/sign-in/council/").status_code == 404
    assert client.get("/sign-in/council/callback/?code=x&state=y").status_code == 404
    assert "/sign-in/council/" not in client.get("/sign-in/").content.decode()
