"""The synthetic county the ingest and linkage tests share (its fixtures are in tests/integration/conftest.py)."""

from datetime import datetime

from frontdoor.core.calendars import LONDON

# When the county's extracts were taken, as the tests import them.
COUNTY_EXTRACTED = datetime(2026, 10, 31, 23, 59, tzinfo=LONDON)
