from django.urls import include, path

from frontdoor.api import api_urls
from frontdoor.web import views as web_views
from frontdoor.web.admin import admin_site

urlpatterns = [
    path("", include("frontdoor.web.urls")),
    path("", include("frontdoor.access.urls")),
    path("", include("frontdoor.intake.urls")),
    path("mash/", include("frontdoor.mash.urls")),
    path("family-help/", include("frontdoor.familyhelp.urls")),
    path("encompass/", include("frontdoor.encompass.urls")),
    path("missing/", include("frontdoor.missing.urls")),
    path("exploitation/", include("frontdoor.exploitation.urls")),
    path("mace/", include("frontdoor.mace.urls")),
    path("reports/", include("frontdoor.reports.urls")),
    path("", include("frontdoor.singleview.urls")),
    path("admin/", admin_site.urls),
    path("api/v1/", api_urls()),
]

handler403 = web_views.forbidden
handler404 = web_views.not_found
handler500 = web_views.server_error
