"""Every route declares who may use it; an architecture test fails on any route that does not.

Web views use `requires("permission")`, `signed_in` or `public`; API operations use `requires_scope`. The
permission a role grants comes from `frontdoor.access.role_permissions`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from frontdoor.access.role_permissions import PERMISSIONS, role_grants
from frontdoor.core.routes import PUBLIC, SIGNED_IN, declare


def public(view: Callable) -> Callable:
    """Open to anyone, signed in or not (sign-in, health check, error pages). Shows no personal data."""
    return declare(view, PUBLIC)


def signed_in(view: Callable) -> Callable:
    """Any signed-in user, before they have chosen a role (the role chooser, sign out)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return declare(wrapper, SIGNED_IN)


def requires(permission: str) -> Callable[[Callable], Callable]:
    """Signed in, acting in a role, and that role grants `permission`; otherwise 403 (or sign in / choose role)."""
    if permission not in PERMISSIONS:
        raise KeyError(f"undeclared permission {permission!r}: add it to frontdoor.access.role_permissions")

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            role = getattr(request, "active_role", None)
            if role is None:
                return redirect(reverse("access:choose-role") + "?" + urlencode({"next": request.get_full_path()}))
            if not role_grants(role, permission):
                raise PermissionDenied(permission)
            return view(request, *args, **kwargs)

        return declare(wrapper, permission)

    return decorate
