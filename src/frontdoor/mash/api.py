"""Partner API routes for MASH checks: an agency's system lists the checks waiting for its answer (its own agency's
only) and answers or declines one under an Idempotency-Key, with the referrals' replay and conflict rules and the
one error shape (see frontdoor.api)."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from ninja import Header, Router
from ninja.errors import HttpError

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.api import ERRORS, ErrorBody, requires_scope
from frontdoor.intake.api_once import answer_once
from frontdoor.intake.services import request_hash
from frontdoor.mash import checks_selectors, checks_services, schemas
from frontdoor.mash.models import MashCheck

router = Router(tags=["MASH checks"])


@router.get("/mash-checks", response={200: list[schemas.CheckOut], **ERRORS}, summary="Your agency's open MASH checks")
@requires_scope("mash-checks:read")
def list_checks(request: HttpRequest):
    """The MASH checks waiting for this client's agency's answer, soonest due first, with the people each asks about.
    Each person sent is recorded in the access audit against this client."""
    actor = Actor.from_api_request(request)
    with transaction.atomic():
        checks = checks_selectors.list_agency_checks(actor.agency)  # type: ignore[arg-type]
        clocks = checks_selectors.map_check_clocks(checks)
        listed = []
        if not checks:  # the listing itself is on record, even when nothing is waiting
            record_access(
                actor, None, action="list_mash_checks", purpose="API: none open", outcome=AuditOutcome.ALLOWED
            )
        for check in checks:
            people = list(check.people.select_related("person"))
            for person in dict.fromkeys(p.person for p in people if p.person_id) or [None]:
                purpose = f"API: {check.reference}"
                record_access(actor, person, action="list_mash_checks", purpose=purpose, outcome=AuditOutcome.ALLOWED)
            clock = clocks.get(check.pk)
            listed.append(
                {
                    "reference": check.reference,
                    "about": check.item_reference,
                    "priority": check.priority,
                    "question": check.question,
                    "requested_at": check.requested_at,
                    "due_at": clock.due_at if clock else None,
                    "people": [
                        {
                            "name": p.name,
                            "described_as": p.described_as,
                            "date_of_birth": p.date_of_birth,
                            "is_child": p.is_child,
                        }
                        for p in people
                    ],
                }
            )
        return listed


def _receipt(check: MashCheck) -> dict:
    return {"reference": check.reference, "status": check.status, "answered_at": check.answered_at.isoformat()}  # type: ignore[union-attr]


@router.post(
    "/mash-checks/{reference}/answer",
    response={201: schemas.AnswerReceipt, 404: ErrorBody, 409: ErrorBody, **ERRORS},
    summary="Answer (or decline) one of your agency's MASH checks",
)
@requires_scope("mash-checks:write")
def answer_check(
    request: HttpRequest,
    reference: str,
    payload: schemas.AnswerIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", min_length=8, max_length=200),
):
    """Send the same Idempotency-Key when you retry: a replay returns the identical 201 body, and the same key with
    a different body is refused (422 idempotency_key_reused). A check already answered (on the web, or under
    another key) is a 409 already_answered; another agency's check is a 404, as one that does not exist."""
    actor = Actor.from_api_request(request)
    check = checks_selectors.find_agency_check(actor.agency, reference)  # type: ignore[arg-type]
    if check is None:
        raise HttpError(404, "no MASH check with that reference was sent to this client's agency")
    answered = payload.outcome == "answered"
    reply = checks_services.Answer(
        known=payload.known if answered else "",
        risks=payload.risks if answered else "",
        strengths=payload.strengths if answered else "",
        child_voice=payload.child_voice if answered else "",
        decline_reason="" if answered else payload.decline_reason,
    )
    return answer_once(
        lambda: checks_services.answer_check_once(
            check,
            reply,
            actor=actor,
            key=idempotency_key,
            payload_hash=request_hash({"reference": reference, **payload.model_dump(mode="json")}),
            respond=_receipt,
        ),
        thing="answer",
        refused=checks_services.CheckRefused,
    )
