"""Identity and sessions, and sign-in: passwords, throttling, two-factor and single sign-on."""

from __future__ import annotations

import os
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from frontdoor.config.environment import PRODUCTION, TESTING, whole

# --- Identity and sessions ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "access.User"
LOGIN_URL = "access:sign-in"
LOGIN_REDIRECT_URL = "web:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests that do not exercise it hash quickly.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Idle timeout: the cookie is renewed on each request and lapses after this much inactivity.
SESSION_COOKIE_AGE = int(os.environ.get("FRONTDOOR_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
# Absolute limit on a signed-in session, whatever the activity.
FRONTDOOR_SESSION_ABSOLUTE_SECONDS = int(os.environ.get("FRONTDOOR_SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# --- Sign-in: throttling, two-factor and single sign-on -----------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, as django-axes asks: a locked-out username and address is refused before any password is checked.
    "frontdoor.access.throttle.SignInThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
    "frontdoor.access.oidc.CouncilOidcBackend",
]
# A username tried from one address: the FAILURE_LIMIT-th wrong password within LOCKOUT_MINUTES of the one before
# locks that username from that address for LOCKOUT_MINUTES (a wrong try while locked starts the wait again).
# The message is the same whether or not the account exists; an administrator unlocks in the admin site.
FRONTDOOR_SIGN_IN_FAILURE_LIMIT = whole("FRONTDOOR_SIGN_IN_FAILURE_LIMIT", 5, 1, 100)
FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES = whole("FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES", 30, 1, 24 * 60)
AXES_FAILURE_LIMIT = FRONTDOOR_SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "frontdoor.access.throttle.locked_out"
AXES_CLIENT_STR_CALLABLE = "frontdoor.access.throttle.client_str"  # axes' log lines name no username or address
AXES_ENABLE_ADMIN = False  # its rows are in frontdoor's own admin site (access.admin)
# Only the address the connection came from, unless a proxy that sets X-Forwarded-For is named as trusted.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Two-factor sign-in (TOTP): "required" asks every account to enrol at its next sign-in; "optional" asks only the
# accounts that have enrolled. Production refuses anything but "required"; the demo and the tests default to
# "optional", so the demo's accounts sign in with a password alone.
FRONTDOOR_TWO_FACTOR = os.environ.get("FRONTDOOR_TWO_FACTOR", "required" if PRODUCTION else "optional").lower()
if FRONTDOOR_TWO_FACTOR not in {"required", "optional"}:
    raise ImproperlyConfigured("FRONTDOOR_TWO_FACTOR must be required or optional")
if PRODUCTION and FRONTDOOR_TWO_FACTOR != "required":
    raise ImproperlyConfigured("FRONTDOOR_TWO_FACTOR must be required in production")
OTP_TOTP_THROTTLE_FACTOR = 1  # after each wrong code the next try waits 1, 2, 4, 8 ... seconds (at most an hour)

# Single sign-on with the council's identity provider (OpenID Connect, authorisation code flow with PKCE). Off
# unless the issuer is set; its endpoints come from the issuer's discovery document. An account is matched by its
# verified e-mail address and is never created: roles are granted in frontdoor.
FRONTDOOR_OIDC_ISSUER = os.environ.get("FRONTDOOR_OIDC_ISSUER", "").rstrip("/")
FRONTDOOR_OIDC_PROVIDER_NAME = os.environ.get("FRONTDOOR_OIDC_PROVIDER_NAME", "your council")
OIDC_RP_CLIENT_ID = os.environ.get("FRONTDOOR_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("FRONTDOOR_OIDC_CLIENT_SECRET", "")
if FRONTDOOR_OIDC_ISSUER and not (OIDC_RP_CLIENT_ID and OIDC_RP_CLIENT_SECRET):
    raise ImproperlyConfigured("FRONTDOOR_OIDC_ISSUER needs FRONTDOOR_OIDC_CLIENT_ID and FRONTDOOR_OIDC_CLIENT_SECRET")
if PRODUCTION and FRONTDOOR_OIDC_ISSUER and not FRONTDOOR_OIDC_ISSUER.startswith("https://"):
    raise ImproperlyConfigured("FRONTDOOR_OIDC_ISSUER must be an https:// address in production")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email"
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "access:oidc-callback"
LOGIN_REDIRECT_URL_FAILURE = "/sign-in/?sso=failed"
