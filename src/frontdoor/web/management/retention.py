"""Retention: delete records past their retention period, by record type, honouring legal holds (ADR 0006).

The periods are placeholders for the partnership to set (FRONTDOOR_RETENTION_DAYS): neither the domain reference nor
the reliability reference gives figures (the latter names the Records Management Code of Practice and R (C) v
Northumberland, on keeping child-protection records, as the anchors). A type with no period is kept.

What is not a record type here is kept: referrals and VISTs with any other outcome (the partnership's case system
holds the work that followed), undecided ones, people and agencies' source records (the agencies' own schedules),
and the access audit (append-only; its own retention would need archiving the chain, not deleting rows).

`plan()` says what would go; `apply()` deletes it, one record per short transaction, each leaving an access-audit
row ("Deleted at the end of its retention period") naming the record type and reference, never a person.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.holds import Held, held
from frontdoor.core.models import Clock, Escalation
from frontdoor.intake.models import (
    REFERRAL_SUBJECT,
    VIST_SUBJECT,
    ArrivalKind,
    DomesticAbuseIncident,
    IdempotencyKey,
    IdentityCheck,
    Referral,
    ReferralDraft,
    Vist,
)
from frontdoor.mash.models import Assignment, Decision, Outcome, ReferralPriority, VistOutcome, VistTriage

log = logging.getLogger("frontdoor.retention")

SIX_YEARS = 6 * 365 + 2  # days, counting two leap days


@dataclass(frozen=True)
class RecordType:
    """A kind of record with a retention period counted from an event (`expired` gives those past it)."""

    name: str
    default_days: int | None
    counted_from: str
    expired: Callable[[datetime], QuerySet]
    reference: Callable[[Any], str]
    people: Callable[[Any], set[int]]
    delete: Callable[[Any], Any]


def _referral_people(referral) -> set[int]:
    children = referral.children.exclude(person_id=None).values_list("person_id", flat=True)
    adults = referral.adults.exclude(person_id=None).values_list("person_id", flat=True)
    return {*children, *adults}


def _delete_clocks(subject_type: str, subject_id: int) -> None:
    clocks = Clock.objects.filter(subject_type=subject_type, subject_id=str(subject_id))
    Escalation.objects.filter(clock__in=clocks).delete()
    clocks.delete()


def _delete_referral(referral) -> None:
    children = list(referral.children.values_list("pk", flat=True))
    adults = list(referral.adults.values_list("pk", flat=True))
    IdentityCheck.objects.filter(kind=ArrivalKind.REFERRAL_CHILD, subject_id__in=children).delete()
    IdentityCheck.objects.filter(kind=ArrivalKind.REFERRAL_ADULT, subject_id__in=adults).delete()
    Decision.objects.filter(referral=referral).delete()
    ReferralPriority.objects.filter(referral=referral).delete()
    Assignment.objects.filter(referral=referral).delete()
    _delete_clocks(REFERRAL_SUBJECT, referral.pk)
    referral.delete()  # its children, adults and what the referrer was told go with it


def _delete_vist(vist) -> None:
    persons = list(vist.persons.values_list("pk", flat=True))
    IdentityCheck.objects.filter(kind=ArrivalKind.VIST_PERSON, subject_id__in=persons).delete()
    VistTriage.objects.filter(vist=vist).delete()
    Assignment.objects.filter(vist=vist).delete()
    _delete_clocks(VIST_SUBJECT, vist.pk)
    vist.delete()  # its people go with it; an incident it came from stays, on its own period


def _delete_incident(incident) -> None:
    persons = list(incident.persons.values_list("pk", flat=True))
    IdentityCheck.objects.filter(kind=ArrivalKind.INCIDENT_PERSON, subject_id__in=persons).delete()
    incident.delete()


RECORD_TYPES = {
    record_type.name: record_type
    for record_type in (
        RecordType(
            "referral_nfa",
            SIX_YEARS,
            "the MASH's decision of no further action, or advice and signposting",
            lambda cutoff: Referral.objects.filter(
                mash_decision__outcome__in=[Outcome.NO_FURTHER_ACTION, Outcome.ADVICE],
                mash_decision__decided_at__lt=cutoff,
            ),
            lambda referral: referral.reference,
            _referral_people,
            _delete_referral,
        ),
        RecordType(
            "vist_nfa",
            SIX_YEARS,
            "the MASH's triage of no further action",
            lambda cutoff: Vist.objects.filter(
                mash_triage__outcome=VistOutcome.NO_FURTHER_ACTION, mash_triage__triaged_at__lt=cutoff
            ),
            lambda vist: vist.reference,
            lambda vist: set(vist.persons.exclude(person_id=None).values_list("person_id", flat=True)),
            _delete_vist,
        ),
        RecordType(
            "incident",
            SIX_YEARS,
            "the incident's arrival",
            lambda cutoff: DomesticAbuseIncident.objects.filter(received_at__lt=cutoff),
            lambda incident: f"incident {incident.pk}",
            lambda incident: set(incident.persons.exclude(person_id=None).values_list("person_id", flat=True)),
            _delete_incident,
        ),
        RecordType(
            "referral_draft",
            30,
            "the draft's last change, for drafts never sent",
            lambda cutoff: ReferralDraft.objects.filter(submitted_referral__isnull=True, updated_at__lt=cutoff),
            lambda draft: f"draft {draft.pk}",
            lambda draft: set(),
            lambda draft: draft.delete(),
        ),
        RecordType(
            "idempotency_key",
            30,
            "the key's first use",  # a partner's retry comes within minutes, not a month
            lambda cutoff: IdempotencyKey.objects.filter(created_at__lt=cutoff),
            lambda key: f"idempotency key {key.pk}",
            lambda key: set(),
            lambda key: key.delete(),
        ),
    )
}


class RetentionError(ValueError):
    """FRONTDOOR_RETENTION_DAYS cannot be read."""


def periods(raw: str | None = None) -> dict[str, int | None]:
    """Each record type's period in days (None: kept), from the defaults and FRONTDOOR_RETENTION_DAYS
    ("referral_nfa=2192,incident=0": 0 or "keep" keeps that type)."""
    found: dict[str, int | None] = {name: t.default_days for name, t in RECORD_TYPES.items()}
    raw = settings.FRONTDOOR_RETENTION_DAYS if raw is None else raw
    for part in filter(None, (p.strip() for p in raw.split(","))):
        name, equals, value = (p.strip() for p in part.partition("="))
        if not equals or name not in RECORD_TYPES:
            known = ", ".join(RECORD_TYPES)
            raise RetentionError(f"FRONTDOOR_RETENTION_DAYS: {part!r} is not TYPE=DAYS for a known type ({known})")
        if value == "keep" or value == "0":
            found[name] = None
        elif value.isdigit():
            found[name] = int(value)
        else:
            raise RetentionError(f"FRONTDOOR_RETENTION_DAYS: {part!r} needs a whole number of days, or keep")
    return found


@dataclass
class TypePlan:
    record_type: RecordType
    days: int | None
    due: list[str] = field(default_factory=list)  # references past the period, not held
    held: list[str] = field(default_factory=list)  # references past the period, kept by a legal hold
    deleted: int = 0


def plan(now: datetime | None = None, raw: str | None = None) -> list[TypePlan]:
    """What is past its retention period, by type, split into what would go and what a legal hold keeps."""
    now = now or timezone.now()
    holds = held()
    plans = []
    for name, days in periods(raw).items():
        record_type = RECORD_TYPES[name]
        entry = TypePlan(record_type, days)
        if days is not None:
            for record in record_type.expired(now - timedelta(days=days)).order_by("pk"):
                reference = record_type.reference(record)
                target = entry.held if _is_held(holds, record_type, record, reference) else entry.due
                target.append(reference)
        plans.append(entry)
    return plans


def _is_held(holds: Held, record_type: RecordType, record: Any, reference: str) -> bool:
    identifiers = (reference, str(record.pk))
    return holds.covers(record_type.name, identifiers, record_type.people(record) if holds.people else set())


def apply(now: datetime | None = None, raw: str | None = None) -> list[TypePlan]:
    """Delete what `plan` says would go: one record per transaction, each re-checked against the holds inside it."""
    now = now or timezone.now()
    plans = plan(now, raw)
    actor = Actor(user=None, role="", agency=None, request_id=f"retention-{now:%Y%m%dT%H%M%S}")
    for entry in plans:
        if entry.days is None:
            continue
        record_type = entry.record_type
        for record in _each(record_type.expired(now - timedelta(days=entry.days)).order_by("pk")):
            pk = record.pk
            with transaction.atomic():
                reference = record_type.reference(record)
                if _is_held(held(), record_type, record, reference):  # a hold placed since the plan was made
                    continue
                record_type.delete(record)
                purpose = f"{record_type.name} {reference}: {entry.days} days after {record_type.counted_from}"
                record_access(actor, None, action="retention_delete", purpose=purpose, outcome="allowed")
            entry.deleted += 1
            log.info("retention.deleted type=%s id=%s", record_type.name, pk)
    return plans


def _each(records: QuerySet) -> Iterable[Any]:
    """The records one at a time, read afresh (each deletion is its own short transaction)."""
    for pk in list(records.values_list("pk", flat=True)):
        record = records.model.objects.filter(pk=pk).first()
        if record is not None:
            yield record
