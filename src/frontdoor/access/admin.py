from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from frontdoor.access.models import ApiClient, RoleGrant, User
from frontdoor.core.admin import SiteRoleAdmin, SiteRolePermissions, SiteRoleTabularInline


class RoleGrantInline(SiteRoleTabularInline):
    model = RoleGrant
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_at", "revoked_at"]
    readonly_fields = ["granted_at"]


class UserAdmin(SiteRolePermissions, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "agency", "is_active"]
    list_filter = ["is_active", "agency__kind"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Agency", {"fields": ("agency", "job_title", "phone")}),
    )
    inlines = [RoleGrantInline]


class ApiClientAdmin(SiteRoleAdmin):
    list_display = ["name", "agency", "token_prefix", "active", "last_used_at"]
    readonly_fields = ["token_prefix", "token_hash", "created_at", "last_used_at"]


def register(site: admin.AdminSite) -> None:
    site.register(User, UserAdmin)
    site.register(ApiClient, ApiClientAdmin)
