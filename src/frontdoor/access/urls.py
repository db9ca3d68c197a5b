from django.urls import path

from frontdoor.access import views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("role/", views.choose_role, name="choose-role"),
    path("people/<int:person_id>/", views.person, name="person"),
]
