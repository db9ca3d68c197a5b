"""The shell's one write: a user opening one of their notifications marks it read."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.core.models import Notification


def open_notification(user: User, notification_id: int) -> Notification:
    """Mark the user's notification read (the first time) and return it; raises Notification.DoesNotExist for
    anyone else's."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().get(pk=notification_id, user=user)
        if notification.read_at is None:
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
        return notification
