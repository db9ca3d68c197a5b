from django.contrib import admin

from frontdoor.core.models import Clock, ClosureDay, InsetDay, OutboxMessage, SchoolCalendar, TermPeriod


class SiteRolePermissions:
    """Who may use the admin is decided by the admin site (the system administrator role), not per-model grants."""

    admin_site: admin.AdminSite

    def _allowed(self, request) -> bool:
        return self.admin_site.has_permission(request)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class SiteRoleAdmin(SiteRolePermissions, admin.ModelAdmin):
    pass


class SiteRoleTabularInline(SiteRolePermissions, admin.TabularInline):
    pass


class SiteRoleStackedInline(SiteRolePermissions, admin.StackedInline):
    pass


class TermPeriodInline(SiteRoleTabularInline):
    model = TermPeriod
    extra = 0


class InsetDayInline(SiteRoleTabularInline):
    model = InsetDay
    extra = 0


class SchoolCalendarAdmin(SiteRoleAdmin):
    list_display = ["name", "is_default"]
    inlines = [TermPeriodInline, InsetDayInline]


class ClosureDayAdmin(SiteRoleAdmin):
    list_display = ["date", "reason"]


class ClockAdmin(SiteRoleAdmin):
    list_display = ["rule", "subject_type", "subject_id", "due_at", "state"]
    list_filter = ["state", "rule"]
    readonly_fields = [f.name for f in Clock._meta.fields]

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OutboxMessageAdmin(SiteRoleAdmin):
    list_display = ["kind", "channel", "state", "attempts", "created_at"]
    list_filter = ["state", "channel", "kind"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request, *args):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def register(site: admin.AdminSite) -> None:
    site.register(SchoolCalendar, SchoolCalendarAdmin)
    site.register(ClosureDay, ClosureDayAdmin)
    site.register(Clock, ClockAdmin)
    site.register(OutboxMessage, OutboxMessageAdmin)
