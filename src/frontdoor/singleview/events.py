"""What the agencies' own systems say happened to a person: every event of every record linked to them, with the
part the person played, as lines of the chronology."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from frontdoor.people.models import SourceEvent, SourceParticipation, SourceRecord, SourceSystem
from frontdoor.people.providers import Entry
from frontdoor.people.vocabulary import attribute_words, kind_of


def source_events(records: list[SourceRecord]) -> list[tuple[SourceEvent, str]]:
    """Every event of these records with the person's role in it, one query per system."""
    by_system: dict[str, list[str]] = defaultdict(list)
    for record in records:
        by_system[record.system].append(record.source_id)
    roles: dict[tuple[str, str], str] = {}
    for system, source_ids in by_system.items():
        for event_id, role in SourceParticipation.objects.filter(
            system=system, record_source_id__in=source_ids
        ).values_list("event_source_id", "role"):
            roles[(system, event_id)] = role
    if not roles:
        return []
    wanted: dict[str, list[str]] = defaultdict(list)
    for system, event_id in roles:
        wanted[system].append(event_id)
    query = Q(pk__in=[])
    for system, event_ids in wanted.items():
        query |= Q(system=system, source_id__in=event_ids)
    return [(event, roles[(event.system, event.source_id)]) for event in SourceEvent.objects.filter(query)]


def _detail(event: SourceEvent, role: str) -> str:
    a = event.attributes
    parts = [role.replace("_", " ")] if role not in ("subject", "patient", "pupil", "child") else []
    for key in ("primary_need", "category_of_abuse", "outcome", "reason", "lead_organisation", "risk_level"):
        if a.get(key):
            parts.append(attribute_words(key, a[key]))
    if a.get("attendance_pct") is not None:
        parts.append(f"attendance {a['attendance_pct']}%")
    if a.get("exclusions"):
        parts.append(f"{a['exclusions']} exclusions")
    if a.get("wait_days") is not None:
        parts.append(f"waited {a['wait_days']} days for allocation")
    return "; ".join(str(p) for p in parts)


def source_entries(events: list[tuple[SourceEvent, str]]) -> list[Entry]:
    """Each agency event as a line of the chronology."""
    return [
        Entry(
            event.occurred_at,
            event.ended_at,
            kind_of(event.kind).what,
            _detail(event, role),
            kind_of(event.kind).agency,
            kind_of(event.kind).category,
            f"{SourceSystem(event.system).label} {event.source_id}",
        )
        for event, role in events
    ]
