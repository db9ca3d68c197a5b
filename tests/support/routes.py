"""Every route the application answers, and which of them declare no permission (the architecture tests')."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from frontdoor.access.role_permissions import PERMISSIONS
from frontdoor.core.routes import PUBLIC, SIGNED_IN, declared_permission
from frontdoor.web.admin import admin_site


def walk(patterns=None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """(route, pattern) for every URL pattern, nested resolvers included."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def ninja_operations(callback) -> list | None:
    """The ninja operations behind a URL pattern's view, or None if it is not a ninja path view."""
    for cell in getattr(callback, "__closure__", None) or ():
        path_view = cell.cell_contents
        if hasattr(path_view, "operations"):
            return path_view.operations
    return None


def undeclared_operations(route: str, operations: Iterable) -> list[str]:
    """API operations with no authentication or no declared scope."""
    missing = []
    for op in operations:
        scope = declared_permission(op.view_func)
        if not (scope and scope.startswith("scope:") and op.auth_callbacks):
            missing.append(f"{route} {op.methods}: no auth or no declared scope")
    return missing


def undeclared_routes() -> list[str]:
    missing = []
    for route, pattern in walk():
        callback = pattern.callback
        permission = declared_permission(callback)
        if permission in {PUBLIC, SIGNED_IN} or permission in PERMISSIONS:
            continue
        owner = getattr(callback, "model_admin", None) or getattr(
            getattr(callback, "__wrapped__", None), "__self__", None
        )
        if getattr(callback, "admin_site", None) is admin_site or getattr(owner, "admin_site", None) is admin_site:
            continue  # the admin site lets in only the system administrator role (FrontdoorAdminSite)
        operations = ninja_operations(callback)
        if operations is not None:
            missing.extend(undeclared_operations(route, operations))
            continue
        missing.append(f"{route} ({getattr(callback, '__qualname__', callback)})")
    return missing
