"""The administration site, for system administrators acting in that role only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest
from django.shortcuts import redirect

from frontdoor.access.role_permissions import role_grants
from frontdoor.core.routes import ATTRIBUTE, PUBLIC


class FrontdoorAdminSite(admin.AdminSite):
    site_header = "frontdoor administration"
    site_title = "frontdoor administration"
    index_title = "Reference data and accounts"

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(
            request.user.is_active
            and request.user.is_authenticated
            and role_grants(getattr(request, "active_role", None), "admin.site")
        )

    def login(self, request, extra_context=None):
        # One way in: the service's own sign-in and role chooser.
        if request.user.is_authenticated:
            return redirect("access:choose-role")
        return redirect(f"/sign-in/?next={request.get_full_path()}")

    setattr(login, ATTRIBUTE, PUBLIC)  # it only redirects to the service's sign-in


admin_site = FrontdoorAdminSite(name="admin")


def _register_all() -> None:
    from frontdoor.access import admin as access_admin
    from frontdoor.core import admin as core_admin
    from frontdoor.missing import admin as missing_admin
    from frontdoor.people import admin as people_admin

    for module in (core_admin, people_admin, access_admin, missing_admin):
        module.register(admin_site)


_register_all()
