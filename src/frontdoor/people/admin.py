from django.contrib import admin

from frontdoor.core.admin import SiteRoleAdmin, SiteRoleStackedInline
from frontdoor.people.models import Agency, School


class SchoolInline(SiteRoleStackedInline):
    model = School
    extra = 0


class AgencyAdmin(SiteRoleAdmin):
    list_display = ["name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "ods_code"]
    inlines = [SchoolInline]


class SchoolAdmin(SiteRoleAdmin):
    list_display = ["agency", "urn", "phase", "dsl_name"]
    list_filter = ["phase", "independent"]
    search_fields = ["agency__name", "urn"]


def register(site: admin.AdminSite) -> None:
    # People's records are not edited here: they are read through `access`, which audits every look.
    site.register(Agency, AgencyAdmin)
    site.register(School, SchoolAdmin)
