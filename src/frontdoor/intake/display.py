"""Referrals in words: the labels the templates show in place of stored codes, and the referrer's home section."""

from __future__ import annotations

from typing import Any

from frontdoor.access.audit import Actor
from frontdoor.core.display import when
from frontdoor.intake import drafts, selectors
from frontdoor.intake.forms import PRESENTING_ISSUES
from frontdoor.intake.models import ConsentStatus, LevelOfNeed, ReferralStatus
from frontdoor.people.models import Sex

LABELS = {
    "sex": dict(Sex.choices),
    "level": {value: label for value, label in LevelOfNeed.choices},
    "consent": dict(ConsentStatus.choices),
    "issues": dict(PRESENTING_ISSUES),
    "status": dict(ReferralStatus.choices),
}
STATUS_TAGS = {
    ReferralStatus.RECEIVED: "govuk-tag--blue",
    ReferralStatus.SCREENING: "govuk-tag--yellow",
    ReferralStatus.DECIDED: "govuk-tag--green",
}
RECENT_REFERRALS = 5


def display() -> dict[str, Any]:
    """What every page showing referrals needs to turn codes and times into words."""
    return {"labels": LABELS, "status_tags": STATUS_TAGS, "when": when}


def home_referrals(actor: Actor) -> dict[str, Any]:
    """A referrer's home section: drafts not yet sent and their latest referrals with each one's status."""
    referrals = selectors.list_my_referrals(actor)
    return {
        "mine": {
            "recent": referrals[:RECENT_REFERRALS],
            "total": len(referrals),
            "drafts": drafts.list_drafts(actor.user),  # type: ignore[arg-type]
        },
        **display(),
    }
