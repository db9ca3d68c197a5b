from django.urls import path

from frontdoor.reports import views, views_exports, views_validation

app_name = "reports"

urlpatterns = [
    path("scorecard/", views.scorecard, name="scorecard"),
    path("scorecard/fairness/", views.fairness, name="fairness"),
    path("scorecard/<slug:key>/<int:row>/", views.children, name="children"),
    path("returns/check/", views_validation.check, name="returns-check"),
    path("annual/", views_exports.annual_page, name="annual"),
    path("exports/", views_exports.exports_page, name="exports"),
]
