"""What the force that sent a VIST is told about it (`VistUpdate`), written by the capability that acts on the VIST
(the MASH) inside the transaction that got it there, as a referral's referrer is told through `tell_referrer`."""

from __future__ import annotations

from datetime import datetime

from frontdoor.intake.models import Vist, VistStatus, VistUpdate


def tell_force(
    vist: Vist,
    *,
    status: str,
    at: datetime,
    outcome: str = "",
    outcome_label: str = "",
    summary: str = "",
) -> VistUpdate:
    """Tell the force where its VIST has got to (call inside the transaction that got it there). The words are
    the force's to read: never pass what other agencies shared in MASH checks or a discussion."""
    return VistUpdate.objects.create(
        vist=vist, at=at, status=VistStatus(status), outcome=outcome, outcome_label=outcome_label, summary=summary
    )
