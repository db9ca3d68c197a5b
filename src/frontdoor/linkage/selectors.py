"""Who an arriving child or adult probably is, and what each agency already knows about them: read for MASH
staff, audited like any other look at a person's data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.linkage.candidates import best_matches, find_candidates
from frontdoor.linkage.models import LinkEvidence
from frontdoor.linkage.persons import principal_of
from frontdoor.linkage.words import evidence_words
from frontdoor.people.models import Person, School, SourceEvent, SourceParticipation, SourceRecord, SourceSystem
from frontdoor.people.vocabulary import OPEN_WORDS, words_for

MAX_SHOWN = 5


@dataclass(frozen=True)
class StoredEvidence:
    """How surely a record is its person's, as scored against their principal record when it was linked."""

    grade: str | None  # certain, probable, possible; None below them
    probability: float
    evidence: list[tuple[str, str, float]]  # (field, how it compared, its part of the match weight), in words


def map_link_evidence(records: Iterable[SourceRecord]) -> dict[int, StoredEvidence]:
    """The stored link evidence of one person's records (all of them), by record id; none for the principal record,
    nor where what is stored was scored for another person or against another principal (a decision since moved
    records and the worker has not yet scored them again). One query; nothing is scored."""
    records = [record for record in records if record.person_id is not None]
    if len(records) < 2:
        return {}
    principal = principal_of([{"id": r.pk, "system": r.system} for r in records])["id"]
    person_of = {record.pk: record.person_id for record in records}
    stored = LinkEvidence.objects.filter(record_id__in=list(person_of), principal_id=principal)
    return {
        row.record_id: StoredEvidence(
            grade=row.grade or None,
            probability=row.probability,
            evidence=evidence_words([(name, level, round(weight, 1)) for name, level, weight in row.evidence]),
        )
        for row in stored
        if row.person_id == person_of[row.record_id]
    }


@dataclass
class KnownTo:
    """One agency system's record of the probable match: who holds it, what is open now and what it records."""

    system: str
    record_id: int
    events: list[tuple[str, int]] = field(default_factory=list)  # (what, how many), most first
    open_now: list[str] = field(default_factory=list)  # e.g. "on a child protection plan since 3 March 2026"
    held_by: str = ""  # the school, GP practice or early-help lead organisation, where the system says


@dataclass
class Match:
    grade: str
    probability: float
    person_id: int | None
    known_to: list[KnownTo]
    evidence: list[tuple[str, str, float]]  # (field, how it compared, its part of the match weight), in words
    under_surname: str = ""  # compared under this previous surname (a maiden name) given for the person
    household: list[str] = field(default_factory=list)  # how they are recorded with a child on the referral, in words


def map_holders(records: Iterable[SourceRecord]) -> dict[int, str]:
    """Who holds each record, where its system says: the school (by its URN) or the GP practice; one query."""
    records = list(records)
    urns = {str(r.attributes["urn"]) for r in records if r.system == SourceSystem.EDUCATION and r.attributes.get("urn")}
    schools = dict(School.objects.filter(urn__in=urns).values_list("urn", "agency__name")) if urns else {}
    held = {}
    for record in records:
        if record.system == SourceSystem.EDUCATION and record.attributes.get("urn"):
            urn = str(record.attributes["urn"])
            held[record.pk] = schools.get(urn, f"School URN {urn}")
        elif record.system == SourceSystem.HEALTH and record.attributes.get("gp_name"):
            held[record.pk] = f"GP: {record.attributes['gp_name']}"
    return held


def _lead_organisation(events: list[SourceEvent]) -> str:
    """Early help's lead organisation, from the latest episode."""
    latest = max(events, key=lambda e: e.occurred_at, default=None)
    return str(latest.attributes.get("lead_organisation") or "") if latest else ""


def _summary(records: Iterable[SourceRecord]) -> list[KnownTo]:
    records = list(records)
    holders = map_holders(records)
    known = []
    for record in records:
        event_ids = SourceParticipation.objects.filter(
            system=record.system, record_source_id=record.source_id
        ).values_list("event_source_id", flat=True)
        events = list(SourceEvent.objects.filter(system=record.system, source_id__in=list(event_ids)))
        kinds = Counter(event.kind for event in events)
        open_now = [
            f"{OPEN_WORDS[e.kind]} since {e.occurred_at:%-d %B %Y}"
            for e in sorted(events, key=lambda e: e.occurred_at)
            if e.ended_at is None and e.kind in OPEN_WORDS
        ]
        known.append(
            KnownTo(
                system=SourceSystem(record.system).label,
                record_id=record.pk,
                events=[(words_for(kind), n) for kind, n in kinds.most_common()],
                open_now=open_now,
                held_by=holders.get(record.pk)
                or (_lead_organisation(events) if record.system == SourceSystem.EARLY_HELP else ""),
            )
        )
    return known


def describe_matches(actor: Actor, matches: list[dict[str, Any]], *, purpose: str) -> list[Match]:
    """Stored or fresh matches (see candidates.best_matches) with what every agency holding a linked record knows
    now. Each person shown is audited; call inside the read's transaction."""
    shown = []
    for found in matches:
        person_id = found["person_id"]
        person = Person.objects.filter(pk=person_id).first() if person_id else None
        if person is not None:
            records = SourceRecord.objects.filter(person=person).order_by("system", "source_id")
        else:
            records = SourceRecord.objects.filter(pk=found["source_record_id"])
        record_access(actor, person, action="view_match", purpose=purpose, outcome=AuditOutcome.ALLOWED)
        shown.append(
            Match(
                grade=found["grade"],
                probability=found["probability"],
                person_id=person.pk if person else None,
                known_to=_summary(records),
                evidence=evidence_words([(name, level, round(weight, 1)) for name, level, weight in found["evidence"]]),
                under_surname=found.get("under_surname", ""),
                household=list(found.get("household", [])),
            )
        )
    return shown


def list_probable_matches(actor: Actor, details: dict[str, Any], *, purpose: str) -> list[Match]:
    """The best graded matches for these details (certain, probable, possible), found now, each with what every
    agency holding a linked record knows, and the evidence. Each person shown is audited in the same transaction."""
    with transaction.atomic():
        return describe_matches(actor, best_matches(find_candidates(details), limit=MAX_SHOWN), purpose=purpose)
