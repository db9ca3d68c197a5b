"""Stamp each sign-in, whatever the route to it, so the session's absolute limit can be enforced."""

from __future__ import annotations

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from frontdoor.access.middleware import SIGNED_IN_AT_KEY


@receiver(user_logged_in)
def stamp_sign_in(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_KEY] = time.time()
