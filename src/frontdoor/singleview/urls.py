from django.urls import path

from frontdoor.singleview import views, views_disability, views_identifier

app_name = "singleview"

urlpatterns = [
    path("record/<int:person_id>/", views.person, name="person"),
    path("search/", views.search, name="search"),
    path("record/<int:person_id>/subject-access/", views.subject_access, name="subject-access"),
    path(
        "record/<int:person_id>/nhs-number-absence/",
        views_identifier.nhs_number_absence,
        name="nhs-number-absence",
    ),
    path("record/<int:person_id>/disability/", views_disability.disability, name="disability"),
]
