"""Partner API routes for Operation Encompass: a school's MIS or a trust's safeguarding system lists its
establishment's notifications (its own only) and acknowledges one under an Idempotency-Key, with the same replay
and conflict rules and the one error shape as every partner route (see frontdoor.api)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from ninja import Header, Router
from ninja.errors import HttpError

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.api import ERRORS, ErrorBody, requires_scope
from frontdoor.encompass import api_selectors, schemas, services
from frontdoor.encompass.models import Notice
from frontdoor.intake.api_once import answer_once
from frontdoor.intake.services import request_hash

router = Router(tags=["Operation Encompass"])


def _out(notice: Notice) -> dict:
    return {
        "reference": notice.reference,
        "status": notice.status,
        "child": {"name": notice.child_name, "date_of_birth": notice.child_date_of_birth},
        "police_reference": notice.incident.police_reference,
        "incident_at": notice.incident_at,
        "location": notice.incident.location,
        "child_present": notice.child_present,
        "child_whereabouts": notice.child_whereabouts,
        "child_voice": notice.child_voice,
        "circumstances": notice.circumstances,
        "other_information": notice.other_information,
        "due_at": notice.due_at,
        "acknowledged_at": notice.acknowledged_at,
        "support": notice.support,
    }


@router.get(
    "/encompass/notifications",
    response={200: list[schemas.NoticeOut], **ERRORS},
    summary="Your establishment's Operation Encompass notifications",
)
@requires_scope("encompass:read")
def list_notifications(request: HttpRequest):
    """The notifications sent to this client's establishment, soonest due first: those waiting for acknowledgement
    and those acknowledged in the last 30 days. Each child sent is recorded in the access audit against this
    client, and the first fetch counts as the notification opened."""
    actor = Actor.from_api_request(request)
    with transaction.atomic():
        notices = api_selectors.list_establishment_notices(actor.agency)
        if not notices:
            record_access(
                actor, None, action="view_encompass_notices", purpose="API: none", outcome=AuditOutcome.ALLOWED
            )
        for notice in notices:
            record_access(
                actor, notice.child, action="view_encompass_notices", purpose=f"API: {notice.reference}",
                outcome=AuditOutcome.ALLOWED,
            )  # fmt: skip
            services.mark_opened(notice, actor=actor)
        return [_out(n) for n in notices]


def _receipt(notice: Notice) -> dict:
    at = notice.acknowledged_at
    assert at is not None
    return {
        "reference": notice.reference,
        "status": "acknowledged",
        "acknowledged_at": at.isoformat(),
        "in_time": at <= notice.due_at,
    }


@router.post(
    "/encompass/notifications/{reference}/acknowledge",
    response={201: schemas.AcknowledgeReceipt, 404: ErrorBody, 409: ErrorBody, **ERRORS},
    summary="Acknowledge one of your establishment's notifications, with the support offered",
)
@requires_scope("encompass:write")
def acknowledge_notification(
    request: HttpRequest,
    reference: str,
    payload: schemas.AcknowledgeIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=200),
):
    """Send the same Idempotency-Key when you retry: a replay returns the identical 201 body, and the same key with
    a different body is refused (422 idempotency_key_reused). A notification already acknowledged (on the web, or
    under another key) is a 409 already_acknowledged; another establishment's is a 404, as one that does not
    exist."""
    actor = Actor.from_api_request(request)
    notice = api_selectors.find_establishment_notice(actor.agency, reference)
    if notice is None:
        raise HttpError(404, "no Operation Encompass notification with that reference was sent to this establishment")
    return answer_once(
        lambda: services.acknowledge_once(
            notice,
            services.Acknowledgement(payload.support, payload.support_notes),
            actor=actor,
            key=idempotency_key,
            payload_hash=request_hash({"reference": reference, **payload.model_dump(mode="json")}),
            respond=_receipt,
        ),
        thing="acknowledgement",
        refused=services.NoticeRefused,
    )
