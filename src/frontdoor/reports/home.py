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


def home_exports(actor: Actor) -> dict[str, Any]:
    from frontdoor.reports.exports_catalogue import TABLES
    from frontdoor.reports.exports_selectors import list_exports

    latest = list_exports(limit=1)
    return {"tables": len(TABLES), "latest": latest[0] if latest else None}


def home_annual(actor: Actor) -> dict[str, Any]:
    from frontdoor.reports.annual import current_year

    return {"since": f"1 April {current_year(timezone.localdate()) - 1}"}
