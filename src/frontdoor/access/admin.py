from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from frontdoor.access.models import AccessAudit, ApiClient, BreakGlass, LegitimateRelationship, RoleGrant, User
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
        ("Agency", {"fields": ("agency", "job_title", "phone", "home_postcode")}),
    )
    inlines = [RoleGrantInline]


class ApiClientAdmin(SiteRoleAdmin):
    list_display = ["name", "agency", "token_prefix", "active", "last_used_at"]
    readonly_fields = ["token_prefix", "token_hash", "created_at", "last_used_at"]


class ReadOnlyAdmin(SiteRoleAdmin):
    """Shown, never changed: the application cannot alter these rows, and neither can the admin site."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AccessAuditAdmin(ReadOnlyAdmin):
    list_display = ["seal__seq", "at", "actor", "active_role", "action", "person", "outcome", "basis"]
    list_select_related = ["seal", "actor", "person"]
    list_filter = ["outcome", "action", "basis"]
    search_fields = ["=person__id", "=actor__username", "=request_id"]
    show_full_result_count = False


class BreakGlassAdmin(ReadOnlyAdmin):
    list_display = ["reference", "granted_at", "user", "role", "person", "review"]
    list_filter = ["review"]


class LegitimateRelationshipAdmin(SiteRoleAdmin):
    list_display = ["person", "kind", "user", "agency", "role", "started_at", "ended_at"]
    list_filter = ["kind"]
    raw_id_fields = ["person", "user", "added_by"]


def register(site: admin.AdminSite) -> None:
    site.register(User, UserAdmin)
    site.register(ApiClient, ApiClientAdmin)
    site.register(AccessAudit, AccessAuditAdmin)
    site.register(BreakGlass, BreakGlassAdmin)
    site.register(LegitimateRelationship, LegitimateRelationshipAdmin)
