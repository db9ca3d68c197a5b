"""Sign-in throttling (django-axes): the lockout page, and log lines that name no one.

Axes counts wrong passwords per username and address (settings: FRONTDOOR_SIGN_IN_FAILURE_LIMIT and
FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES). The lockout page says the same whether or not the account exists, and whether
or not the last password was right. An administrator unlocks by deleting the access attempt in the admin site.
"""

from __future__ import annotations

import logging

from axes.backends import AxesStandaloneBackend
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

log = logging.getLogger(__name__)


class SignInThrottleBackend(AxesStandaloneBackend):
    """Axes' lockout check, for every sign-in over HTTP (each passes its request). A password checked with no request
    (a command or a test asking whether a password is right) has no address to count by: axes would raise, so it is
    let through to the password check, and nothing is counted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def client_str(username, ip_address, user_agent, path_info, request) -> str:
    """What axes writes into its own log lines about who tried: nothing personal (no username, no address)."""
    return "a sign-in client"


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None, credentials=None) -> HttpResponse:
    """The lockout page, answered 429 in place of whatever the sign-in would have answered."""
    minutes = settings.FRONTDOOR_SIGN_IN_LOCKOUT_MINUTES
    response = render(request, "access/locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


@receiver(user_locked_out)
def record_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """A static event name with the attempt's id: the username and address stay in the attempt row."""
    attempt = AccessAttempt.objects.filter(username=username, ip_address=ip_address).only("pk").first()
    log.warning("access.sign_in_locked_out attempt=%s", attempt.pk if attempt else None)


def unlock(attempt_ids: list[int], by_user_id: int | None) -> int:
    """Unlock sign-in for these attempts' username and address (an administrator's action): the count starts again."""
    with transaction.atomic():
        ids = list(AccessAttempt.objects.filter(pk__in=attempt_ids).values_list("pk", flat=True))
        AccessAttempt.objects.filter(pk__in=ids).delete()
    for attempt_id in ids:
        log.info("access.sign_in_unlocked attempt=%s by=%s", attempt_id, by_user_id)
    return len(ids)
