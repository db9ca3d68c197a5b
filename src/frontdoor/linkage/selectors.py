"""Who an arriving child or adult probably is, and what each agency already knows about them: read for MASH
staff, audited like any other look at a person's data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.linkage.candidates import find_candidates
from frontdoor.linkage.realtime import Score
from frontdoor.people.models import Person, SourceEvent, SourceParticipation, SourceRecord, SourceSystem

MAX_SHOWN = 5
EVENT_WORDS = {
    "contact": "contact",
    "referral": "referral",
    "assessment": "assessment",
    "section_47_enquiry": "section 47 enquiry",
    "child_protection_plan": "child protection plan",
    "looked_after": "period looked after",
    "child_in_need_plan": "child in need plan",
    "domestic_abuse_incident": "domestic-abuse incident",
    "missing_episode": "missing episode",
    "concern_for_safety": "concern for safety",
    "police_incident": "police incident",
    "vist": "VIST",
    "ed_attendance": "emergency department attendance",
    "health_visitor_contact": "health visitor contact",
    "maternity_episode": "maternity episode",
    "school_census": "school census return",
    "early_help_episode": "early help episode",
}


@dataclass
class KnownTo:
    """One agency system's record of the probable match: who holds it and what it records."""

    system: str
    record_id: int
    events: list[tuple[str, int]] = field(default_factory=list)  # (what, how many), most first


@dataclass
class Match:
    grade: str
    probability: float
    person_id: int | None
    known_to: list[KnownTo]
    evidence: list[tuple[str, str, float]]  # (field, level, contribution to the match weight)


def _summary(records: list[SourceRecord]) -> list[KnownTo]:
    known = []
    for record in records:
        event_ids = SourceParticipation.objects.filter(
            system=record.system, record_source_id=record.source_id
        ).values_list("event_source_id", flat=True)
        kinds = Counter(
            SourceEvent.objects.filter(system=record.system, source_id__in=list(event_ids)).values_list(
                "kind", flat=True
            )
        )
        known.append(
            KnownTo(
                system=SourceSystem(record.system).label,
                record_id=record.pk,
                events=[(EVENT_WORDS.get(kind, kind.replace("_", " ")), n) for kind, n in kinds.most_common()],
            )
        )
    return known


def list_probable_matches(actor: Actor, details: dict[str, Any], *, purpose: str) -> list[Match]:
    """The best graded matches for these details (certain, probable, possible), each with what every agency
    holding a linked record knows, and the evidence. Each person shown is audited in the same transaction."""
    with transaction.atomic():
        shown: list[Match] = []
        seen_people: set[int] = set()
        for candidate in find_candidates(details):
            score: Score = candidate.score
            if score.grade is None or len(shown) >= MAX_SHOWN:
                continue
            if candidate.person_id is not None and candidate.person_id in seen_people:
                continue
            if candidate.person_id is not None:
                seen_people.add(candidate.person_id)
                records = list(
                    SourceRecord.objects.filter(person_id=candidate.person_id).order_by("system", "source_id")
                )
            else:
                records = list(SourceRecord.objects.filter(pk=candidate.source_record_id))
            person = Person.objects.filter(pk=candidate.person_id).first() if candidate.person_id else None
            record_access(actor, person, action="view_match", purpose=purpose, outcome=AuditOutcome.ALLOWED)
            shown.append(
                Match(
                    grade=score.grade,
                    probability=score.probability,
                    person_id=candidate.person_id,
                    known_to=_summary(records),
                    evidence=[(e.comparison, e.level, round(e.match_weight, 1)) for e in score.evidence],
                )
            )
        return shown
