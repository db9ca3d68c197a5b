from django.urls import path

from frontdoor.reports import views

app_name = "reports"

urlpatterns = [
    path("scorecard/", views.scorecard, name="scorecard"),
    path("scorecard/fairness/", views.fairness, name="fairness"),
    path("scorecard/<slug:key>/<int:row>/", views.children, name="children"),
]
