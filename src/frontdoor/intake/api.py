"""Partner API routes: referrals, VISTs and domestic-abuse incidents (each with an Idempotency-Key, one mechanism
for all three: intake.services.idempotency), the status of a client's referrals, and what the MASH made of a
client's VISTs.

A 201 carries the reference and is sent only after the transaction that stored the record (with its audit row,
its outbox rows and its clock) has committed. Database failures answer 503 with Retry-After (see frontdoor.api).
"""

from __future__ import annotations

import re

from django.http import HttpRequest
from ninja import Header, Query, Router, Status
from ninja.errors import HttpError

from frontdoor.access.audit import Actor
from frontdoor.core.api import ERRORS, ApiError, ErrorBody, requires_scope
from frontdoor.core.selectors import map_clocks
from frontdoor.intake import schemas, selectors, services
from frontdoor.intake.api_once import key_reused
from frontdoor.intake.clocks import REFERRAL_DECISION
from frontdoor.intake.models import REFERRAL_SUBJECT, DomesticAbuseIncident, Referral, Vist, VistStatus

router = Router(tags=["Referrals, VISTs and incidents"])


def referral_data(payload: schemas.ReferralIn) -> services.ReferralData:
    r, c, k = payload.referrer, payload.concern, payload.consent
    return services.ReferralData(
        referrer_name=r.name,
        referrer_role=r.role,
        referrer_phone=r.phone,
        referrer_email=r.email,
        referrer_relationship=r.relationship_to_child,
        referrer_confidential=r.confidential,
        concern=c.description,
        first_hand=c.first_hand,
        third_party=c.third_party,
        presenting_issues=list(c.presenting_issues),
        risks=c.risks,
        strengths=c.strengths,
        previous_support=c.previous_support,
        level_of_need=payload.level_of_need,
        consent=k.status,
        consent_given_by=k.given_by,
        consent_covers=k.covers,
        consent_rationale=k.rationale,
        parents_informed=k.parents_informed,
        parents_not_informed_reason=k.parents_not_informed_reason,
        children=[services.ChildData(**child.model_dump()) for child in payload.children],
        adults=[services.AdultData(**adult.model_dump()) for adult in payload.adults],
    )


def _receipt(referral: Referral) -> dict:
    clock = getattr(referral, "decision_clock", None) or (
        map_clocks(REFERRAL_SUBJECT, [referral.pk], [REFERRAL_DECISION.code]).get(referral.pk)
    )
    return {
        "reference": referral.reference,
        "status": referral.status,
        "received_at": referral.received_at.isoformat(),
        "decision_due_at": clock.due_at.isoformat() if clock else None,
    }


# Visible ASCII, no spaces: a UUID, a hash, or any opaque string the client makes.
KEY_PATTERN = r"^[!-~]+$"
KEY_HELP = (
    "8 to 200 visible ASCII characters, made by the sender once per {thing}. Send the same key when you retry: a "
    "replay returns the identical 201 body, and the same key with a different body is refused (422 "
    "idempotency_key_reused)."
)


def _held(exc: services.AlreadyHeld, thing: str) -> ApiError:
    return ApiError(
        409,
        "already_held",
        f"A {thing} with this {exc.claim.field.removeprefix('body.')} was received before by another channel (the "
        "police bulk import): it is held as it was, and this request changed nothing",
        [{"field": exc.claim.field, "message": "is held already"}],
    )


@router.post(
    "/referrals",
    response={201: schemas.ReferralReceipt, **ERRORS},
    summary="Make a referral (a MARF)",
)
@requires_scope("referrals:write")
def post_referral(
    request: HttpRequest,
    payload: schemas.ReferralIn,
    idempotency_key: str = Header(
        ...,
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=KEY_PATTERN,
        description=KEY_HELP.format(thing="referral"),
    ),
):
    """Send the same Idempotency-Key when you retry: a replay returns the identical 201 body, and the same key with
    a different body is refused (422). The reference in the 201 is only sent once the referral is stored."""
    try:
        receipt = services.submit_referral_once(
            referral_data(payload),
            actor=Actor.from_api_request(request),
            key=idempotency_key,
            payload_hash=services.request_hash(payload.model_dump(mode="json")),
            respond=_receipt,
        )
    except services.IdempotencyConflict as exc:
        raise key_reused(exc, "referral") from None
    return Status(201, receipt.body)


# Far more referrals than one client sends in a lifetime, and small enough for any database's OFFSET.
MAX_OFFSET = 10_000_000
# FD-XXXX-XXXX in Crockford's base32 (intake.services.references); anything else cannot be one of ours.
REFERENCE = re.compile(r"^FD-[0-9A-Z]{4}-[0-9A-Z]{4}$")
VIST_REFERENCE = re.compile(r"^VIST-[0-9A-Z]{4}-[0-9A-Z]{4}$")


@router.get("/referrals", response={200: list[schemas.ReferralStatusOut], **ERRORS}, summary="Your referrals")
@requires_scope("referrals:read")
def list_referrals(
    request: HttpRequest,
    limit: int = Query(100, ge=1, le=500, description="How many to return: 1 to 500."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="How many of the newest to skip."),
):
    """The referrals this client sent, newest first, with their status and outcome."""
    actor = Actor.from_api_request(request)
    return [_status(r) for r in selectors.list_client_referrals(actor, limit=limit, offset=offset)]


@router.get(
    "/referrals/{reference}",
    response={200: schemas.ReferralStatusOut, 404: ErrorBody, **ERRORS},
    summary="The status of one of your referrals",
)
@requires_scope("referrals:read")
def get_referral(request: HttpRequest, reference: str):
    # Checked before any query: a NUL or a 10,000-character path never reaches the database.
    referral = None
    if REFERENCE.match(reference):
        referral = selectors.find_client_referral(Actor.from_api_request(request), reference)
    if referral is None:
        raise HttpError(404, "no referral with that reference was sent by this client")
    return _status(referral)


def _status(referral: Referral) -> dict:
    told = referral.decision_told
    return {
        "reference": referral.reference,
        "status": referral.status,
        "received_at": referral.received_at,
        "outcome": told.outcome if told else None,
        "decision_summary": (told.summary or None) if told else None,
        "decided_at": told.at if told else None,
    }


@router.post("/vists", response={201: schemas.VistReceipt, 409: ErrorBody, **ERRORS}, summary="Send a VIST")
@requires_scope("vists:write")
def post_vist(
    request: HttpRequest,
    payload: schemas.VistIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=KEY_PATTERN,
        description=KEY_HELP.format(thing="VIST") + " Optional: without it the VIST's id is the key.",
    ),
):
    """Idempotent like a referral: re-sending a VIST (after lost signal, say) with the same Idempotency-Key, or
    without one under the same `id`, returns the identical 201 and stores nothing twice; a re-send with different
    content under either is refused (422 idempotency_key_reused naming the header or `body.id`): send a change as
    a new VIST with a new id. Every VIST enters the MASH triage queue with its clock the moment it arrives."""
    try:
        receipt = services.receive_vist_once(
            vist_data(payload),
            actor=Actor.from_api_request(request),
            key=idempotency_key,
            payload_hash=services.request_hash(payload.model_dump(mode="json")),
            respond=_vist_receipt,
        )
    except services.IdempotencyConflict as exc:
        raise key_reused(exc, "VIST") from None
    except services.AlreadyHeld as exc:
        raise _held(exc, "VIST") from None
    return Status(201, receipt.body)


@router.get("/vists", response={200: list[schemas.VistStatusOut], **ERRORS}, summary="Your VISTs")
@requires_scope("vists:read")
def list_vists(
    request: HttpRequest,
    limit: int = Query(100, ge=1, le=500, description="How many to return: 1 to 500."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="How many of the newest to skip."),
):
    """The VISTs this client sent, newest first, with what the MASH made of each: being screened, the triage's
    outcome and, if one was held, a strategy discussion's."""
    actor = Actor.from_api_request(request)
    return [_vist_status(v) for v in selectors.list_client_vists(actor, limit=limit, offset=offset)]


@router.get(
    "/vists/{reference}",
    response={200: schemas.VistStatusOut, 404: ErrorBody, **ERRORS},
    summary="What the MASH made of one of your VISTs",
)
@requires_scope("vists:read")
def get_vist(request: HttpRequest, reference: str):
    # Checked before any query, as for a referral; only a reference of our shape is named back in the answer.
    if not VIST_REFERENCE.match(reference):
        raise HttpError(404, "no VIST with that reference was sent by this client")
    vist = selectors.find_client_vist(Actor.from_api_request(request), reference)
    if vist is None:
        raise HttpError(404, f"no VIST with the reference {reference} was sent by this client")
    return _vist_status(vist)


def _vist_status(vist: Vist) -> dict:
    updates = list(vist.updates.all())  # prefetched, oldest first
    decided = [u for u in updates if u.outcome]
    last = decided[-1] if decided else None
    return {
        "id": str(vist.client_id),
        "reference": vist.reference,
        "incident_reference": vist.incident_reference,
        "status": updates[-1].status if updates else VistStatus.RECEIVED,
        "received_at": vist.received_at,
        "outcome": last.outcome if last else None,
        "outcome_label": last.outcome_label if last else None,
        "summary": (last.summary or None) if last else None,
        "decided_at": last.at if last else None,
        "updates": [
            {
                "status": u.status,
                "at": u.at,
                "outcome": u.outcome or None,
                "outcome_label": u.outcome_label or None,
                "summary": u.summary or None,
            }
            for u in updates
        ],
    }


def vist_data(payload: schemas.VistIn) -> services.VistData:
    return services.VistData(
        client_id=payload.id,
        officer_name=payload.officer_name,
        officer_collar=payload.officer_collar,
        incident_reference=payload.incident_reference,
        incident_at=payload.incident_at,
        children_present=payload.children_present,
        risk_grade=payload.risk_grade,
        circumstances=payload.circumstances,
        child_said=payload.child_said,
        domestic_abuse=payload.domestic_abuse,
        persons=[services.PersonData(**p.model_dump()) for p in payload.persons],
    )


def _vist_receipt(vist: Vist) -> dict:
    # Stored as the replay's body, so JSON types only.
    return {
        "id": str(vist.client_id),
        "reference": vist.reference,
        "risk_grade": vist.risk_grade,
        "effective_grade": vist.effective_grade,
        "received_at": vist.received_at.isoformat(),
    }


@router.post(
    "/incidents",
    response={201: schemas.IncidentReceipt, 409: ErrorBody, **ERRORS},
    summary="Send a domestic-abuse incident",
)
@requires_scope("incidents:write")
def post_incident(
    request: HttpRequest,
    payload: schemas.IncidentIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=KEY_PATTERN,
        description=KEY_HELP.format(thing="incident") + " Optional: without it the incident_reference is the key.",
    ),
):
    """One incident per police reference, idempotent like a referral: a re-send with the same Idempotency-Key, or
    without one under the same incident_reference, returns the identical 201; a re-send with different content is
    refused (422 idempotency_key_reused naming the header or `body.incident_reference`)."""
    try:
        receipt = services.receive_incident_once(
            incident_data(payload),
            actor=Actor.from_api_request(request),
            key=idempotency_key,
            payload_hash=services.request_hash(payload.model_dump(mode="json")),
            respond=_incident_receipt,
        )
    except services.IdempotencyConflict as exc:
        raise key_reused(exc, "incident") from None
    except services.AlreadyHeld as exc:
        raise _held(exc, "incident") from None
    return Status(201, receipt.body)


def _incident_receipt(incident: DomesticAbuseIncident) -> dict:
    return {
        "incident_reference": incident.incident_reference,
        "received_at": incident.received_at.isoformat(),
        "children": incident.persons.filter(is_child=True).count(),
    }


def incident_data(payload: schemas.IncidentIn) -> services.IncidentData:
    return services.IncidentData(
        incident_reference=payload.incident_reference,
        occurred_at=payload.occurred_at,
        location=payload.location,
        postcode=payload.postcode,
        circumstances=payload.circumstances,
        officer_name=payload.officer_name,
        officer_collar=payload.officer_collar,
        team=payload.team,
        persons=[services.PersonData(**p.model_dump()) for p in payload.persons],
    )
