"""Dormant accounts: an account nobody has signed in to for a while is disabled, so that a leaver nobody told us
about, or a forgotten test account, cannot become a way in (reliability promise 10; the Hackney lesson)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.models import User

log = logging.getLogger("frontdoor.access.dormancy")


def disable_dormant_accounts(now: datetime | None = None) -> int:
    """Disable every active account with no sign-in, creation or re-enabling within the configured period
    (FRONTDOOR_DORMANT_ACCOUNT_DAYS; 0 disables nothing); return how many (a worker job)."""
    days = settings.FRONTDOOR_DORMANT_ACCOUNT_DAYS
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - timedelta(days=days)
    idle = (
        Q(is_active=True, date_joined__lt=cutoff)
        & (Q(last_login__isnull=True) | Q(last_login__lt=cutoff))
        & (Q(reactivated_at__isnull=True) | Q(reactivated_at__lt=cutoff))
    )
    with transaction.atomic():
        ids = list(User.objects.select_for_update().filter(idle).order_by("pk").values_list("pk", flat=True))
        # A bulk update: the rows are re-checked under the lock, and the sessions of a disabled user fail on their
        # next request (ActiveRoleMiddleware reads is_active afresh).
        User.objects.filter(pk__in=ids).filter(idle).update(is_active=False)
    for pk in ids:
        log.info("access.account_disabled_dormant user=%s days=%s", pk, days)
    return len(ids)
