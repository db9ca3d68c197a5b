"""The scorecard's home section for leaders and the scrutineer: the way in, with this month's contacts so far."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.reports.forms import ScorecardForm
from frontdoor.reports.selectors import build_home


def home_scorecard(actor: Actor) -> dict[str, Any]:
    form = ScorecardForm({"period": "this_month"}, agencies=[], today=timezone.localdate())
    form.is_valid()
    return {"contacts": build_home(actor, form.to_period(timezone.now()))}
