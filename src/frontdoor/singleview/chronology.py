"""What each event on the child's page is: its heading, its data category (the access policy's unit) and the agency
heading it is filtered under. Agencies' events take the partnership's one vocabulary (people.vocabulary); the front
door's own records are added here. Pure: no Django."""

from __future__ import annotations

from frontdoor.people import vocabulary
from frontdoor.people.vocabulary import OPEN_FLAGS, SOCIAL_CARE_OPEN, EventKind

__all__ = ["KINDS", "OPEN_FLAGS", "SEN_PROVISION", "SOCIAL_CARE_OPEN", "EventKind", "kind_of"]

KINDS: dict[str, EventKind] = {
    **vocabulary.KINDS,  # every agency's events, in the words the "already known to" panel uses too
    # The front door's own records.
    "fd_referral": EventKind("Referral to the front door", "referrals", "Front door"),
    "fd_decision": EventKind("Front door decision", "referrals", "Front door"),
    "fd_vist": EventKind("VIST received by the front door", "police", "Front door"),
    "fd_incident": EventKind("Domestic-abuse incident notified", "police", "Front door"),
}

SEN_PROVISION = {"K": "SEN support", "E": "Education, health and care plan (EHCP)"}


def kind_of(kind: str) -> EventKind:
    return KINDS.get(kind, EventKind(kind.replace("_", " ").capitalize(), "other", "Other"))
