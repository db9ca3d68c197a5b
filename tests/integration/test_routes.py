"""Architecture: every route declares who may use it, and the declarations are enforced."""

from __future__ import annotations

import pytest
from ninja import NinjaAPI

from frontdoor.access.api_auth import ApiTokenAuth
from frontdoor.core.api import requires_scope
from support.routes import ninja_operations, undeclared_operations, undeclared_routes, walk


def test_every_route_declares_its_permission() -> None:
    assert undeclared_routes() == []


def test_the_walk_sees_every_kind_of_route() -> None:
    routes = [route for route, _ in walk()]
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


def test_an_api_operation_without_a_scope_or_without_auth_is_caught() -> None:
    from ninja import Router

    router = Router()

    @router.get("/unscoped")
    def unscoped(request):
        return {}

    @router.get("/open", auth=None)
    @requires_scope("whoami")
    def scoped_but_open(request):
        return {}

    @router.get("/declared")
    @requires_scope("whoami")
    def declared(request):
        return {}

    # Mounted as the real API mounts its routers (with its token auth), then found as undeclared_routes finds them.
    scratch = NinjaAPI(auth=ApiTokenAuth(), urls_namespace="architecture-test")
    scratch.add_router("/", router)
    found = {}
    for pattern in scratch.urls[0]:
        operations = ninja_operations(pattern.callback)
        if operations is not None:
            found[str(pattern.pattern)] = undeclared_operations(str(pattern.pattern), operations)
    assert found["unscoped"] and found["open"]
    assert found["declared"] == []


@pytest.mark.django_db
def test_admin_is_only_for_the_system_administrator(client, sign_in_as) -> None:
    sign_in_as("mash_manager")
    assert client.get("/admin/").status_code == 302  # to the role chooser: this role may not administer
    sign_in_as("system_administrator")
    response = client.get("/admin/", follow=False)
    assert response.status_code == 200
