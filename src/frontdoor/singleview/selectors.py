"""The single view of a child (or adult): one person as every agency's records describe them, read in a handful of
queries and audited in the same transaction.

Who the person is comes from record linkage (the source records linked to them, each with the evidence that it is
them); what has happened to them from every linked record's events and what each capability of the front door
holds about them (`people.providers`: referrals, VISTs, decisions, ...), merged in time order; who they live with
from the people whose records share an address with theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from frontdoor.core.clocks import RULES
from frontdoor.core.display import Deadline, deadline
from frontdoor.core.registry import Subject, describe_subjects
from frontdoor.core.selectors import list_open_clocks
from frontdoor.linkage.selectors import map_holders, map_link_evidence
from frontdoor.linkage.services import SYSTEM_ORDER
from frontdoor.people.models import Person, SourceRecord, SourceSystem
from frontdoor.people.providers import Entry, list_person_providers
from frontdoor.people.vocabulary import kind_of
from frontdoor.singleview.events import source_entries, source_events
from frontdoor.singleview.flags import Flag, flags
from frontdoor.singleview.household import Member, Related, household, relationships


@dataclass
class LinkedRecord:
    record: SourceRecord
    system: str
    grade: str | None  # how surely this record is the person, scored against their principal record
    probability: float | None
    evidence: list[tuple[str, str, float]] = field(default_factory=list)
    principal: bool = False


@dataclass
class OpenDeadline:
    what: str  # "Decision on referral FD-7K2M-9QXA"
    subject: Subject  # what it is about, and where it is worked
    deadline: Deadline


@dataclass
class SingleView:
    person: Person
    records: list[LinkedRecord]
    addresses: list[tuple[str, list[str]]]  # address -> systems that hold it
    household: list[Member]
    relationships: list[Related]
    flags: list[Flag]
    chronology: list[Entry]
    agencies: list[str]  # filter options present in the chronology
    categories: list[str]
    open_deadlines: list[OpenDeadline]
    decisions: list[Entry]
    events_total: int


def _principal(records: list[SourceRecord]) -> SourceRecord:
    order = {system: i for i, system in enumerate(SYSTEM_ORDER)}
    return min(records, key=lambda r: (order.get(r.system, 99), r.pk))


def _linked_records(records: list[SourceRecord]) -> list[LinkedRecord]:
    if not records:
        return []
    principal = _principal(records)
    stored = map_link_evidence(records)  # scored when each record was linked, not now
    linked = []
    for record in records:
        system = SourceSystem(record.system).label
        found = stored.get(record.pk)
        if record.pk == principal.pk or found is None:
            linked.append(LinkedRecord(record, system, None, None, principal=record.pk == principal.pk))
            continue
        linked.append(LinkedRecord(record, system, found.grade, found.probability, found.evidence))
    return sorted(linked, key=lambda r: (not r.principal, r.system, r.record.source_id))


def _open_deadlines(subjects: list[tuple[str, str]]) -> list[OpenDeadline]:
    clocks = list_open_clocks(subjects)
    described = describe_subjects((c.subject_type, c.subject_id) for c in clocks)
    now = timezone.now()
    deadlines = []
    for clock in clocks:
        rule = RULES.get(clock.rule)
        due = deadline(clock, now)
        if due is not None:
            subject = described[(clock.subject_type, clock.subject_id)]
            deadlines.append(OpenDeadline(rule.about(subject.label) if rule else subject.label, subject, due))
    return deadlines


# The data categories each agency system's records belong to: a reader sees a system's records (who it holds, at
# which address) only if they may see one of its categories, or its holding the person would itself tell them.
SYSTEM_CATEGORIES = {
    "health": frozenset({"acute_health", "community_health", "maternity", "sexual_health"}),
    "education": frozenset({"education"}),
    "csc": frozenset({"csc"}),
    "earlyhelp": frozenset({"early_help"}),
    "police": frozenset({"police"}),
}


def systems_seen(seen: set[str]) -> set[str]:
    return {system for system, categories in SYSTEM_CATEGORIES.items() if categories & seen}


def build_single_view(
    person: Person, *, full: set[str], seen: set[str], agency: str = "", category: str = ""
) -> SingleView:
    """What the partnership holds about one person, cut to the data categories the reader may see in `full` (the
    chronology, linked records, household) or at least in summary (`seen`: flags, as CP-IS shows them); the
    chronology filtered by agency and category. The caller has checked access and written the audit row.

    What the reader may not see leaves no trace: the records of a system they may not see are left out of the
    linked records, the addresses and the household, so the page is the same whether or not such records exist."""
    all_records = list(SourceRecord.objects.filter(person=person).order_by("system", "source_id"))
    visible_systems = systems_seen(seen)
    records = [r for r in all_records if r.system in visible_systems]
    events = source_events(all_records)
    entries = source_entries(events)
    subjects: list[tuple[str, str]] = []
    for provider in list_person_providers():
        if provider.chronology is not None:
            entries.extend(provider.chronology(person.pk))
        if provider.subjects is not None and "referrals" in full:
            subjects.extend(provider.subjects(person.pk))
    entries = [e for e in entries if e.category in full]
    entries.sort(key=lambda e: e.at, reverse=True)
    agencies = sorted({e.agency for e in entries})
    categories = sorted({e.category for e in entries})
    shown = [e for e in entries if (not agency or e.agency == agency) and (not category or e.category == category)]
    addresses: list[tuple[str, list[str]]] = []
    members: list[Member] = []
    linked: list[LinkedRecord] = []
    related: list[Related] = []
    if "identity" in full:
        addresses, members = household(person, records, visible_systems)
        related = relationships(person)
        linked = _linked_records(records)
    held = map_holders(records)
    for item in linked:
        item.system = f"{item.system} ({held[item.record.pk]})" if item.record.pk in held else item.system
    return SingleView(
        person=person,
        records=linked,
        addresses=addresses,
        household=members,
        relationships=related,
        flags=flags(records, [(e, r) for e, r in events if kind_of(e.kind).category in seen], seen),
        chronology=shown,
        agencies=agencies,
        categories=categories,
        open_deadlines=_open_deadlines(subjects),
        decisions=[e for e in entries if e.decision][:5],
        events_total=len(entries),
    )


def age_on(born: date | None, today: date | None = None) -> int | None:
    if born is None:
        return None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
