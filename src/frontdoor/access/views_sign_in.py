"""Signing in and out: the password, the second factor (setting it up, a code, recovery codes), single sign-on.

Until the second factor is given, the user is not signed in: the session holds only who is part-way through
(`PENDING_KEY`, for `PENDING_SECONDS`), so no page that needs a signed-in user opens for them.
"""

from __future__ import annotations

import logging
import math
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from frontdoor.access import selectors, two_factor
from frontdoor.access.forms import SecondFactorForm, SignInForm
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.access.oidc import SsoUnavailable, endpoint, sso_enabled
from frontdoor.access.permissions import public, signed_in

log = logging.getLogger(__name__)

PENDING_KEY = "frontdoor.sign_in.pending"
PENDING_SECONDS = 10 * 60
CODES_KEY = "frontdoor.recovery_codes"
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def redirect_to_role_chooser(next_url: str) -> HttpResponse:
    response = redirect("access:choose-role")
    if next_url and next_url != "/":
        response["Location"] += "?" + urlencode({"next": next_url})
    return response


def _sign_in_complete(request: HttpRequest, user: User, next_url: str, *, how: str, backend: str) -> HttpResponse:
    """Sign the user in (a new session key) and act in their role if they hold one; else choose one."""
    request.session.pop(PENDING_KEY, None)
    login(request, user, backend=backend)
    roles = selectors.list_roles(user)
    log.info("access.sign_in user=%s roles=%s how=%s", user.pk, len(roles), how)
    if len(roles) == 1:
        # One role: act in it straight away (a smartcard with one role needs no choice either).
        request.session[ACTIVE_ROLE_KEY] = roles[0]
        return redirect(next_url or "/")
    return redirect_to_role_chooser(next_url)


def _pending_user(request: HttpRequest) -> User | None:
    """Who has given a right password and still owes the second factor, if they did so lately."""
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - float(pending.get("since", 0)) > PENDING_SECONDS:
        return None
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None
    return User.objects.filter(pk=user_id, is_active=True).first()


def _pending_next(request: HttpRequest) -> str:
    pending = request.session.get(PENDING_KEY) or {}
    return str(pending.get("next") or "/")


@public
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        next_url = safe_next(request)
        if not two_factor.two_factor_required(user):
            return _sign_in_complete(request, user, next_url, how="password", backend=MODEL_BACKEND)
        request.session.cycle_key()  # the half-signed-in state gets a session key of its own
        request.session[PENDING_KEY] = {"user": user.pk, "since": time.time(), "next": next_url}
        log.info("access.sign_in_password_accepted user=%s", user.pk)
        if two_factor.has_two_factor(user):
            return redirect("access:sign-in-code")
        return redirect("access:two-factor-set-up")
    context = {
        "form": form,
        "next": safe_next(request, ""),
        "sso": sso_enabled(),
        "sso_name": settings.FRONTDOOR_OIDC_PROVIDER_NAME,
        "sso_failed": request.GET.get("sso") == "failed",
    }
    return render(request, "access/sign_in.html", context)


@signed_in
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    user_id = request.user.pk
    logout(request)  # deletes the session row: the old cookie no longer signs anyone in
    log.info("access.sign_out user=%s", user_id)
    messages.success(request, "You have signed out.")
    return redirect("access:sign-in")


def _wait_words(until) -> str:
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds())) if until else 1
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@public
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The second step: a code from the authenticator app, or a recovery code."""
    user = _pending_user(request)
    if user is None:
        return redirect("access:sign-in")
    if not two_factor.has_two_factor(user):
        return redirect("access:two-factor-set-up")
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = two_factor.verify_second_factor(user, form.cleaned_data["code"])
        if result.verdict in (two_factor.Verdict.ACCEPTED, two_factor.Verdict.RECOVERY_CODE_USED):
            response = _sign_in_complete(request, user, _pending_next(request), how="totp", backend=MODEL_BACKEND)
            if result.verdict is two_factor.Verdict.RECOVERY_CODE_USED:
                left = two_factor.count_unused_recovery_codes(user)
                messages.info(
                    request,
                    f"You signed in with a recovery code, which cannot be used again. You have {left} left. "
                    "If you have lost your authenticator app, ask your system administrator to reset it.",
                )
            return response
        if result.verdict is two_factor.Verdict.WAIT:
            form.add_error(
                "code", f"You have entered too many wrong codes. Wait {_wait_words(result.wait_until)} and try again"
            )
        else:
            form.add_error("code", "Enter the 6-digit code your authenticator app shows now, or a recovery code")
    return render(request, "access/sign_in_code.html", {"form": form})


def _enrolling_user(request: HttpRequest) -> tuple[User | None, bool]:
    """The user setting up their app: part-way through signing in, or signed in already (and whether pending)."""
    pending = _pending_user(request)
    if pending is not None:
        return pending, True
    if request.user.is_authenticated:
        return request.user, False
    return None, False


@public
@require_http_methods(["GET", "POST"])
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: a QR code (and the secret as text), then a code from the app to confirm it."""
    user, pending = _enrolling_user(request)
    if user is None:
        return redirect("access:sign-in")
    if two_factor.has_two_factor(user):
        return redirect("access:sign-in-code" if pending else "access:account-two-factor")
    device = two_factor.start_enrolment(user)
    form = SecondFactorForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(user, form.cleaned_data["code"])
        if codes is not None:
            if pending:
                after = _sign_in_complete(request, user, _pending_next(request), how="totp", backend=MODEL_BACKEND)
                request.session[CODES_KEY] = {"codes": codes, "next": after["Location"]}
            else:
                request.session[CODES_KEY] = {"codes": codes, "next": reverse("access:account-two-factor")}
            return redirect("access:recovery-codes")
        form.add_error("code", "Enter the 6-digit code your authenticator app shows now")
    context = {
        "form": form,
        "qr_svg": two_factor.setup_qr_svg(device),
        "secret": two_factor.secret_for_typing(device),
        "pending": pending,
    }
    return render(request, "access/two_factor_set_up.html", context)


@signed_in
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once: the page forgets them as it shows them."""
    shown = request.session.pop(CODES_KEY, None)
    if not isinstance(shown, dict) or not shown.get("codes"):
        return redirect("access:account-two-factor")
    return render(request, "access/recovery_codes.html", {"codes": shown["codes"], "next": shown["next"]})


@signed_in
@require_http_methods(["GET", "POST"])
def account_two_factor(request: HttpRequest) -> HttpResponse:
    """The signed-in user's two-factor sign-in: set it up, or replace their recovery codes."""
    user: User = request.user  # type: ignore[assignment]
    enrolled = two_factor.has_two_factor(user)
    if request.method == "POST" and enrolled:
        codes = two_factor.issue_recovery_codes(user)
        request.session[CODES_KEY] = {"codes": codes, "next": reverse("access:account-two-factor")}
        return redirect("access:recovery-codes")
    context = {
        "enrolled": enrolled,
        "required": settings.FRONTDOOR_TWO_FACTOR == "required",
        "unused": two_factor.count_unused_recovery_codes(user) if enrolled else 0,
    }
    return render(request, "access/account_two_factor.html", context)


# --- Single sign-on -------------------------------------------------------------------------------------------


class _SsoStart(OIDCAuthenticationRequestView):
    @staticmethod
    def get_settings(attr, *args):
        if attr == "OIDC_OP_AUTHORIZATION_ENDPOINT":
            return endpoint("authorization_endpoint")
        return import_from_settings(attr, *args)


class _SsoCallback(OIDCAuthenticationCallbackView):
    def login_success(self) -> HttpResponse:
        next_url = self.request.session.get("oidc_login_next") or "/"
        backend = getattr(self.user, "backend", "frontdoor.access.oidc.CouncilOidcBackend")
        return _sign_in_complete(self.request, self.user, next_url, how="sso", backend=backend)

    def login_failure(self) -> HttpResponse:
        return redirect(reverse("access:sign-in") + "?sso=failed")


_sso_start = _SsoStart.as_view()
_sso_callback = _SsoCallback.as_view()


def _sso_unavailable(request: HttpRequest) -> HttpResponse:
    context = {"sso_name": settings.FRONTDOOR_OIDC_PROVIDER_NAME}
    return render(request, "access/sso_unavailable.html", context, status=503)


@public
@require_http_methods(["GET"])
def sso_start(request: HttpRequest) -> HttpResponse:
    """Send the browser to the council's identity provider (the code flow, with state, nonce and PKCE)."""
    if not sso_enabled():
        raise Http404("single sign-on is not configured")
    try:
        return _sso_start(request)
    except SsoUnavailable:
        return _sso_unavailable(request)


@public
@require_http_methods(["GET"])
def sso_callback(request: HttpRequest) -> HttpResponse:
    """Where the identity provider sends the browser back with a code, exchanged here for the ID token."""
    if not sso_enabled():
        raise Http404("single sign-on is not configured")
    try:
        return _sso_callback(request)
    except SsoUnavailable:
        return _sso_unavailable(request)
