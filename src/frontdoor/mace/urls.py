from django.urls import path

from frontdoor.mace import views, views_meeting

app_name = "mace"

urlpatterns = [
    path("", views.children, name="children"),
    path("entities/", views.entities, name="entities"),
    path("network/", views.network_page, name="network"),
    path("network/data/", views.network_data, name="network_data"),
    path("intelligence/", views.intelligence, name="intelligence"),
    path("intelligence/new/", views.new_intelligence, name="new_intelligence"),
    path("actions/", views.actions, name="actions"),
    path("actions/new/", views.new_action, name="new_action"),
    path("actions/<int:action_id>/", views.action, name="action"),
    path("meetings/", views_meeting.meetings, name="meetings"),
    path("meetings/<str:held_on>/", views_meeting.meeting, name="meeting"),
    path("meetings/<str:held_on>/items/<int:item_id>/", views_meeting.item, name="item"),
    path("meetings/<str:held_on>/minutes/", views_meeting.minutes, name="minutes"),
]
