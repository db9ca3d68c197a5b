from django.contrib import admin

from frontdoor.core.models import Clock, ClosureDay, InsetDay, OutboxMessage, SchoolCalendar, TermPeriod


class TermPeriodInline(admin.TabularInline):
    model = TermPeriod
    extra = 0


class InsetDayInline(admin.TabularInline):
    model = InsetDay
    extra = 0


class SchoolCalendarAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    inlines = [TermPeriodInline, InsetDayInline]


class ClosureDayAdmin(admin.ModelAdmin):
    list_display = ["date", "reason"]


class ClockAdmin(admin.ModelAdmin):
    list_display = ["rule", "subject_type", "subject_id", "due_at", "state"]
    list_filter = ["state", "rule"]
    readonly_fields = [f.name for f in Clock._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["kind", "channel", "state", "attempts", "created_at"]
    list_filter = ["state", "channel", "kind"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False


def register(site: admin.AdminSite) -> None:
    site.register(SchoolCalendar, SchoolCalendarAdmin)
    site.register(ClosureDay, ClosureDayAdmin)
    site.register(Clock, ClockAdmin)
    site.register(OutboxMessage, OutboxMessageAdmin)
