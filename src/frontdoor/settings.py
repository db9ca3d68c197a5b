"""Settings, read from the environment only: Django's core here, each capability's settings in a module of
`frontdoor.config`, star-imported below so that every value is an ordinary Django setting (tests override any of them
with pytest-django's `settings` fixture).

FRONTDOOR_ENV chooses the preset: ``demo`` (the default: a local SQLite file and a generated secret under var/),
``test`` (what pytest uses) or ``production`` (a real SECRET_KEY is required and durability may not be weakened).
See `frontdoor.config.environment`.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from frontdoor.config.access import *  # noqa: F403
from frontdoor.config.encompass import *  # noqa: F403
from frontdoor.config.environment import BASE_DIR, FRONTDOOR_ENV, PACKAGE_DIR, PRODUCTION, TESTING, VAR_DIR  # noqa: F401
from frontdoor.config.exploitation import *  # noqa: F403
from frontdoor.config.familyhelp import *  # noqa: F403
from frontdoor.config.headers import *  # noqa: F403
from frontdoor.config.intake import *  # noqa: F403
from frontdoor.config.keys import *  # noqa: F403
from frontdoor.config.linkage import *  # noqa: F403
from frontdoor.config.mail import *  # noqa: F403
from frontdoor.config.mash import *  # noqa: F403
from frontdoor.config.missing import *  # noqa: F403
from frontdoor.config.records import *  # noqa: F403
from frontdoor.config.reports import *  # noqa: F403
from frontdoor.config.returns import *  # noqa: F403
from frontdoor.config.sign_in import *  # noqa: F403
from frontdoor.core.durability import SQLITE_DEFAULT_SYNCHRONOUS

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
    "frontdoor.reports",
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

# --- Time and calendars -------------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True
FRONTDOOR_WORKING_HOURS = os.environ.get("FRONTDOOR_WORKING_HOURS", "09:00-17:00")
# How long a process keeps the working calendar (closure days) before reading it again. Tests roll back closure
# days without a delete signal, so they read it every time.
FRONTDOOR_CALENDAR_CACHE_SECONDS = 0.0 if TESTING else 60.0

# --- Static files -------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = not PRODUCTION

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
