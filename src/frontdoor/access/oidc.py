"""Single sign-on with the council's identity provider (OpenID Connect), by mozilla-django-oidc.

Off unless FRONTDOOR_OIDC_ISSUER is set. The provider's endpoints come from its discovery document (fetched when
first needed, then kept for an hour), never from settings. An ID token must come from the configured issuer, for
this client; the account is the one active user whose e-mail address matches the provider's *verified* address,
and none is ever created (roles are granted in frontdoor, not by the provider).
"""

from __future__ import annotations

import logging
import time
from typing import Any

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

log = logging.getLogger(__name__)

DISCOVERY_SECONDS = 60 * 60
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}


class SsoUnavailable(Exception):
    """The identity provider's discovery document could not be read, or does not describe the configured issuer."""


def sso_enabled() -> bool:
    return bool(settings.FRONTDOOR_OIDC_ISSUER)


def discovery() -> dict[str, Any]:
    """The issuer's /.well-known/openid-configuration, checked to name the same issuer."""
    issuer = settings.FRONTDOOR_OIDC_ISSUER
    cached = _discovered.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    try:
        response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        log.warning("access.sso_discovery_failed error=%s", type(exc).__name__)
        raise SsoUnavailable("the identity provider's discovery document could not be read") from None
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
    if not isinstance(document, dict) or any(not isinstance(document.get(key), str) for key in needed):
        raise SsoUnavailable("the discovery document lacks an endpoint")
    if document["issuer"].rstrip("/") != issuer:
        raise SsoUnavailable("the discovery document names another issuer")
    _discovered[issuer] = (time.monotonic(), document)
    return document


def endpoint(name: str) -> str:
    return discovery()[name]


class CouncilOidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's code flow, with endpoints from discovery and the checks it leaves out."""

    OIDC_RP_SIGN_ALGO = "RS256"
    OIDC_RP_IDP_SIGN_KEY = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds every backend for every sign-in (passwords too): read nothing from the network here.
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return endpoint("token_endpoint")

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return endpoint("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return endpoint("jwks_uri")

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:
        return settings.OIDC_RP_CLIENT_SECRET

    def authenticate(self, request, **kwargs):
        # Only the callback of a code flow we started (it passes the nonce); a password sign-in passes through.
        if request is None or not sso_enabled() or "nonce" not in kwargs:
            return None
        try:
            user = super().authenticate(request, **kwargs)
        except (requests.RequestException, SsoUnavailable) as exc:
            log.warning("access.sso_refused reason=provider_error error=%s", type(exc).__name__)
            return None
        except SuspiciousOperation as exc:
            log.warning("access.sso_refused reason=token_not_valid error=%s", type(exc).__name__)
            return None
        if user is None:
            log.info("access.sso_refused reason=no_matching_account")
        else:
            log.info("access.sso_signed_in user=%s", user.pk)
        return user

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token: from our issuer, for us (the library checks neither)
            audience = payload.get("aud")
            audiences = audience if isinstance(audience, list) else [audience]
            if str(payload.get("iss", "")).rstrip("/") != settings.FRONTDOOR_OIDC_ISSUER:
                raise SuspiciousOperation("the ID token is from another issuer")
            if settings.OIDC_RP_CLIENT_ID not in audiences:
                raise SuspiciousOperation("the ID token is for another client")
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(email__iexact=claims["email"], is_active=True)

    def describe_user_by_claims(self, claims) -> str:
        return "the provider's account"  # the library logs this: no e-mail address in logs

    def create_user(self, claims):
        raise SuspiciousOperation("frontdoor never creates an account from single sign-on")
