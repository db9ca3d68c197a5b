"""The transactional outbox: notifications written with the change they announce, delivered by the worker.

Delivery is at least once; the in-app inbox is idempotent on the message, so a retried delivery shows once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from frontdoor.core.models import Notification, OutboxChannel, OutboxMessage, OutboxState

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
# Retries come quickly and stop soon: a message is delivered or dead-lettered (loudly) within minutes.
RETRY_BASE_SECONDS = 5
RETRY_MAX_SECONDS = 60
# How long a worker holds an e-mail it has claimed but not yet marked sent: longer than any SMTP timeout.
EMAIL_LEASE = timedelta(minutes=5)


def _email_body(message: OutboxMessage) -> str:
    """The body, and a link to the item behind the sign-in: the e-mail itself carries no personal data."""
    if not message.link_path:
        return message.body
    return f"{message.body}\n\nSign in to see it: {settings.FRONTDOOR_BASE_URL.rstrip('/')}{message.link_path}"


@dataclass(frozen=True)
class Message:
    kind: str
    dedupe_key: str
    subject: str
    recipient: Any = None
    recipient_email: str = ""
    body: str = ""
    link_path: str = ""
    channel: str = OutboxChannel.IN_APP


def enqueue_all(messages: list[Message]) -> None:
    """Add messages to the outbox inside the caller's transaction, in one insert; a dedupe key queues only once."""
    now = timezone.now()
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                kind=m.kind,
                dedupe_key=m.dedupe_key,
                channel=m.channel,
                recipient=m.recipient,
                recipient_email=m.recipient_email,
                subject=m.subject,
                body=m.body,
                link_path=m.link_path,
                next_attempt_at=now,
            )
            for m in messages
        ],
        ignore_conflicts=True,
    )


def enqueue(**fields: Any) -> OutboxMessage:
    """Add one message (see Message for the fields) and return it, whether new or queued before."""
    enqueue_all([Message(**fields)])
    return OutboxMessage.objects.get(dedupe_key=fields["dedupe_key"])


def deliver_due(now: datetime | None = None, batch: int = 100) -> int:
    """Deliver pending messages whose time has come; return how many were delivered.

    In-app messages are delivered inside a short transaction (they are rows). An e-mail is claimed in that
    transaction (leased for EMAIL_LEASE, so no other worker takes it), sent after it commits, with no database lock
    held while the mail server answers, and marked in another short transaction. A worker that dies between sending
    and marking leaves the lease to run out, and the message is sent again: delivery is at least once.
    """
    now = now or timezone.now()
    delivered = 0
    while True:
        claimed: list[OutboxMessage] = []
        with transaction.atomic():
            due = list(
                OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(state=OutboxState.PENDING, next_attempt_at__lte=now)
                .select_related("recipient")
                .order_by("next_attempt_at", "id")[:batch]
            )
            for message in due:
                if _undeliverable(message):
                    continue
                if message.channel == OutboxChannel.IN_APP:
                    delivered += _settle(message, now, _notify(message))
                else:
                    message.next_attempt_at = now + EMAIL_LEASE
                    message.save(update_fields=["next_attempt_at"])
                    claimed.append(message)
        for message in claimed:
            failure = _send_email(message)  # outside any transaction: no lock waits on the mail server
            with transaction.atomic():
                delivered += _settle(message, now, failure)
        if len(due) < batch:
            return delivered


def _undeliverable(message: OutboxMessage) -> bool:
    recipient = message.recipient
    if recipient is not None and not recipient.is_active:
        _dead_letter(message, "recipient is no longer active")
        return True
    address = message.recipient_email or (recipient.email if recipient is not None else "")
    if (message.channel == OutboxChannel.IN_APP and recipient is None) or not (recipient or address):
        _dead_letter(message, "no recipient for this channel")
        return True
    return False


def _notify(message: OutboxMessage) -> Exception | None:
    assert message.recipient is not None  # checked by _undeliverable
    try:
        with transaction.atomic():
            Notification.objects.get_or_create(
                message=message,
                defaults={
                    "user": message.recipient,
                    "subject": message.subject,
                    "body": message.body,
                    "link_path": message.link_path,
                },
            )
    except Exception as exc:  # any failure of a channel is retried, then dead-lettered loudly
        return exc
    return None


def _send_email(message: OutboxMessage) -> Exception | None:
    address = message.recipient_email or (message.recipient.email if message.recipient is not None else "")
    try:
        send_mail(message.subject, _email_body(message), None, [address], fail_silently=False)
    except Exception as exc:  # any failure of a channel is retried, then dead-lettered loudly
        return exc
    return None


def _settle(message: OutboxMessage, now: datetime, failure: Exception | None) -> int:
    """Record a delivery attempt: delivered, or retried later, or dead-lettered after MAX_ATTEMPTS."""
    message.attempts += 1
    if failure is not None:
        message.last_error = type(failure).__name__
        if message.attempts >= MAX_ATTEMPTS:
            _dead_letter(message, f"gave up after {message.attempts} attempts: {type(failure).__name__}")
            return 0
        delay = min(RETRY_BASE_SECONDS * 2 ** (message.attempts - 1), RETRY_MAX_SECONDS)
        message.next_attempt_at = now + timedelta(seconds=delay)
        message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        log.warning("outbox.retry message=%s attempts=%s", message.pk, message.attempts)
        return 0
    message.state = OutboxState.DELIVERED
    message.delivered_at = now
    message.save(update_fields=["attempts", "state", "delivered_at"])
    return 1


def _dead_letter(message: OutboxMessage, reason: str) -> None:
    message.state = OutboxState.DEAD
    message.last_error = reason[:300]
    message.save(update_fields=["state", "last_error", "attempts"])
    log.error("outbox.dead_letter message=%s kind=%s", message.pk, message.kind)
