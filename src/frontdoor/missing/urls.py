from django.urls import path

from frontdoor.missing import views

app_name = "missing"

EPISODE = "episodes/<str:reference>/"
INTERVIEW = "interviews/<str:reference>/"
CHILD = "children/<int:person_id>/"

urlpatterns = [
    path("", views.episodes, name="episodes"),
    path("episodes/new/", views.new_episode, name="new-episode"),
    path(EPISODE, views.episode, name="episode"),
    path(EPISODE + "category/", views.change_category, name="category"),
    path(EPISODE + "return/", views.record_return, name="return"),
    path(EPISODE + "close/", views.close, name="close"),
    path("interviews/", views.interviews, name="interviews"),
    path(INTERVIEW, views.interview, name="interview"),
    path(INTERVIEW + "offer/", views.offer, name="offer"),
    path(INTERVIEW + "findings/", views.findings, name="findings"),
    path(CHILD + "trigger-plan/", views.trigger_plan, name="trigger-plan"),
    path(CHILD + "trigger-plan/edit/", views.edit_trigger_plan, name="edit-trigger-plan"),
    path(CHILD + "care/", views.care, name="care"),
]
