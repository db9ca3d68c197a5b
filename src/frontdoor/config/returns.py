"""Statutory returns: the council's DfE code in the children in need census's header, and the DfE validators'
own virtual environment (they pin an older pandas, so frontdoor runs them by subprocess)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from frontdoor.config.environment import BASE_DIR, whole

# The local authority's three-digit DfE code (the census header's LEA). "000" until the council sets it: the return
# says so when it is written.
FRONTDOOR_LA_CODE = os.environ.get("FRONTDOOR_LA_CODE", "000").strip()
if not re.fullmatch(r"[0-9]{3}", FRONTDOOR_LA_CODE):
    raise ImproperlyConfigured(
        f"FRONTDOOR_LA_CODE must be the council's three-digit DfE code, not {FRONTDOOR_LA_CODE!r}"
    )

# The Python of the environment `make validators` builds with csc-validator-be-cin and csc-validator-be-903.
FRONTDOOR_VALIDATORS_PYTHON = Path(
    os.environ.get("FRONTDOOR_VALIDATORS_PYTHON", BASE_DIR / ".venv-validators" / "bin" / "python")
)
# The longest a check of the year's returns may run before the page says it did not finish, in seconds.
FRONTDOOR_VALIDATORS_TIMEOUT = whole("FRONTDOOR_VALIDATORS_TIMEOUT", 300, 10, 3600)
