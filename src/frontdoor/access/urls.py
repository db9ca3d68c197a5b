from django.urls import path

from frontdoor.access import views, views_privacy, views_sign_in

app_name = "access"

urlpatterns = [
    path("sign-in/", views_sign_in.sign_in, name="sign-in"),
    path("sign-in/code/", views_sign_in.sign_in_code, name="sign-in-code"),
    path("sign-in/council/", views_sign_in.sso_start, name="sso-start"),
    path("sign-in/council/callback/", views_sign_in.sso_callback, name="oidc-callback"),
    path("sign-out/", views_sign_in.sign_out, name="sign-out"),
    path("two-factor/set-up/", views_sign_in.two_factor_set_up, name="two-factor-set-up"),
    path("two-factor/recovery-codes/", views_sign_in.recovery_codes, name="recovery-codes"),
    path("account/two-factor/", views_sign_in.account_two_factor, name="account-two-factor"),
    path("role/", views.choose_role, name="choose-role"),
    path("people/<int:person_id>/", views.person, name="person"),
    path("access/policy/", views_privacy.policy_matrix, name="policy"),
    path("access/people/<int:person_id>/break-glass/", views_privacy.break_glass, name="break-glass"),
    path("access/people/<int:person_id>/looks/", views_privacy.person_looks, name="looks"),
    path("access/break-glass/", views_privacy.break_glass_list, name="break-glass-list"),
    path("access/break-glass/<int:grant_id>/", views_privacy.break_glass_review, name="break-glass-review"),
    path("access/reviews/", views_privacy.unusual_access, name="reviews"),
]
