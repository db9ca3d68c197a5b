"""What the MASH decides that other capabilities act on, offered as plain data through `core.registry`'s decision
feeds: its VIST triage (a VIST has no referrer to tell, so family help learns of one triaged as early help here).
Registered in `MashConfig.ready`.
"""

from __future__ import annotations

from datetime import datetime

from frontdoor.core.registry import Decided
from frontdoor.intake.models import VIST_SUBJECT
from frontdoor.mash.models import VistTriage


def vist_triages(outcome: str, since: datetime) -> list[Decided]:
    """The VISTs triaged with this outcome code ("early_help") since then, oldest first."""
    triaged = VistTriage.objects.filter(outcome=outcome, triaged_at__gte=since).order_by("triaged_at", "id")
    return [Decided(VIST_SUBJECT, str(vist_id), at) for vist_id, at in triaged.values_list("vist_id", "triaged_at")]
