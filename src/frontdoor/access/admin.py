from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access import throttle, two_factor
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
    actions = ["reset_two_factor"]

    @admin.action(description="Reset two-factor sign-in (lost authenticator app)")
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor.reset_two_factor(user, by_user_id=request.user.pk)
        self.message_user(request, f"Two-factor sign-in reset for {queryset.count()} account(s).", messages.SUCCESS)


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
    list_display = ["seq", "at", "actor", "active_role", "action", "person", "outcome", "basis"]
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


class SignInLockoutAdmin(ReadOnlyAdmin):
    """Usernames and addresses that have had wrong passwords (django-axes): unlocking deletes the row."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["=username", "=ip_address"]
    fields = ["username", "ip_address", "user_agent", "failures_since_start", "attempt_time", "path_info"]
    actions = ["unlock"]

    @admin.action(description="Unlock sign-in for the selected usernames and addresses")
    def unlock(self, request, queryset):
        count = throttle.unlock(list(queryset.values_list("pk", flat=True)), by_user_id=request.user.pk)
        self.message_user(request, f"Unlocked {count} sign-in lockout(s).", messages.SUCCESS)


class AuthenticatorAppAdmin(ReadOnlyAdmin):
    """Users' authenticator apps (TOTP): shown, never the secret; reset from the user's page."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at", "throttling_failure_count"]
    raw_id_fields = ["user"]


def register(site: admin.AdminSite) -> None:
    site.register(User, UserAdmin)
    site.register(ApiClient, ApiClientAdmin)
    site.register(AccessAudit, AccessAuditAdmin)
    site.register(BreakGlass, BreakGlassAdmin)
    site.register(LegitimateRelationship, LegitimateRelationshipAdmin)
    site.register(AccessAttempt, SignInLockoutAdmin)
    site.register(TOTPDevice, AuthenticatorAppAdmin)
