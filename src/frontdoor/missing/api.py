"""Partner API routes for missing children: the police feed reports an episode (and the child's return when it is
known) under an Idempotency-Key, with the referrals' replay and conflict rules and the one error shape; a police
client reads the current trigger plan of the child an episode is about, the moment it opens; and the force updates an
episode it reported (its category changed, the child back)."""

from __future__ import annotations

import re

from django.db import transaction
from django.http import HttpRequest
from ninja import Header, Router, Status
from ninja.errors import HttpError

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.api import ERRORS, ApiError, ErrorBody, requires_scope
from frontdoor.core.selectors import map_clocks
from frontdoor.intake.api_once import key_reused
from frontdoor.intake.services import AlreadyHeld, IdempotencyConflict, request_hash
from frontdoor.missing import actors, schemas, selectors, services
from frontdoor.missing.clocks import INTERVIEW_OFFER
from frontdoor.missing.models import INTERVIEW_SUBJECT, Episode, InterviewRequest
from frontdoor.people.models import AgencyKind

router = Router(tags=["Missing episodes"])
REFERENCE = re.compile(r"^MIS-[0-9A-Z]{4}-[0-9A-Z]{4}$")


def _receipt(episode: Episode) -> dict:
    interview = InterviewRequest.objects.filter(episode=episode).first()
    clock = (
        map_clocks(INTERVIEW_SUBJECT, [interview.pk], [INTERVIEW_OFFER.code]).get(interview.pk) if interview else None
    )
    return {
        "reference": episode.reference,
        "police_reference": episode.police_reference,
        "status": episode.status,
        "category": episode.category.code,
        "matched_to_a_child": episode.person_id is not None,
        "vist_reference": episode.vist.reference if episode.vist else None,
        "return_interview_due_at": clock.due_at.isoformat() if clock else None,
    }


def _data(payload: schemas.EpisodeIn) -> services.EpisodeData:
    for at, name in [(step.category, f"body.categories_before.{n}.category") for n, step in
                     enumerate(payload.categories_before)] + [(payload.category, "body.category")]:  # fmt: skip
        if services.find_category(at) is None:
            raise ApiError(422, "invalid", "The request has invalid fields", [
                {"field": name, "message": "is not one of the force's categories"}])  # fmt: skip
    returned = payload.returned
    if returned is not None and returned.at < payload.went_missing_at:
        raise ApiError(422, "invalid", "The request has invalid fields",
                       [{"field": "body.returned.at", "message": "is before went_missing_at"}])  # fmt: skip
    history = [(step.category, step.at) for step in payload.categories_before]
    if history:
        history.append((payload.category, payload.reported_at or payload.went_missing_at))
    return services.EpisodeData(
        first_name=payload.child.first_name,
        last_name=payload.child.last_name,
        date_of_birth=payload.child.date_of_birth,
        nhs_number=payload.child.nhs_number.replace(" ", ""),
        category=payload.category,
        went_missing_at=payload.went_missing_at,
        reported_at=payload.reported_at,
        police_reference=payload.police_reference,
        circumstances=payload.circumstances,
        history=history,
        ended=services.ReturnData(
            at=returned.at, how=returned.how, where=returned.where, found_by=returned.found_by,
            harm_disclosed=returned.harm_disclosed,
        ) if returned else None,
    )  # fmt: skip


@router.post(
    "/missing-episodes",
    response={201: schemas.EpisodeReceipt, 409: ErrorBody, **ERRORS},
    summary="Report a missing episode",
)
@requires_scope("missing-episodes:write")
def post_episode(
    request: HttpRequest,
    payload: schemas.EpisodeIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        pattern=r"^[!-~]+$",
        description="Optional: without it the police_reference is the key. A replay returns the identical 201; the "
        "same key with a different body is refused (422 idempotency_key_reused).",
    ),
):
    """One episode per police reference. When `returned` is sent (a child found while still "concern for safety",
    say), the MASH gets a VIST and the return home interview service a request with its 72-hour clock at once."""
    try:
        receipt = services.receive_episode_once(
            _data(payload),
            actor=Actor.from_api_request(request),
            key=idempotency_key,
            payload_hash=request_hash(payload.model_dump(mode="json")),
            respond=_receipt,
        )
    except IdempotencyConflict as exc:
        raise key_reused(exc, "missing episode") from None
    except AlreadyHeld as exc:
        raise ApiError(409, "already_held", "A missing episode with this police_reference is held already",
                       [{"field": exc.claim.field, "message": "is held already"}]) from None  # fmt: skip
    except actors.MissingRefused as refused:
        raise ApiError(422, "invalid", str(refused), [{"field": "body", "message": str(refused)}]) from None
    return Status(201, receipt.body)


def _own_episode(actor: Actor, reference: str) -> Episode:
    """The episode this client reported, by frontdoor's MIS-... reference or the force's own; 404 otherwise (another
    force's episode, or one recorded by hand, is not this client's to change)."""
    found = Episode.objects.filter(api_client=actor.api_client)
    if REFERENCE.match(reference):
        episode = found.filter(reference=reference).first()
    else:
        episode = found.filter(police_reference=reference).first() if len(reference) <= 64 else None
    if actor.api_client is None or episode is None:
        raise ApiError(404, "not_found", "This client reported no missing episode with that reference",
                       [{"field": "path.reference", "message": "is not an episode this client reported"}])  # fmt: skip
    return episode


@router.patch(
    "/missing-episodes/{reference}",
    response={200: schemas.EpisodeReceipt, 404: ErrorBody, 409: ErrorBody, **ERRORS},
    summary="Update a missing episode: its category changed, or the child back",
)
@requires_scope("missing-episodes:write")
def patch_episode(request: HttpRequest, reference: str, payload: schemas.EpisodeUpdateIn):
    """The force's later word on an episode it reported (`reference` is frontdoor's MIS-... or the force's own): a
    category change (concern for safety upgraded to missing, say) at its time, and the return or find, which sends
    the MASH a VIST and the interview service a request with its 72-hour clock, whatever the category. Both, sent
    together, are taken in that order and in one transaction. A return for an episode already ended is refused
    (409): a find is told once."""
    actor = Actor.from_api_request(request)
    episode = _own_episode(actor, reference)
    step = payload.category
    category = services.find_category(step.category) if step else None
    if step is not None and category is None:
        unknown = {"field": "body.category.category", "message": "is not one of the force's categories"}
        raise ApiError(422, "invalid", "The request has invalid fields", [unknown])
    returned = payload.returned
    if returned is not None and returned.at < episode.went_missing_at:
        raise ApiError(422, "invalid", "The request has invalid fields",
                       [{"field": "body.returned.at", "message": "is before the child went missing"}])  # fmt: skip
    try:
        with transaction.atomic():
            if step is not None and category is not None and category.pk != episode.category_id:
                episode = services.change_category(episode, category, step.at, actor=actor)
            if returned is not None:
                episode = services.record_return(episode, services.ReturnData(
                    at=returned.at, how=returned.how, where=returned.where, found_by=returned.found_by,
                    harm_disclosed=returned.harm_disclosed), actor=actor)  # fmt: skip
    except actors.MissingRefused as refused:
        field = "body.returned" if returned is not None else "body.category"
        raise ApiError(409, "episode_ended", str(refused), [{"field": field, "message": str(refused)}]) from None
    episode = Episode.objects.select_related("category", "vist").get(pk=episode.pk)
    return Status(200, _receipt(episode))


@router.get(
    "/missing-episodes/{reference}/trigger-plan",
    response={200: schemas.TriggerPlanOut, 404: ErrorBody, **ERRORS},
    summary="The current trigger plan of the child a missing episode is about (police only)",
)
@requires_scope("missing-episodes:read")
def get_trigger_plan(request: HttpRequest, reference: str):
    """For police: what officers check and do, and whom they tell, for the child of an open or recent episode
    (`reference` is frontdoor's MIS-... or the force's own police reference). Each read is in the access audit."""
    actor = Actor.from_api_request(request)
    if actor.agency is None or actor.agency.kind != AgencyKind.POLICE:
        raise HttpError(403, "trigger plans are shared with police clients only")
    episode = None
    if REFERENCE.match(reference):
        episode = selectors.find_episode(reference)
    elif len(reference) <= 64:
        episode = Episode.objects.filter(api_client=actor.api_client, police_reference=reference).first()
    plan = selectors.current_plan(episode.person_id) if episode else None
    if episode is None or plan is None:
        raise HttpError(404, "no trigger plan is held for the child of that episode")
    with transaction.atomic():
        record_access(actor, episode.person, action="view_trigger_plan", purpose=f"API: {episode.reference}",
                      outcome=AuditOutcome.ALLOWED)  # fmt: skip
    return {
        "episode": episode.reference, "version": plan.version, "made_at": plan.made_at, "places": plan.places,
        "associates": plan.associates, "vehicles": plan.vehicles, "phones": plan.phones,
        "officer_actions": plan.officer_actions, "who_to_tell": plan.who_to_tell,
    }  # fmt: skip
