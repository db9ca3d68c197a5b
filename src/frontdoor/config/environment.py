"""Which preset runs, where its files live, and the readers every settings module uses for a value from the
environment (a bad value stops the start-up with a message naming the variable).

FRONTDOOR_ENV chooses the preset: ``demo`` (the default: a local SQLite file and a generated secret under var/),
``test`` (what pytest uses) or ``production`` (a real SECRET_KEY is required and durability may not be weakened).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("FRONTDOOR_VAR_DIR", BASE_DIR / "var")).resolve()

FRONTDOOR_ENV = os.environ.get("FRONTDOOR_ENV", "demo")
if FRONTDOOR_ENV not in {"demo", "test", "production"}:
    raise ImproperlyConfigured(f"FRONTDOOR_ENV must be demo, test or production, not {FRONTDOOR_ENV!r}")
PRODUCTION = FRONTDOOR_ENV == "production"
TESTING = FRONTDOOR_ENV == "test"


def flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def whole(name: str, default: int, least: int, most: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    if not re.fullmatch(r"[0-9]{1,9}", raw) or not least <= int(raw) <= most:
        raise ImproperlyConfigured(f"{name} must be a whole number from {least} to {most}, not {raw!r}")
    return int(raw)


def counted(name: str, raw: str, unit: str, most: int, example: int) -> int:
    """A whole number of `unit` from 1 to `most`, as in "like 4"; anything else stops the start-up."""
    if not re.fullmatch(f"[0-9]{{1,{len(str(most))}}}", raw.strip()) or not 1 <= int(raw) <= most:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of {unit} from 1 to {most}, like {example}: {raw!r} is not"
        )
    return int(raw)
