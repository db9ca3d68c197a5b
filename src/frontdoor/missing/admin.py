"""The force's missing categories on the admin site: the system administrator adds, renames or retires one (a code
the police feed sends; retired ones stay on the episodes that used them)."""

from django.contrib import admin

from frontdoor.core.admin import SiteRoleAdmin
from frontdoor.missing.models import Category


class CategoryAdmin(SiteRoleAdmin):
    list_display = ("label", "code", "risk", "ssda903_code", "order", "active")
    list_editable = ("order", "active")
    ordering = ("order", "label")


def register(site: admin.AdminSite) -> None:
    site.register(Category, CategoryAdmin)
