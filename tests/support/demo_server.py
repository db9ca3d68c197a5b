"""What browser tests ask of the demo server besides its pages: the partner API (a VIST from the police's system,
a referral from health's) and the worker's 09:00 job building the next working day's meeting agenda, run under a
time machine against the server's own database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FRONTDOOR = Path(sys.executable).parent / "frontdoor"
# The settings this pytest process was given that the server's own process must not inherit.
SERVER_ONLY = ("DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")
# What the worker's job does at 09:00 on the next working day, in the server's own database.
NEXT_MORNING = """
from datetime import datetime
import time_machine
from frontdoor.core.clocks import working_calendar
from frontdoor.mash import meeting_services
from frontdoor.mash.meeting_selectors import today
calendar = working_calendar()
day = calendar.next_working_day(today())
with time_machine.travel(datetime.combine(day, calendar.day_start, tzinfo=calendar.tz), tick=False):
    assert meeting_services.build_todays_meeting() == 1
print(day.isoformat())
"""


def call_api(server: Any, client: str, method: str, path: str, body: dict | None = None) -> dict:
    """The partner API as the demo's API client `client` (its token from the credentials file)."""
    request = urllib.request.Request(  # noqa: S310  (our own server on 127.0.0.1)
        f"{server.base_url}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        headers={
            "Authorization": f"Bearer {server.credentials['api_tokens'][client]}",
            "Idempotency-Key": f"e2e-{uuid.uuid4()}",
            "Content-Type": "application/json",
        },
        method=method,
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read())


def send_vist(server: Any, first_name: str, last_name: str, circumstances: str, grade: str = "red") -> str:
    """A VIST about one child present, from the police's system an hour after the incident; its reference."""
    body = {
        "id": str(uuid.uuid4()),
        "officer_name": "PC Dana Hale",
        "incident_reference": f"INC-E2E-{uuid.uuid4().hex[:6]}",
        "incident_at": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
        "children_present": True,
        "risk_grade": grade,
        "circumstances": circumstances,
        "persons": [{"role": "child present", "first_name": first_name, "last_name": last_name, "is_child": True}],
    }
    return call_api(server, "police-records", "POST", "/api/v1/vists", body)["reference"]


def build_next_mornings_meeting(server: Any) -> str:
    """Build the next working day's agenda as the worker would at its opening; return that day (ISO). Once per
    server: the agenda is built once, so a session fixture calls this after every test's overnight VIST is in."""
    env = {k: v for k, v in os.environ.items() if k not in SERVER_ONLY}
    env.update(FRONTDOOR_VAR_DIR=str(server.var_dir), FRONTDOOR_ENV="demo")
    done = subprocess.run(
        [str(FRONTDOOR), "shell", "-c", NEXT_MORNING], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]
