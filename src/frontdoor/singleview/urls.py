from django.urls import path

from frontdoor.singleview import views

app_name = "singleview"

urlpatterns = [
    path("record/<int:person_id>/", views.person, name="person"),
    path("search/", views.search, name="search"),
    path("record/<int:person_id>/subject-access/", views.subject_access, name="subject-access"),
]
