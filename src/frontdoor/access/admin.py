from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.access import services, throttle, two_factor
from frontdoor.access.models import (
    AccessAudit,
    ApiClient,
    BreakGlass,
    LegitimateRelationship,
    RoleGrant,
    RoleGrantRequest,
    User,
)
from frontdoor.core.admin import SiteRoleAdmin, SiteRolePermissions, SiteRoleTabularInline


class RoleGrantInline(SiteRoleTabularInline):
    """A user's roles. A new one goes through `services.grant_role_as_administrator` (see UserAdmin.save_formset);
    an administrator's own roles cannot be changed here at all."""

    model = RoleGrant
    fk_name = "user"
    extra = 0
    fields = ["role", "granted_at", "granted_by", "revoked_at"]
    readonly_fields = ["granted_at", "granted_by"]

    def _own(self, request, obj) -> bool:
        return obj is not None and obj.pk == request.user.pk

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not self._own(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # a role is revoked (kept, dated), never deleted


class UserAdmin(SiteRolePermissions, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "agency", "is_active"]
    list_filter = ["is_active", "agency__kind"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        ("Agency", {"fields": ("agency", "job_title", "phone", "home_postcode")}),
    )
    inlines = [RoleGrantInline]
    actions = ["reset_two_factor"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not RoleGrant:
            return super().save_formset(request, form, formset, change)
        for grant in formset.save(commit=False):
            if grant.pk is not None:
                grant.save()  # a revocation
                continue
            try:
                made = services.grant_role_as_administrator(request.user, grant.user, grant.role)
            except services.GrantRefused as refused:
                self.message_user(request, str(refused), messages.ERROR)
                continue
            if isinstance(made, RoleGrantRequest):
                self.message_user(
                    request,
                    f"The {made.get_role_display()} role reads children's records: it takes effect when a second "
                    "administrator approves it under Roles waiting for a second administrator.",
                    messages.WARNING,
                )
        formset.save_m2m()
        return None

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
    raw_id_fields = ["person", "user"]
    readonly_fields = ["added_by"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)  # ending one
        try:
            services.add_relationship_as_administrator(request.user, obj)
        except services.GrantRefused as refused:
            self.message_user(request, str(refused), messages.ERROR)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        if obj.pk is None:  # refused: nothing was saved, so there is nothing to show
            return HttpResponseRedirect(reverse("admin:access_legitimaterelationship_changelist"))
        return super().response_add(request, obj, post_url_continue)


class RoleGrantRequestAdmin(ReadOnlyAdmin):
    """Roles that read children's records, waiting for a second administrator to approve or refuse them."""

    list_display = ["user", "role", "requested_by", "requested_at", "approved", "decided_by", "decided_at"]
    list_filter = ["approved"]
    actions = ["approve", "refuse"]

    def _decide(self, request, queryset, approve: bool) -> None:
        for waiting in queryset:
            try:
                services.decide_role_request(request.user, waiting.pk, approve=approve)
            except services.GrantRefused as refused:
                self.message_user(request, f"{waiting.user}: {refused}", messages.ERROR)
            else:
                verb = "approved" if approve else "refused"
                self.message_user(request, f"{waiting.user}: the {waiting.get_role_display()} role {verb}.")

    @admin.action(description="Approve the selected roles")
    def approve(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(description="Refuse the selected roles")
    def refuse(self, request, queryset):
        self._decide(request, queryset, approve=False)


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
    site.register(RoleGrantRequest, RoleGrantRequestAdmin)
    site.register(AccessAttempt, SignInLockoutAdmin)
    site.register(TOTPDevice, AuthenticatorAppAdmin)
