"""Demo data for the analyst exports: Nia Evans, the analyst, has made one export of the demo county's Standard
Safeguarding Dataset tables, so her home shows the exports with the latest one (when, by whom, how many rows), and
the access audit holds its entry. The files themselves are not kept: she downloads a fresh export from her page.
The leaders' homes link the annual report figures through the reports app's own home section.

Idempotent: an export is made only when none has been."""

from __future__ import annotations

import tempfile
from pathlib import Path

from frontdoor.access.audit import Actor
from frontdoor.access.models import User
from frontdoor.access.roles import Role
from frontdoor.reports.exports import write_all
from frontdoor.reports.models import AnalystExport

ANALYST = "analyst"


def load_demo_exports() -> None:
    if AnalystExport.objects.exists():
        return
    analyst = User.objects.get(username=ANALYST)
    actor = Actor(user=analyst, role=Role.ANALYST, agency=analyst.agency, request_id="demo-export")
    with tempfile.TemporaryDirectory(prefix="frontdoor-demo-export-") as folder:
        write_all(Path(folder), "csv", actor)
