from django.urls import path

from frontdoor.mash import views

app_name = "mash"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("referrals/<str:reference>/", views.referral, name="referral"),
    path("referrals/<str:reference>/decision/", views.decide, name="decide"),
]
