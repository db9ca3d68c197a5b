from django.urls import path

from frontdoor.encompass import views

app_name = "encompass"

NOTICE = "notices/<str:reference>/"

urlpatterns = [
    path("", views.notices, name="notices"),
    path(NOTICE, views.notice, name="notice"),
    path(NOTICE + "acknowledge/", views.acknowledge, name="acknowledge"),
    path(NOTICE + "review/", views.review, name="review"),
    path("unmatched/", views.unmatched, name="unmatched"),
    path("unmatched/<int:pk>/", views.unmatched_child, name="unmatched-child"),
]
