from __future__ import annotations

from frontdoor.access.models import User
from frontdoor.core.models import Notification


def list_unread_notifications(user: User, limit: int = 10) -> list[Notification]:
    return list(Notification.objects.filter(user=user, read_at__isnull=True).order_by("-created_at", "-id")[:limit])


def list_notifications(user: User, limit: int = 100) -> list[Notification]:
    """The user's notifications, read and unread, newest first."""
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-id")[:limit])
