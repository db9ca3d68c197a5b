from django.urls import path

from frontdoor.mash import views

app_name = "mash"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("referrals/<str:reference>/", views.referral, name="referral"),
    path("referrals/<str:reference>/decision/", views.decide, name="decide"),
    path("vists/<str:reference>/", views.vist, name="vist"),
    path("escalations/", views.escalations, name="escalations"),
    path("escalations/<int:escalation_id>/acknowledge/", views.acknowledge, name="acknowledge"),
]
