"""Intake's use cases, one module per kind of arrival: referrals (and what the referrer is told), a partner's
Idempotency-Key, and what the police send (VISTs and domestic-abuse incidents)."""

from frontdoor.intake.services.idempotency import IdempotencyConflict, Receipt, request_hash, submit_referral_once
from frontdoor.intake.services.police import (
    IncidentData,
    PersonData,
    VistData,
    receive_incident,
    receive_vist,
)
from frontdoor.intake.services.referrals import (
    AdultData,
    ChildData,
    ReferralData,
    submit_referral,
    tell_referrer,
)

__all__ = [
    "AdultData",
    "ChildData",
    "IdempotencyConflict",
    "IncidentData",
    "PersonData",
    "Receipt",
    "ReferralData",
    "VistData",
    "receive_incident",
    "receive_vist",
    "request_hash",
    "submit_referral",
    "submit_referral_once",
    "tell_referrer",
]
