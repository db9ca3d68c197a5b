"""The emergency duty team's use cases: record an out-of-hours contact (handed over to the MASH as it is recorded,
reaching the triage queue at the next working day's opening with its clock), and the MASH picking it up.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.core.clocks import meet_clock, start_clock
from frontdoor.core.logging import log_after_commit
from frontdoor.core.models import Clock, ClockState
from frontdoor.intake.services.references import save_with_reference
from frontdoor.mash.edt_clocks import HANDOVER, HANDOVER_SUBJECT, handover_at
from frontdoor.mash.models_edt import EdtContact
from frontdoor.people.models import Person, PersonKind

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContactData:
    first_name: str
    last_name: str
    date_of_birth: date | None
    what_happened: str
    action_taken: str
    priority: str


def _known_child(data: ContactData) -> Person | None:
    """The child the front door knows by exactly this name and date of birth, when there is one and only one."""
    if data.date_of_birth is None:
        return None
    found = list(
        Person.objects.filter(
            kind=PersonKind.CHILD,
            first_name__iexact=data.first_name,
            last_name__iexact=data.last_name,
            date_of_birth=data.date_of_birth,
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def record_contact(data: ContactData, *, actor: Actor, at: datetime | None = None) -> EdtContact:
    """The EDT records what happened and what it did; the MASH has it in its queue from the next working day's
    opening (at once in working hours), with the clock of its follow-up started when it happened (`at`: a contact
    recorded afterwards, as the demo's is; otherwise now)."""
    with transaction.atomic():
        now = at or timezone.now()
        contact = EdtContact(
            person=_known_child(data),
            first_name=data.first_name,
            last_name=data.last_name,
            date_of_birth=data.date_of_birth,
            what_happened=data.what_happened,
            action_taken=data.action_taken,
            priority=data.priority,
            recorded_at=now,
            recorded_by=actor.user,
            handover_at=handover_at(now),
        )
        save_with_reference(contact, "EDT")
        start_clock(subject_type=HANDOVER_SUBJECT, subject_id=contact.pk, rule=HANDOVER.code, started_at=now)
        record_access(
            actor, contact.person, action="record_edt_contact", purpose=contact.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.edt_contact_recorded contact=%s", contact.pk)
        return contact


class NotYetHandedOver(Exception):
    pass


def pick_up(contact: EdtContact, *, actor: Actor, note: str) -> EdtContact:
    """A MASH worker takes the hand-over in: what the MASH will do is recorded, and its clock is met."""
    with transaction.atomic():
        contact = EdtContact.objects.select_for_update().get(pk=contact.pk)
        if contact.picked_up_at is not None:
            return contact
        now = timezone.now()
        if contact.handover_at > now:
            raise NotYetHandedOver(contact.reference)
        contact.picked_up_at, contact.picked_up_by, contact.mash_note = now, actor.user, note
        contact.save(update_fields=["picked_up_at", "picked_up_by", "mash_note"])
        running = Clock.objects.filter(
            subject_type=HANDOVER_SUBJECT,
            subject_id=str(contact.pk),
            state__in=[ClockState.RUNNING, ClockState.BREACHED],
        )
        for clock in running:
            meet_clock(clock, now)
        record_access(
            actor, contact.person, action="pick_up_edt_contact", purpose=contact.reference, outcome=AuditOutcome.ALLOWED
        )
        log_after_commit(log, "mash.edt_contact_picked_up contact=%s", contact.pk)
        return contact
