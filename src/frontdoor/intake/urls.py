from django.urls import path

from frontdoor.intake import views, views_compliance, views_mine, views_people

app_name = "intake"

DRAFT = "referrals/drafts/<uuid:draft_id>/"

urlpatterns = [
    path("referrals/", views_mine.my_referrals, name="mine"),
    path("vist-compliance/", views_compliance.missing, name="vist-compliance"),
    path("vist-compliance/lag/", views_compliance.lag, name="vist-lag"),
    path("referrals/new/", views.start, name="start"),
    path(DRAFT, views.resume, name="resume"),
    path(DRAFT + "referrer/", views.section, {"name": "referrer"}, name="referrer"),
    path(DRAFT + "children/", views_people.children, name="children"),
    path(DRAFT + "children/<slug:item_id>/", views_people.child, name="child"),
    path(DRAFT + "children/<slug:item_id>/wishes/", views_people.child_wishes, name="child-wishes"),
    path(DRAFT + "children/<slug:item_id>/remove/", views_people.remove, {"kind": "children"}, name="remove-child"),
    path(DRAFT + "adults/", views_people.adults, name="adults"),
    path(DRAFT + "adults/<slug:item_id>/", views_people.adult, name="adult"),
    path(DRAFT + "adults/<slug:item_id>/remove/", views_people.remove, {"kind": "adults"}, name="remove-adult"),
    path(DRAFT + "concern/", views.section, {"name": "concern"}, name="concern"),
    path(DRAFT + "issues/", views.section, {"name": "issues"}, name="issues"),
    path(DRAFT + "level/", views.section, {"name": "level"}, name="level"),
    path(DRAFT + "consent/", views.section, {"name": "consent"}, name="consent"),
    path(DRAFT + "check/", views.check, name="check"),
    path(DRAFT + "autosave/<str:page_key>/", views.autosave, name="autosave"),
    path("referrals/<str:reference>/", views_mine.detail, name="detail"),
    path("referrals/<str:reference>/sent/", views_mine.sent, name="sent"),
]
