"""Mail (notifications carry no personal data; the demo prints them) and the service's name, partnership, phase
and address, as pages and e-mails show them."""

from __future__ import annotations

import os

from frontdoor.config.environment import TESTING

# --- Mail ---------------------------------------------------------------------------------------------------
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
