"""Settings, read from the environment only.

FRONTDOOR_ENV chooses the preset: ``demo`` (the default: a local SQLite file and a generated secret under var/),
``test`` (what pytest uses) or ``production`` (a real SECRET_KEY is required and durability may not be weakened).
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from frontdoor.core.durability import PLACEHOLDER_SECRETS, SQLITE_DEFAULT_SYNCHRONOUS

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("FRONTDOOR_VAR_DIR", BASE_DIR / "var")).resolve()

FRONTDOOR_ENV = os.environ.get("FRONTDOOR_ENV", "demo")
if FRONTDOOR_ENV not in {"demo", "test", "production"}:
    raise ImproperlyConfigured(f"FRONTDOOR_ENV must be demo, test or production, not {FRONTDOOR_ENV!r}")
PRODUCTION = FRONTDOOR_ENV == "production"
TESTING = FRONTDOOR_ENV == "test"


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if PRODUCTION:
        if not key or key in PLACEHOLDER_SECRETS or len(key) < 50 or "insecure" in key:
            raise ImproperlyConfigured(
                "SECRET_KEY must be set to a long random value in production (50+ characters, not a placeholder)"
            )
        return key
    if key:
        return key
    if TESTING:
        return "test-only-secret-key-" + "x" * 40
    # The demo keeps a generated key under var/ so sessions survive a restart of `make demo`.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()


def _audit_key() -> str:
    """The key of the access audit's HMAC chain, kept outside the database so that its owner cannot rewrite the
    chain (ADR 0006). Production requires one; the demo keeps a generated key under var/, tests use a fixed one."""
    key = os.environ.get("FRONTDOOR_AUDIT_KEY", "")
    if PRODUCTION:
        if not key or key in PLACEHOLDER_SECRETS or len(key) < 32 or key == SECRET_KEY:
            raise ImproperlyConfigured(
                "FRONTDOOR_AUDIT_KEY must be set to a random value in production (32+ characters, not a placeholder,"
                " not the SECRET_KEY): the access audit's hash chain is keyed with it"
            )
        return key
    if key:
        return key
    if TESTING:
        return "test-only-audit-key-" + "y" * 40
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "audit-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


# The current audit key seals new rows; retired keys (comma-separated) only verify rows sealed before a rotation.
FRONTDOOR_AUDIT_KEY = _audit_key()
FRONTDOOR_AUDIT_RETIRED_KEYS = [k for k in os.environ.get("FRONTDOOR_AUDIT_RETIRED_KEYS", "").split(",") if k]
# Where the worker appends a signed checkpoint of the chain's head, and how often (outside the database, so that a
# truncated or rewritten chain no longer matches it). Put it on storage the database's owner cannot write.
FRONTDOOR_AUDIT_CHECKPOINTS = Path(
    os.environ.get("FRONTDOOR_AUDIT_CHECKPOINTS", VAR_DIR / "audit-checkpoints.jsonl")
).resolve()
FRONTDOOR_AUDIT_CHECKPOINT_SECONDS = int(os.environ.get("FRONTDOOR_AUDIT_CHECKPOINT_SECONDS", "300"))
if not 10 <= FRONTDOOR_AUDIT_CHECKPOINT_SECONDS <= 24 * 3600:
    raise ImproperlyConfigured("FRONTDOOR_AUDIT_CHECKPOINT_SECONDS must be between 10 and 86400")
DEBUG = os.environ.get("FRONTDOOR_DEBUG", "") == "1" and not PRODUCTION
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "frontdoor.core",
    "frontdoor.people",
    "frontdoor.access",
    "frontdoor.linkage",
    "frontdoor.intake",
    "frontdoor.mash",
    "frontdoor.familyhelp",
    "frontdoor.encompass",
    "frontdoor.missing",
    "frontdoor.exploitation",
    "frontdoor.singleview",
    "frontdoor.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "frontdoor.access.middleware.RequestIdMiddleware",
    "csp.middleware.CSPMiddleware",
    "frontdoor.access.middleware.NoStoreMiddleware",
    "frontdoor.access.middleware.ApiBodyLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "frontdoor.access.middleware.ActiveRoleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "frontdoor.urls"
WSGI_APPLICATION = "frontdoor.wsgi.application"
ASGI_APPLICATION = "frontdoor.asgi.application"

TEMPLATES = [
    {
        # Our pages: Jinja2 with the GOV.UK Frontend macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "frontdoor.jinja.environment"},
    },
    {
        # Django's admin keeps its own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

# --- Database -----------------------------------------------------------------------------------------------
SQLITE_SYNCHRONOUS = os.environ.get("FRONTDOOR_SQLITE_SYNCHRONOUS", SQLITE_DEFAULT_SYNCHRONOUS).upper()
_default_db_url = f"sqlite:///{VAR_DIR / 'frontdoor.sqlite3'}"
_db_url = os.environ.get("DATABASE_URL", _default_db_url)
if TESTING and os.environ.get("FRONTDOOR_TEST_DATABASE_URL"):
    _db_url = os.environ["FRONTDOOR_TEST_DATABASE_URL"]
_db = dj_database_url.parse(_db_url, conn_max_age=0 if TESTING else 60, conn_health_checks=True)
if _db["ENGINE"] == "django.db.backends.sqlite3":
    if not _db["NAME"] or _db["NAME"] == ":memory:":
        raise ImproperlyConfigured("frontdoor needs a SQLite file, not an in-memory database")
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["OPTIONS"] = {
        # WAL with synchronous=FULL: a committed write survives power loss (NORMAL may roll back).
        "init_command": (
            f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS}; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 10,
    }
    _db["CONN_HEALTH_CHECKS"] = False
    _db["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Extract files sent to the partner API can be large; everything else is small.
DATA_UPLOAD_MAX_MEMORY_SIZE = 21 * 1024 * 1024

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


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def _whole(name: str, default: int, least: int, most: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not re.fullmatch(r"[0-9]{1,9}", raw) or not least <= int(raw) <= most:
        raise ImproperlyConfigured(f"{name} must be a whole number from {least} to {most}, not {raw!r}")
    return int(raw)


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
FRONTDOOR_SIGN_IN_FAILURE_LIMIT = _whole("FRONTDOOR_SIGN_IN_FAILURE_LIMIT", 5, 1, 100)
FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES = _whole("FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES", 30, 1, 24 * 60)
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

# --- Response headers ---------------------------------------------------------------------------------------
# Scripts and styles only from this site (the GOV.UK template's one inline script carries the request's nonce);
# never framed. Every response the application itself writes is also `Cache-Control: no-store`
# (access.middleware.NoStoreMiddleware); static files are served before it, with their own caching.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# HSTS in production: a year, subdomains included (sent only over HTTPS). Behind a TLS-terminating proxy, set
# FRONTDOOR_TRUST_X_FORWARDED_PROTO so Django knows the request was secure.
SECURE_HSTS_SECONDS = _whole("FRONTDOOR_HSTS_SECONDS", 365 * 24 * 60 * 60 if PRODUCTION else 0, 0, 2 * 365 * 86400)
if PRODUCTION and SECURE_HSTS_SECONDS < 180 * 24 * 60 * 60:
    raise ImproperlyConfigured("FRONTDOOR_HSTS_SECONDS must be at least 180 days (15552000) in production")
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
if _flag("FRONTDOOR_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Access: the policy file and break-glass ----------------------------------------------------------------
# The access policy (role x agency kind x data category x action), checked at start-up; the packaged one if unset.
FRONTDOOR_ACCESS_POLICY = os.environ.get("FRONTDOOR_ACCESS_POLICY", "")
# How long break-glass opens a record: an hour covers an urgent enquiry or a strategy discussion and lapses long
# before the next shift; to look again after it, the worker gives a reason again.
FRONTDOOR_BREAK_GLASS_MINUTES = int(os.environ.get("FRONTDOOR_BREAK_GLASS_MINUTES", "60"))
if not 1 <= FRONTDOOR_BREAK_GLASS_MINUTES <= 12 * 60:
    raise ImproperlyConfigured("FRONTDOOR_BREAK_GLASS_MINUTES must be between 1 and 720")


def _look_limit(name: str, text: str) -> tuple[int, int]:
    count, _slash, seconds = text.partition("/")
    if not (count.strip().isdigit() and seconds.strip().isdigit() and int(count) > 0 and int(seconds) > 0):
        raise ImproperlyConfigured(f"{name}: {text!r} is not a number of people over a number of seconds, like 30/300")
    return int(count), int(seconds)


# Bulk browsing is refused, not only reported: how many different people one user, in one role, may open within
# a number of seconds (30 in 5 minutes by default; a morning's triage opens far fewer), and per-role exceptions
# ("mash_manager=60/300,referrer=10/300"). Reaching it alerts the privacy officer.
FRONTDOOR_LOOK_LIMIT = _look_limit("FRONTDOOR_LOOK_LIMIT", os.environ.get("FRONTDOOR_LOOK_LIMIT", "30/300"))
FRONTDOOR_LOOK_LIMIT_BY_ROLE = {
    role.strip(): _look_limit("FRONTDOOR_LOOK_LIMIT_BY_ROLE", limit)
    for role, _eq, limit in (
        part.partition("=") for part in os.environ.get("FRONTDOOR_LOOK_LIMIT_BY_ROLE", "").split(",") if part.strip()
    )
}

# Accounts nobody has signed in to for this many days are disabled by the worker (0: never). 90 days is a common
# figure in NHS and council access-control policies, not one from our references: the partnership sets its own.
FRONTDOOR_DORMANT_ACCOUNT_DAYS = int(os.environ.get("FRONTDOOR_DORMANT_ACCOUNT_DAYS", "90"))
if FRONTDOOR_DORMANT_ACCOUNT_DAYS < 0:
    raise ImproperlyConfigured("FRONTDOOR_DORMANT_ACCOUNT_DAYS must be 0 (never) or a number of days")

# --- Backups and retention ----------------------------------------------------------------------------------------
# Where `frontdoor backup` writes (a backup file and its manifest, side by side).
FRONTDOOR_BACKUP_DIR = Path(os.environ.get("FRONTDOOR_BACKUP_DIR", VAR_DIR / "backups")).resolve()
# How long each record type is kept, in days, as "type=days,...": a type not named keeps its default, "keep" or 0
# keeps it for good. The defaults are placeholders for the partnership to set (ADR 0006, `frontdoor retention`).
FRONTDOOR_RETENTION_DAYS = os.environ.get("FRONTDOOR_RETENTION_DAYS", "")

# --- Time and calendars -------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
FRONTDOOR_WORKING_HOURS = os.environ.get("FRONTDOOR_WORKING_HOURS", "09:00-17:00")


def _grade_hours(raw: str, name: str = "FRONTDOOR_VIST_HOURS") -> dict[str, int]:
    """ "red=4,amber=24,green=72" as {"red": 4, "amber": 24, "green": 72}; anything else stops the start-up."""
    grades, most = ("red", "amber", "green"), 999
    rule = f'{name} must give red, amber and green in whole working hours, like "red=4,amber=24,green=72"'
    hours: dict[str, int] = {}
    for part in raw.split(","):
        grade, equals, value = (p.strip() for p in part.partition("="))
        if not equals or grade.lower() not in grades or not re.fullmatch(r"[0-9]{1,3}", value):
            raise ImproperlyConfigured(f"{rule}: {part.strip()!r} is not a grade and a whole number of hours")
        if grade.lower() in hours:
            raise ImproperlyConfigured(f"{rule}: {grade.lower()} is given twice")
        hours[grade.lower()] = int(value)
    missing = [grade for grade in grades if grade not in hours]
    if missing:
        raise ImproperlyConfigured(f"{rule}: {' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    red, amber, green = (hours[grade] for grade in grades)
    if not 1 <= red <= amber <= green <= most:
        raise ImproperlyConfigured(
            f"{rule}: each between 1 and {most}, red no longer than amber and amber no longer than green"
        )
    return hours


# The MASH's VIST clocks: enquiries complete within this many working hours of a VIST arriving, by its grade.
FRONTDOOR_VIST_HOURS = _grade_hours(os.environ.get("FRONTDOOR_VIST_HOURS", "red=4,amber=24,green=72"))
# MASH checks: a partner agency answers within this many working hours of the request, by the check's priority.
FRONTDOOR_MASH_CHECK_HOURS = _grade_hours(
    os.environ.get("FRONTDOOR_MASH_CHECK_HOURS", "red=4,amber=24,green=72"), "FRONTDOOR_MASH_CHECK_HOURS"
)
# Responders are reminded when this share of a check's working hours has gone and it is still unanswered.
FRONTDOOR_MASH_CHECK_REMIND_AT = float(os.environ.get("FRONTDOOR_MASH_CHECK_REMIND_AT", "0.75"))
if not 0.0 < FRONTDOOR_MASH_CHECK_REMIND_AT < 1.0:
    raise ImproperlyConfigured("FRONTDOOR_MASH_CHECK_REMIND_AT must be a fraction between 0 and 1, like 0.75")


def _alert_weeks(raw: str) -> int:
    """A whole number of weeks from 1 to 52; anything else stops the start-up."""
    if not re.fullmatch(r"[0-9]{1,2}", raw.strip()) or not 1 <= int(raw) <= 52:
        raise ImproperlyConfigured(
            f"FRONTDOOR_FAMILY_HELP_ALERT_WEEKS must be a whole number of weeks from 1 to 52, like 4: {raw!r} is not"
        )
    return int(raw)


def _due_hours(raw: str) -> int:
    """A whole number of hours from 1 to 720; anything else stops the start-up."""
    if not re.fullmatch(r"[0-9]{1,3}", raw.strip()) or not 1 <= int(raw) <= 720:
        raise ImproperlyConfigured(
            f"FRONTDOOR_VIST_DUE_HOURS must be a whole number of hours from 1 to 720, like 24: {raw!r} is not"
        )
    return int(raw)


# VIST compliance: a police incident with children and no VIST this many hours after it (real hours, nights and
# weekends included) is on the police supervisor's list, and a VIST sent later than this is marked late.
FRONTDOOR_VIST_DUE_HOURS = _due_hours(os.environ.get("FRONTDOOR_VIST_DUE_HOURS", "24"))
# Family help (early help): a family still waiting for a lead practitioner this many weeks after the MASH stepped it
# down is on the alert list, and the family help manager is told (the inspection found waits of up to ten weeks).
FRONTDOOR_FAMILY_HELP_ALERT_WEEKS = _alert_weeks(os.environ.get("FRONTDOOR_FAMILY_HELP_ALERT_WEEKS", "4"))

# Operation Encompass: a notice is due before the start of the establishment's next school day, this time (24-hour
# HH:MM, UK time); where the force says so (FRONTDOOR_ENCOMPASS_POLICE_REVIEW=1) MASH police review each notice
# before it is released, otherwise it goes at once; an incident whose people are still being matched waits at most
# this many seconds before its children are found with what is known.
FRONTDOOR_ENCOMPASS_DAY_START = os.environ.get("FRONTDOOR_ENCOMPASS_DAY_START", "08:30")
if not re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", FRONTDOOR_ENCOMPASS_DAY_START):
    raise ImproperlyConfigured("FRONTDOOR_ENCOMPASS_DAY_START must be a time like 08:30")
FRONTDOOR_ENCOMPASS_POLICE_REVIEW = os.environ.get("FRONTDOOR_ENCOMPASS_POLICE_REVIEW", "0") == "1"
FRONTDOOR_ENCOMPASS_MATCHING_WAIT_SECONDS = int(os.environ.get("FRONTDOOR_ENCOMPASS_MATCHING_WAIT_SECONDS", "30"))
# Missing children: this many episodes of one child within this many days prompts the MASH manager to consider a
# strategy discussion (a local threshold: no national one exists).
FRONTDOOR_MISSING_REPEAT_EPISODES = _whole("FRONTDOOR_MISSING_REPEAT_EPISODES", 3, 2, 50)
FRONTDOOR_MISSING_REPEAT_DAYS = _whole("FRONTDOOR_MISSING_REPEAT_DAYS", 90, 7, 366)
# Exploitation screening: screen a child again within this many days of a screening at each level. The defaults
# follow the MACE cycle of domain reference §7: a high-risk child is reviewed at the monthly child-level MACE, so
# within a month (30 days); medium within a quarter (91 days), the strategic MACE's cycle; low within half a year
# (182 days), so a child whose picture is quiet is still looked at again before it goes stale. A child at no risk is
# not rescreened unless something changes. The rescreen clocks (`exploitation/clocks.py`) read these at start-up.
FRONTDOOR_EXPLOITATION_RESCREEN_DAYS = {
    "high": _whole("FRONTDOOR_EXPLOITATION_RESCREEN_HIGH_DAYS", 30, 7, 366),
    "medium": _whole("FRONTDOOR_EXPLOITATION_RESCREEN_MEDIUM_DAYS", 91, 7, 366),
    "low": _whole("FRONTDOOR_EXPLOITATION_RESCREEN_LOW_DAYS", 182, 7, 366),
}
# How long a process keeps the working calendar (closure days) before reading it again. Tests roll back closure
# days without a delete signal, so they read it every time.
FRONTDOOR_CALENDAR_CACHE_SECONDS = 0.0 if TESTING else 60.0

# --- Identity resolution: which pairs a linkage run leaves for people to review ----------------------------------
# Pairs whose match probability is at least LOW and below HIGH go to the review queue, with strong matches the
# clustering refused to join; every such pair is kept, each pair of people once (ADR 0005).
FRONTDOOR_REVIEW_BAND_LOW = float(os.environ.get("FRONTDOOR_REVIEW_BAND_LOW", "0.5"))
FRONTDOOR_REVIEW_BAND_HIGH = float(os.environ.get("FRONTDOOR_REVIEW_BAND_HIGH", "0.99"))
if not 0.0 < FRONTDOOR_REVIEW_BAND_LOW < FRONTDOOR_REVIEW_BAND_HIGH <= 1.0:
    raise ImproperlyConfigured("FRONTDOOR_REVIEW_BAND_LOW and _HIGH must satisfy 0 < LOW < HIGH <= 1")

# Whom to contact about a child, shown where a role sees only that a child is known (as CP-IS shows it).
FRONTDOOR_MASH_CONTACT = os.environ.get(
    "FRONTDOOR_MASH_CONTACT", "Esterbury front door (MASH), 01632 960 123, 9am to 5pm; out of hours 01632 960 999"
)

# --- Static files -------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = not PRODUCTION

# --- Mail: notifications carry no personal data; the demo prints them ----------------------------------------
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend" if TESTING else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "frontdoor@localhost")

# --- The service ----------------------------------------------------------------------------------------------
FRONTDOOR_SERVICE_NAME = os.environ.get("FRONTDOOR_SERVICE_NAME", "Safeguarding front door")
OTP_TOTP_ISSUER = FRONTDOOR_SERVICE_NAME  # the name an authenticator app shows beside the code
FRONTDOOR_PARTNERSHIP_NAME = os.environ.get("FRONTDOOR_PARTNERSHIP_NAME", "Esterbury Safeguarding Children Partnership")
FRONTDOOR_PHASE = os.environ.get("FRONTDOOR_PHASE", "Alpha")
FRONTDOOR_BASE_URL = os.environ.get("FRONTDOOR_BASE_URL", "http://127.0.0.1:8000")

# --- Logging: static event names with ids, never personal data ------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "frontdoor.core.logging.RefuseObjectsFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("FRONTDOOR_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Who holds a role, for escalations raised by the shared kernel (which cannot import `access`).
FRONTDOOR_ROLE_DIRECTORY = "frontdoor.access.selectors.active_users_with_role"
CSRF_FAILURE_VIEW = "frontdoor.web.views.csrf_failure"
