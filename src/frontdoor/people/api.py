"""Partner API routes about people's records: check identifiers before sending them, and send each system's extract
one file at a time."""

from __future__ import annotations

import io

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from frontdoor.core.api import ApiError, ErrorBody, requires_scope
from frontdoor.core.schemas import AwareTime, IdentifierChecks
from frontdoor.people import services

router = Router(tags=["Extracts"])
identifiers = Router(tags=["Identifiers"])


class IdentifierCheckIn(IdentifierChecks):
    nhs_number: str | None = Field(None, max_length=20, examples=["943 476 5919"])
    upn: str | None = Field(None, max_length=20, examples=["H801200001001"])
    postcode: str | None = Field(None, max_length=10, examples=["ES1 2AB"])


class IdentifierCheckOut(Schema):
    """The identifiers sent, each in its normal form (None where it was not sent)."""

    nhs_number: str | None = Field(None, examples=["9434765919"])
    upn: str | None = Field(None, examples=["H801200001001"])
    postcode: str | None = Field(None, examples=["ES1 2AB"])


@identifiers.post(
    "/identifiers/check",
    response={
        200: IdentifierCheckOut,
        400: ErrorBody,
        401: ErrorBody,
        403: ErrorBody,
        413: ErrorBody,
        422: ErrorBody,
        503: ErrorBody,
    },
    summary="Check identifiers and get their normal form",
)
@requires_scope("identifiers:check")
def check_identifiers(request: HttpRequest, payload: IdentifierCheckIn) -> dict:
    """Valid identifiers come back normalised; an invalid one is a 422 naming the field."""
    return payload.model_dump()


# Which system's extracts an agency of each kind may send.
SYSTEM_OF_AGENCY = {
    "police": "police",
    "acute_hospital": "health",
    "community_health": "health",
    "gp": "health",
    "maternity": "health",
    "sexual_health": "health",
    "ambulance": "health",
    "school": "education",
    "early_years": "education",
    "further_education": "education",
    "alternative_provision": "education",
    "childrens_social_care": "csc",
    "early_help": "earlyhelp",
}


class CountsOut(Schema):
    created: int
    updated: int
    unchanged: int
    stale: int


class RejectedRow(Schema):
    source: str
    line: int
    reason: str


class ExtractResult(Schema):
    system: str
    records: CountsOut
    events: CountsOut
    participations: int
    rejected: int
    errors: list[RejectedRow]


@router.post(
    "/extracts/{system}/{file_kind}",
    response={
        200: ExtractResult,
        401: ErrorBody,
        403: ErrorBody,
        404: ErrorBody,
        413: ErrorBody,
        422: ErrorBody,
        503: ErrorBody,
    },
    summary="Send one file of your system's extract",
)
@requires_scope("records:write")
def post_extract(request: HttpRequest, system: str, file_kind: str, extracted_at: AwareTime | None = None):
    """The body is the file itself: CSV for social care, police, education and early help, a FHIR R4 Bundle for
    health (see docs/synthetic-county.md for each layout). Re-sending is safe: unchanged rows are left alone.
    Rejected rows come back with their line and reason; the rest are stored."""
    client = request.auth  # type: ignore[attr-defined]
    try:
        services.extract_file(system, file_kind)
    except services.UnknownExtract as exc:
        raise HttpError(404, str(exc)) from None
    if SYSTEM_OF_AGENCY.get(client.agency.kind) != system:
        raise HttpError(403, f"a {client.agency.get_kind_display().lower()} client cannot send {system} extracts")
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(
            422, "invalid", "The body is not UTF-8 text", [{"field": "body", "message": "is not UTF-8"}]
        ) from None
    result = services.ingest_stream(
        system,
        file_kind,
        io.StringIO(text, newline=""),
        source_name=f"api:{client.name}:{system}/{file_kind}",
        extracted_at=extracted_at or timezone.now(),
    )
    return result.summary()
