"""Architecture: every route declares who may use it, and the declarations are enforced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from frontdoor.access.role_permissions import PERMISSIONS
from frontdoor.core.routes import PUBLIC, SIGNED_IN, declared_permission
from frontdoor.web.admin import admin_site


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry


def _ninja_operations(callback) -> list | None:
    """The ninja operations behind a URL pattern's view, or None if it is not a ninja path view."""
    for cell in getattr(callback, "__closure__", None) or ():
        path_view = cell.cell_contents
        if hasattr(path_view, "operations"):
            return path_view.operations
    return None


def undeclared_routes() -> list[str]:
    missing = []
    for route, pattern in _walk(get_resolver().url_patterns):
        callback = pattern.callback
        permission = declared_permission(callback)
        if permission in {PUBLIC, SIGNED_IN} or permission in PERMISSIONS:
            continue
        owner = getattr(callback, "model_admin", None) or getattr(
            getattr(callback, "__wrapped__", None), "__self__", None
        )
        if getattr(callback, "admin_site", None) is admin_site or getattr(owner, "admin_site", None) is admin_site:
            continue  # the admin site lets in only the system administrator role (FrontdoorAdminSite)
        operations = _ninja_operations(callback)
        if operations is not None:
            for op in operations:
                scope = declared_permission(op.view_func)
                if not (scope and scope.startswith("scope:") and op.auth_callbacks):
                    missing.append(f"{route} {op.methods}: no auth or no declared scope")
            continue
        missing.append(f"{route} ({getattr(callback, '__qualname__', callback)})")
    return missing


def test_every_route_declares_its_permission() -> None:
    assert undeclared_routes() == []


def test_the_walk_sees_every_kind_of_route() -> None:
    routes = [route for route, _ in _walk(get_resolver().url_patterns)]
    assert "sign-in/" in routes
    assert any(r.startswith("admin/") for r in routes)
    assert any(r.startswith("api/v1/") and "whoami" in r for r in routes)


def test_an_undeclared_view_is_caught(settings) -> None:
    """The architecture test would fail if a view forgot its declaration."""
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    import frontdoor.urls as root

    def naked(request):
        return HttpResponse("no declaration")

    original = list(root.urlpatterns)
    root.urlpatterns.append(path("naked/", naked))
    clear_url_caches()
    try:
        assert any("naked/" in r for r in undeclared_routes())
    finally:
        root.urlpatterns[:] = original
        clear_url_caches()


def test_an_api_operation_without_a_scope_is_caught() -> None:
    from ninja import Router

    router = Router()

    @router.get("/unscoped")
    def unscoped(request):
        return {}

    op = router.path_operations["/unscoped"].operations[0]
    assert declared_permission(op.view_func) is None


@pytest.mark.django_db
def test_admin_is_only_for_the_system_administrator(client, sign_in_as) -> None:
    sign_in_as("mash_manager")
    assert client.get("/admin/").status_code == 302  # to the role chooser: this role may not administer
    sign_in_as("system_administrator")
    response = client.get("/admin/", follow=False)
    assert response.status_code == 200
