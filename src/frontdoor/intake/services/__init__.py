"""Intake's use cases, one module per kind of arrival: referrals (and what the referrer is told), what the police
send (VISTs and domestic-abuse incidents, and what the force is told about its VISTs), and the one idempotency
mechanism every API arrival goes through."""

from frontdoor.intake.services.idempotency import AlreadyHeld, IdempotencyConflict, Receipt, request_hash
from frontdoor.intake.services.police import (
    IncidentData,
    PersonData,
    VistData,
    receive_incident,
    receive_incident_once,
    receive_vist,
    receive_vist_once,
)
from frontdoor.intake.services.referrals import (
    AdultData,
    ChildData,
    ConsentNeeded,
    ReferralData,
    consent_problem,
    submit_referral,
    submit_referral_once,
    tell_referrer,
)
from frontdoor.intake.services.vist_updates import tell_force

__all__ = [
    "AdultData",
    "AlreadyHeld",
    "ChildData",
    "ConsentNeeded",
    "IdempotencyConflict",
    "IncidentData",
    "PersonData",
    "Receipt",
    "ReferralData",
    "VistData",
    "consent_problem",
    "receive_incident",
    "receive_incident_once",
    "receive_vist",
    "receive_vist_once",
    "request_hash",
    "submit_referral",
    "submit_referral_once",
    "tell_force",
    "tell_referrer",
]
