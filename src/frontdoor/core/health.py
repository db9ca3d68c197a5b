"""Is the service able to do its work? The health check writes, as every referral must."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from frontdoor.core.models import Heartbeat


def write_heartbeat() -> None:
    """Store one small write and commit it; raises the database's error when a write cannot be stored."""
    with transaction.atomic():
        Heartbeat.objects.update_or_create(pk=1, defaults={"at": timezone.now()})
