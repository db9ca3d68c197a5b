from django.urls import path

from frontdoor.access import review_views, views

app_name = "access"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("role/", views.choose_role, name="choose-role"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("access/policy/", review_views.policy_matrix, name="policy"),
    path("access/people/<int:person_id>/break-glass/", review_views.break_glass, name="break-glass"),
    path("access/people/<int:person_id>/looks/", review_views.person_looks, name="looks"),
    path("access/break-glass/", review_views.break_glass_list, name="break-glass-list"),
    path("access/break-glass/<int:grant_id>/", review_views.break_glass_review, name="break-glass-review"),
    path("access/reviews/", review_views.unusual_access, name="reviews"),
]
