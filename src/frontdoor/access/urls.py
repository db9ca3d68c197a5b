from django.urls import path

from frontdoor.access import views, views_privacy

app_name = "access"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("role/", views.choose_role, name="choose-role"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("access/policy/", views_privacy.policy_matrix, name="policy"),
    path("access/people/<int:person_id>/break-glass/", views_privacy.break_glass, name="break-glass"),
    path("access/people/<int:person_id>/looks/", views_privacy.person_looks, name="looks"),
    path("access/break-glass/", views_privacy.break_glass_list, name="break-glass-list"),
    path("access/break-glass/<int:grant_id>/", views_privacy.break_glass_review, name="break-glass-review"),
    path("access/reviews/", views_privacy.unusual_access, name="reviews"),
]
