"""Reads for the partner API: an establishment's own notifications, never another's."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from frontdoor.encompass.models import Notice, NoticeStatus
from frontdoor.people.models import Agency

RECENT = timedelta(days=30)


def _of(agency: Agency | None):
    if agency is None:
        return Notice.objects.none()
    return Notice.objects.filter(school__agency=agency).exclude(status=NoticeStatus.AWAITING_REVIEW)


def list_establishment_notices(agency: Agency | None) -> list[Notice]:
    recent = Q(status=NoticeStatus.SENT) | Q(acknowledged_at__gte=timezone.now() - RECENT)
    return list(_of(agency).filter(recent).select_related("incident", "child").order_by("due_at", "id"))


def find_establishment_notice(agency: Agency | None, reference: str) -> Notice | None:
    return _of(agency).filter(reference=reference).select_related("incident", "child").first()
