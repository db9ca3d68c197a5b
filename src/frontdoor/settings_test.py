"""The test preset: FRONTDOOR_ENV=test, then the ordinary settings (which read everything else from the environment)."""

import os

os.environ["FRONTDOOR_ENV"] = "test"

from frontdoor.settings import *  # noqa: F403
