"""The transactional outbox: queued once, delivered once, retried with back-off, and dead-lettered loudly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.core import outbox
from frontdoor.core.models import Notification, OutboxChannel, OutboxMessage, OutboxState
from support.factories import UserFactory

pytestmark = pytest.mark.django_db


def queue_in_app(recipient, key: str = "test:1", **fields) -> OutboxMessage:
    defaults = {
        "kind": "test.notice",
        "subject": "You have a new notification",
        "body": "Sign in to see it.",
        "link_path": "/notifications/",
    }
    return outbox.enqueue(dedupe_key=key, recipient=recipient, **{**defaults, **fields})


def queue_email(key: str = "mail:1", **fields) -> OutboxMessage:
    defaults = {
        "kind": "test.email",
        "subject": "You have a new notification",
        "body": "There is something new for you in the safeguarding front door. Sign in to see it.",
        "recipient_email": "dsl@millbrook.example.org",
        "channel": OutboxChannel.EMAIL,
    }
    return outbox.enqueue(dedupe_key=key, **{**defaults, **fields})


def later(minutes: float = 1) -> timezone.datetime:
    return timezone.now() + timedelta(minutes=minutes)


class ChannelDown(Exception):
    pass


@pytest.fixture
def broken_mail(monkeypatch):
    calls = []

    def send_mail(*args, **kwargs):
        calls.append(args)
        raise ChannelDown("smtp refused")

    monkeypatch.setattr(outbox, "send_mail", send_mail)
    return calls


# --- enqueue ---------------------------------------------------------------------------------------------------


def test_enqueue_is_idempotent_on_the_dedupe_key() -> None:
    user = UserFactory()
    first = queue_in_app(user, key="escalation:7:user:1")
    second = queue_in_app(user, key="escalation:7:user:1", subject="A different subject")
    assert second.pk == first.pk
    assert OutboxMessage.objects.count() == 1
    assert OutboxMessage.objects.get().subject == "You have a new notification"


def test_different_dedupe_keys_queue_different_messages() -> None:
    user = UserFactory()
    queue_in_app(user, key="a")
    queue_in_app(user, key="b")
    assert OutboxMessage.objects.count() == 2


def test_a_queued_message_is_pending_and_due_now() -> None:
    before = timezone.now()
    message = queue_in_app(UserFactory())
    assert message.state == OutboxState.PENDING
    assert message.attempts == 0
    assert before <= message.next_attempt_at <= timezone.now()


# --- in-app delivery ------------------------------------------------------------------------------------------


def test_delivery_runs_on_this_database() -> None:
    queue_in_app(UserFactory(), key="with-recipient")
    queue_email(key="without-recipient")
    assert outbox.deliver_due(later()) == 2


def test_an_in_app_message_reaches_the_users_inbox_once() -> None:
    user = UserFactory()
    message = queue_in_app(user)
    now = later()
    assert outbox.deliver_due(now) == 1
    assert outbox.deliver_due(now) == 0
    notification = Notification.objects.get()
    assert notification.user == user
    assert notification.message == message
    assert (notification.subject, notification.body, notification.link_path) == (
        "You have a new notification",
        "Sign in to see it.",
        "/notifications/",
    )
    message.refresh_from_db()
    assert message.state == OutboxState.DELIVERED
    assert message.delivered_at == now
    assert message.attempts == 1


def test_a_redelivered_message_still_shows_once_in_the_inbox() -> None:
    """Delivery is at least once: if the worker dies after writing the notification, the retry must not repeat it."""
    user = UserFactory()
    message = queue_in_app(user)
    outbox.deliver_due(later())
    OutboxMessage.objects.filter(pk=message.pk).update(state=OutboxState.PENDING, delivered_at=None)
    assert outbox.deliver_due(later(2)) == 1
    assert Notification.objects.filter(user=user).count() == 1
    message.refresh_from_db()
    assert message.state == OutboxState.DELIVERED


def test_many_messages_are_delivered_across_batches() -> None:
    users = UserFactory.create_batch(3)
    for i in range(25):
        queue_in_app(users[i % 3], key=f"bulk:{i}")
    assert outbox.deliver_due(later(), batch=10) == 25
    assert Notification.objects.count() == 25
    assert not OutboxMessage.objects.filter(state=OutboxState.PENDING).exists()


def test_a_message_not_yet_due_is_not_delivered() -> None:
    message = queue_in_app(UserFactory())
    OutboxMessage.objects.filter(pk=message.pk).update(next_attempt_at=later(30))
    assert outbox.deliver_due(later(29)) == 0
    assert not Notification.objects.exists()
    assert OutboxMessage.objects.get().state == OutboxState.PENDING
    assert outbox.deliver_due(later(31)) == 1
    assert Notification.objects.count() == 1


@pytest.mark.parametrize("leave", ["disable", "deactivate"])
def test_a_message_to_an_inactive_user_is_dead_lettered_not_delivered(leave: str, caplog) -> None:
    user = UserFactory()
    message = queue_in_app(user)
    if leave == "disable":
        access_services.disable_user(user)
    else:
        user.is_active = False
        user.save()
    assert outbox.deliver_due(later()) == 0
    assert not Notification.objects.exists()
    message.refresh_from_db()
    assert message.state == OutboxState.DEAD
    assert message.last_error == "recipient is no longer active"
    assert message.delivered_at is None
    assert f"outbox.dead_letter message={message.pk} kind=test.notice" in caplog.text
    assert outbox.deliver_due(later(60)) == 0  # a dead letter is never retried


# --- e-mail delivery ------------------------------------------------------------------------------------------


def test_an_email_is_sent_with_only_what_was_queued() -> None:
    message = queue_email()
    assert outbox.deliver_due(later()) == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["dsl@millbrook.example.org"]
    assert sent.cc == [] and sent.bcc == []
    assert sent.from_email == settings.DEFAULT_FROM_EMAIL
    assert sent.subject == "You have a new notification"
    assert sent.body == "There is something new for you in the safeguarding front door. Sign in to see it."
    assert sent.attachments == []
    assert getattr(sent, "alternatives", []) == []
    assert not Notification.objects.exists()  # an e-mail is not an inbox entry
    message.refresh_from_db()
    assert message.state == OutboxState.DELIVERED


def test_an_email_to_a_user_goes_to_their_address_and_says_nothing_about_them() -> None:
    user = UserFactory(first_name="Morgan", last_name="Price", email="morgan.price@example.org")
    queue_email(recipient=user, recipient_email="")
    outbox.deliver_due(later())
    sent = mail.outbox[0]
    assert sent.to == ["morgan.price@example.org"]
    text = f"{sent.subject}\n{sent.body}\n{sent.message().as_string()}"
    assert "Morgan" not in text and "Price" not in text


def test_an_email_is_sent_once_even_if_delivery_runs_twice() -> None:
    queue_email()
    now = later()
    outbox.deliver_due(now)
    outbox.deliver_due(now)
    assert len(mail.outbox) == 1


def test_an_email_links_to_the_item_behind_the_sign_in() -> None:
    queue_email(link_path="/escalations/5/")
    outbox.deliver_due(later())
    assert f"{settings.FRONTDOOR_BASE_URL}/escalations/5/" in mail.outbox[0].body


# --- failure and retry ----------------------------------------------------------------------------------------


def test_a_channel_failure_is_retried_later(broken_mail, caplog) -> None:
    message = queue_email()
    now = later()
    assert outbox.deliver_due(now) == 0
    assert len(broken_mail) == 1
    message.refresh_from_db()
    assert message.state == OutboxState.PENDING
    assert message.attempts == 1
    assert message.last_error == "ChannelDown"
    assert message.next_attempt_at == now + timedelta(seconds=outbox.RETRY_BASE_SECONDS)
    assert f"outbox.retry message={message.pk} attempts=1" in caplog.text
    # Not retried before its time.
    assert outbox.deliver_due(now + timedelta(seconds=outbox.RETRY_BASE_SECONDS - 1)) == 0
    assert len(broken_mail) == 1


def test_the_back_off_grows_and_the_message_is_dead_lettered_after_max_attempts(broken_mail, caplog) -> None:
    message = queue_email()
    now = later()
    waits = []
    for attempt in range(1, outbox.MAX_ATTEMPTS):
        outbox.deliver_due(now)
        message.refresh_from_db()
        assert message.state == OutboxState.PENDING
        assert message.attempts == attempt
        waits.append(message.next_attempt_at - now)
        assert message.next_attempt_at > now
        now = message.next_attempt_at
    assert waits == sorted(waits) and len(set(waits)) == len(waits)  # strictly growing back-off
    assert sum(waits, timedelta()) <= timedelta(minutes=5)  # delivered or dead-lettered within minutes
    outbox.deliver_due(now)
    message.refresh_from_db()
    assert message.state == OutboxState.DEAD
    assert message.last_error == f"gave up after {outbox.MAX_ATTEMPTS} attempts: ChannelDown"
    assert len(broken_mail) == outbox.MAX_ATTEMPTS
    assert "outbox.dead_letter" in caplog.text
    # Dead letters stay dead.
    outbox.deliver_due(now + timedelta(days=30))
    assert len(broken_mail) == outbox.MAX_ATTEMPTS


def test_a_dead_letter_records_every_attempt(broken_mail) -> None:
    message = queue_email()
    now = later()
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.deliver_due(now)
        now += timedelta(days=1)
    message.refresh_from_db()
    assert len(broken_mail) == outbox.MAX_ATTEMPTS
    assert message.state == OutboxState.DEAD
    assert message.attempts == outbox.MAX_ATTEMPTS


def test_a_message_that_fails_once_is_delivered_when_the_channel_recovers(monkeypatch) -> None:
    real_send_mail = outbox.send_mail
    failures = iter([True])

    def flaky(*args, **kwargs):
        if next(failures, False):
            raise ChannelDown
        return real_send_mail(*args, **kwargs)

    monkeypatch.setattr(outbox, "send_mail", flaky)
    message = queue_email()
    now = later()
    outbox.deliver_due(now)
    assert mail.outbox == []
    assert outbox.deliver_due(now + timedelta(minutes=2)) == 1
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.state == OutboxState.DELIVERED
    assert message.attempts == 2


def test_one_failing_message_does_not_hold_up_the_others(broken_mail) -> None:
    user = UserFactory()
    queue_email(key="mail:broken")
    queue_in_app(user, key="in-app:ok")
    assert outbox.deliver_due(later()) == 1
    assert Notification.objects.filter(user=user).count() == 1
    assert OutboxMessage.objects.get(dedupe_key="mail:broken").state == OutboxState.PENDING


@pytest.mark.django_db(transaction=True)
def test_an_email_is_sent_with_no_transaction_open_and_no_row_locked(monkeypatch) -> None:
    """A slow mail server must not hold the outbox's locks (or SQLite's write lock) while it answers."""
    seen: list[tuple[bool, int]] = []

    def watching(*args, **kwargs):
        seen.append((transaction.get_connection().in_atomic_block, OutboxMessage.objects.count()))

    monkeypatch.setattr(outbox, "send_mail", watching)
    message = queue_email()
    assert outbox.deliver_due(later()) == 1
    assert seen == [(False, 1)]
    message.refresh_from_db()
    assert message.state == OutboxState.DELIVERED and message.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_claimed_email_is_not_taken_by_a_second_worker_while_it_is_being_sent(monkeypatch) -> None:
    sends: list[int] = []

    def second_worker_runs_meanwhile(*args, **kwargs):
        sends.append(1)
        if len(sends) == 1:
            assert outbox.deliver_due(later(2)) == 0  # the lease keeps it from being sent twice

    monkeypatch.setattr(outbox, "send_mail", second_worker_runs_meanwhile)
    queue_email()
    assert outbox.deliver_due(later()) == 1
    assert sends == [1]
