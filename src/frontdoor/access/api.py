"""API routes about the calling client itself."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from frontdoor.core.api import ErrorBody, requires_scope

router = Router(tags=["Clients"])


class WhoAmI(Schema):
    client: str
    agency: str
    agency_kind: str
    scopes: list[str]


@router.get(
    "/whoami",
    response={200: WhoAmI, 401: ErrorBody, 403: ErrorBody, 503: ErrorBody},
    summary="Which client this token belongs to",
)
@requires_scope("whoami")
def whoami(request: HttpRequest) -> WhoAmI:
    client = request.auth  # type: ignore[attr-defined]
    return WhoAmI(client=client.name, agency=client.agency.name, agency_kind=client.agency.kind, scopes=client.scopes)
