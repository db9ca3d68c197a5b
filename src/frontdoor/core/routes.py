"""How a route says who may use it: a web view or an API operation carries one declared permission, which an
architecture test reads from every route. What each permission means is `access`'s business; the declaring is
here so that every app, however low, can declare its routes."""

from __future__ import annotations

from collections.abc import Callable

PUBLIC = "public"
SIGNED_IN = "signed-in"
ATTRIBUTE = "frontdoor_permission"


def declared_permission(view: Callable) -> str | None:
    return getattr(view, ATTRIBUTE, None)


def declare(view: Callable, permission: str) -> Callable:
    setattr(view, ATTRIBUTE, permission)
    return view
