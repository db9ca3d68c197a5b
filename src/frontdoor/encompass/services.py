"""Operation Encompass's use cases: a notice made and released to its establishment, opened, acknowledged with the
support offered; a draft reviewed by MASH police where the force wants that; a listed child nobody matched, worked
by MASH education. Each is one transaction with its audit row and its outbox messages.

E-mails carry no personal data: they say a notification is waiting, and link to it behind the sign-in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import ApiClient, AuditOutcome, User
from frontdoor.access.selectors import active_users_with_role
from frontdoor.core import outbox
from frontdoor.core.clocks import meet_clock, start_clock
from frontdoor.core.models import Clock, ClockState, OutboxChannel
from frontdoor.encompass.clocks import ESCALATE_TO, NOTICE, calendar_for
from frontdoor.encompass.establishments import Destination
from frontdoor.encompass.models import (
    NOTICE_SUBJECT,
    EncompassIncident,
    Notice,
    NoticeStatus,
    RouteReason,
    Support,
    UnmatchedChild,
)
from frontdoor.intake.services import idempotency
from frontdoor.intake.services.references import save_with_reference
from frontdoor.people.models import Person

log = logging.getLogger(__name__)

API_ROUTE = "encompass.acknowledge"


class NoticeRefused(Exception):
    """The change cannot be made; `message` says why, `code` names it for the API."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def recipients(notice: Notice) -> list[User]:
    """Who is told of a notice: the establishment's DSL and deputies (school_dsl users of its agency), or for the
    council the education safeguarding officers."""
    if notice.school is None:
        return active_users_with_role(ESCALATE_TO)
    leads = User.objects.filter(
        is_active=True,
        agency_id=notice.school.agency_id,
        role_grants__role="school_dsl",
        role_grants__revoked_at__isnull=True,
    )
    return list(leads.order_by("id").distinct())


def held_notices(incident: EncompassIncident) -> set[tuple[int, int | None]]:
    """(child, school) of the notices this incident has already."""
    return set(Notice.objects.filter(incident=incident).values_list("child_id", "school_id"))


def create_notice(
    incident: EncompassIncident,
    child: Person,
    destination: Destination,
    listed: Any,
    how: list[str],
    *,
    now: datetime,
    held: set[tuple[int, int | None]] | None = None,
    found_at: datetime | None = None,
) -> Notice | None:
    """A notice for one child at one establishment (none if that child's establishment has one for this incident
    already), with its clock; released at once unless the force reviews notices first. Call inside a transaction.

    A child identity resolution found only after the incident was routed (`found_at`) is due before the school day
    after they became known: the establishment could not have been told sooner."""
    held = held_notices(incident) if held is None else held
    key = (child.pk, destination.school.pk if destination.school is not None else None)
    if key in held:
        return None
    held.add(key)
    days = calendar_for(destination.school)
    released = not settings.FRONTDOOR_ENCOMPASS_POLICE_REVIEW
    named = listed is not None
    other = [] if named else [f"Not named by the officer: found as {' and '.join(dict.fromkeys(how))}."]
    if found_at is not None:
        other.append("Identified after the incident was first passed to schools.")
    due_from = found_at or incident.occurred_at
    notice = Notice(
        incident=incident,
        child=child,
        school=destination.school,
        routed=destination.routed,
        status=NoticeStatus.SENT if released else NoticeStatus.AWAITING_REVIEW,
        child_name=child.display_name,
        child_date_of_birth=child.date_of_birth,
        child_present=listed.present if named else None,
        child_voice=incident.child_voice if named else "",
        circumstances=incident.circumstances,
        other_information=" ".join(other),
        incident_at=incident.occurred_at,
        vist_at=incident.vist_at,
        found_at=found_at,
        created_at=now,
        due_at=days.next_school_day_start(due_from),
        delivered_at=now if released else None,
    )
    save_with_reference(notice, "OE")
    start_clock(
        subject_type=NOTICE_SUBJECT,
        subject_id=notice.pk,
        rule=NOTICE.code,
        started_at=due_from,
        school=days,
    )
    if notice.status == NoticeStatus.SENT:
        _deliver(notice, now)
    else:
        for user in active_users_with_role("mash_police"):
            outbox.enqueue(
                kind="encompass.review",
                dedupe_key=f"encompass:{notice.pk}:review:{user.pk}",
                recipient=user,
                subject="An Operation Encompass notification is waiting for police review",
                link_path=f"/encompass/notices/{notice.reference}/review/",
            )
    return notice


def _deliver(notice: Notice, now: datetime) -> None:
    """Released: on the establishment's list at once, in the app and by an e-mail that names nobody."""
    if notice.delivered_at is None:
        notice.delivered_at = now
        notice.save(update_fields=["delivered_at"])
    link = f"/encompass/notices/{notice.reference}/"
    to_council = notice.school is None
    subject = (
        "New Operation Encompass notification for the council"
        if to_council
        else "New Operation Encompass notification for your school"
    )
    body = "A notification about a child is waiting. Read and acknowledge it before the school day starts."
    messages: list[outbox.Message] = []
    told: set[str] = set()
    for user in recipients(notice):
        for channel in (OutboxChannel.IN_APP, OutboxChannel.EMAIL):
            messages.append(
                outbox.Message(
                    kind="encompass.notice",
                    dedupe_key=f"encompass:{notice.pk}:{channel}:{user.pk}",
                    recipient=user,
                    subject=subject,
                    body=body,
                    link_path=link,
                    channel=channel,
                )
            )
        told.add(user.email.lower())
    if notice.school is not None:  # the leads the school recorded, whether or not they have an account yet
        for address in (notice.school.dsl_email, notice.school.deputy_dsl_email):
            if address and address.lower() not in told:
                told.add(address.lower())
                messages.append(
                    outbox.Message(
                        kind="encompass.notice",
                        dedupe_key=f"encompass:{notice.pk}:email:{address.lower()}",
                        recipient_email=address,
                        subject=subject,
                        body=body,
                        link_path=link,
                        channel=OutboxChannel.EMAIL,
                    )
                )
    outbox.enqueue_all(messages)


def _clock(notice: Notice) -> Clock | None:
    return (
        Clock.objects.filter(subject_type=NOTICE_SUBJECT, subject_id=str(notice.pk), rule=NOTICE.code)
        .order_by("-started_at", "-id")
        .first()
    )


def mark_opened(notice: Notice, *, actor: Actor, at: datetime | None = None) -> Notice:
    """The first time someone it was sent to reads it (on the page or through their system's API)."""
    at = at or timezone.now()
    if notice.opened_at is None and notice.status != NoticeStatus.AWAITING_REVIEW:
        updated = Notice.objects.filter(pk=notice.pk, opened_at__isnull=True).update(opened_at=at, opened_by=actor.user)
        if updated:
            notice.opened_at, notice.opened_by = at, actor.user
    return notice


@dataclass
class Acknowledgement:
    support: str = ""  # a Support value, or "" when not yet decided
    support_notes: str = ""


def acknowledge(notice: Notice, answer: Acknowledgement, *, actor: Actor) -> Notice:
    """The establishment (or the council, for the children routed to it) has read the notice and records the
    support it offers; the clock is met (late if the school day had started)."""
    if answer.support and answer.support not in Support.values:
        raise NoticeRefused("invalid_support", "Choose overt or silent support")
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.status == NoticeStatus.AWAITING_REVIEW:
            raise NoticeRefused("not_released", "This notification has not been released yet")
        if locked.status == NoticeStatus.ACKNOWLEDGED:
            raise NoticeRefused("already_acknowledged", f"Notification {locked.reference} is already acknowledged")
        now = timezone.now()
        locked.status = NoticeStatus.ACKNOWLEDGED
        locked.acknowledged_at = now
        locked.acknowledged_by = actor.user
        client: ApiClient | None = actor.api_client
        locked.acknowledged_by_system = client.name if client is not None else ""
        locked.support = answer.support
        locked.support_notes = answer.support_notes.strip()
        if locked.opened_at is None:
            locked.opened_at, locked.opened_by = now, actor.user
        locked.save()
        clock = _clock(locked)
        if clock is not None:
            meet_clock(clock, now)
        record_access(
            actor, locked.child, action="acknowledge_encompass", purpose=locked.reference, outcome=AuditOutcome.ALLOWED
        )
    log.info("encompass.acknowledged notice=%s", locked.pk)
    return locked


def acknowledge_once(
    notice: Notice,
    answer: Acknowledgement,
    *,
    actor: Actor,
    key: str,
    payload_hash: str,
    respond: Callable[[Notice], dict],
) -> idempotency.Receipt:
    """Acknowledge through the partner API under an Idempotency-Key, with the one idempotency mechanism: a replay
    gets the stored response; the same key with another body raises IdempotencyConflict."""
    client: ApiClient = actor.api_client  # type: ignore[assignment]
    claims = idempotency.header_claim(API_ROUTE, key)
    try:
        return idempotency.once(
            client=client,
            claims=claims,
            payload_hash=payload_hash,
            create=lambda: acknowledge(notice, answer, actor=actor),
            respond=respond,
        )
    except NoticeRefused:
        stored = idempotency.stored_response(client, claims, payload_hash)
        if stored is not None:
            return stored
        raise


def release(notice: Notice, *, actor: Actor, edits: dict[str, Any]) -> Notice:
    """MASH police reviewed the draft (and may have corrected what it says): it goes to the establishment now."""
    editable = {"child_present", "child_whereabouts", "child_voice", "circumstances", "other_information"}
    with transaction.atomic():
        locked = Notice.objects.select_for_update().get(pk=notice.pk)
        if locked.status != NoticeStatus.AWAITING_REVIEW:
            raise NoticeRefused("already_released", f"Notification {locked.reference} has already been released")
        for name, value in edits.items():
            if name in editable:
                setattr(locked, name, value)
        locked.status = NoticeStatus.SENT
        locked.reviewed_by = actor.user
        locked.save()
        _deliver(locked, timezone.now())
        record_access(
            actor, locked.child, action="release_encompass", purpose=locked.reference, outcome=AuditOutcome.ALLOWED
        )
    return locked


def resolve_unmatched(task: UnmatchedChild, *, actor: Actor, person: Person | None, note: str) -> UnmatchedChild:
    """MASH education has found the child (a notice is made for their establishment now), or records what was
    done instead (told the school by phone, not a child of this partnership)."""
    from frontdoor.encompass.establishments import map_destinations

    with transaction.atomic():
        locked = UnmatchedChild.objects.select_for_update().select_related("incident").get(pk=task.pk)
        if locked.resolved_at is not None:
            raise NoticeRefused("already_resolved", "This child has already been dealt with")
        now = timezone.now()
        locked.resolved_at, locked.resolved_by, locked.matched_to, locked.note = now, actor.user, person, note.strip()
        locked.save()
        if person is not None:
            destination = map_destinations([person.pk], timezone.localdate(now))[person.pk]
            listed = _ListedAgain(locked.present)
            create_notice(locked.incident, person, destination, listed, ["named by the officer"], now=now)
        record_access(
            actor, person, action="resolve_encompass_child", purpose=f"incident {locked.incident_id}",
            outcome=AuditOutcome.ALLOWED,
        )  # fmt: skip
    return locked


@dataclass
class _ListedAgain:
    present: bool | None


def council_routed(notice: Notice) -> bool:
    return notice.routed != RouteReason.ESTABLISHMENT


def escalated(notice: Notice) -> bool:
    clock = _clock(notice)
    return clock is not None and (clock.state == ClockState.BREACHED or clock.met_late)
