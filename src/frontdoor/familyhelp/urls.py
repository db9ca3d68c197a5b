from django.urls import path

from frontdoor.familyhelp import views

app_name = "familyhelp"

FAMILY = "families/<str:reference>/"

urlpatterns = [
    path("", views.triage_list, name="triage"),
    path("waiting/", views.waiting_list, name="waiting"),
    path("waiting/alert/", views.alert_list, name="alerts"),
    path("allocated/", views.allocated_list, name="allocated"),
    path(FAMILY, views.family, name="family"),
    path(FAMILY + "triage/", views.triage, name="triage-family"),
    path(FAMILY + "duty-worker/", views.duty_worker, name="duty-worker"),
    path(FAMILY + "allocate/", views.allocate, name="allocate"),
    path(FAMILY + "step-up/", views.step_up, name="step-up"),
]
