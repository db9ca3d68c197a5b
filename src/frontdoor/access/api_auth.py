"""The partner API's bearer-token authentication: which active client a token belongs to."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from frontdoor.access import services
from frontdoor.access.models import ApiClient


class ApiTokenAuth(HttpBearer):
    """Authorization: Bearer <token>, checked against the hashed tokens of active clients."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiClient | None:
        return services.authenticate_api_token(token)
