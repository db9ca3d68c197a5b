"""The single view of a child (or adult): one person as every agency's records describe them, read in a handful of
queries and audited in the same transaction.

Who the person is comes from record linkage (the source records linked to them, each with the evidence that it is
them); what has happened to them from every linked record's events and the front door's own referrals, VISTs and
incidents, merged in time order; who they live with from the people whose records share an address with theirs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from frontdoor.core.models import Clock, ClockState
from frontdoor.intake.models import IncidentPerson, ReferralChild, VistPerson
from frontdoor.linkage.selectors import map_holders, map_link_evidence
from frontdoor.linkage.services import SYSTEM_ORDER
from frontdoor.people.models import (
    Person,
    Relationship,
    SourceEvent,
    SourceParticipation,
    SourceRecord,
    SourceSystem,
)
from frontdoor.singleview.chronology import OPEN_FLAGS, SEN_PROVISION, SOCIAL_CARE_OPEN, kind_of

RECORD_FIELDS = (
    "id",
    "system",
    "first_name",
    "middle_names",
    "last_name",
    "date_of_birth",
    "sex",
    "postcode",
    "nhs_number",
    "upn",
)


@dataclass
class LinkedRecord:
    record: SourceRecord
    system: str
    grade: str | None  # how surely this record is the person, scored against their principal record
    probability: float | None
    evidence: list[tuple[str, str, float]] = field(default_factory=list)
    principal: bool = False


@dataclass
class Entry:
    """One line of the chronology."""

    at: datetime
    ended_at: datetime | None
    what: str
    detail: str
    agency: str
    category: str
    source: str  # the system and its own id, so anyone can find it at source
    link: str = ""


@dataclass
class Member:
    """Someone whose records share an address with this person's."""

    person: Person
    address: str
    systems: list[str]
    voice_recorded: bool | None  # for a child: is their own voice on any referral about them


@dataclass
class Related:
    """A recorded relationship, from this person's side: who the other person is to them, and when."""

    other: Person
    description: str  # "Parent (parental responsibility)", "Sibling"
    valid_from: date | None
    valid_to: date | None


@dataclass
class Flag:
    name: str
    detail: str
    tag: str = ""  # GOV.UK tag colour class


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
    open_clocks: list[tuple[Clock, str]]  # clock and what it is about
    decisions: list[Entry]
    events_total: int


def _address_key(record: SourceRecord) -> tuple[str, str] | None:
    if not record.postcode:
        return None
    line = " ".join(record.address.lower().replace(",", " ").split())
    return line, " ".join(record.postcode.upper().split())


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


def _events(records: list[SourceRecord]) -> list[tuple[SourceEvent, str]]:
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
            parts.append(f"{key.replace('_', ' ')}: {a[key]}")
    if a.get("attendance_pct") is not None:
        parts.append(f"attendance {a['attendance_pct']}%")
    if a.get("exclusions"):
        parts.append(f"{a['exclusions']} exclusions")
    if a.get("wait_days") is not None:
        parts.append(f"waited {a['wait_days']} days for allocation")
    return "; ".join(str(p) for p in parts)


def _front_door(person_id: int) -> tuple[list[Entry], list[Entry], list[tuple[str, int]]]:
    """The front door's own records about the person: referrals (and their decisions), VISTs, incidents."""
    entries, decisions = [], []
    subjects: list[tuple[str, int]] = []
    for child in ReferralChild.objects.filter(person_id=person_id).select_related("referral__referrer_agency"):
        referral = child.referral
        subjects.append(("intake.referral", referral.pk))
        said = "their own wishes and feelings recorded" if child.wishes_and_feelings else "voice not recorded"
        entries.append(
            Entry(
                referral.received_at,
                None,
                kind_of("fd_referral").what,
                f"{referral.reference} from {referral.referrer_agency.name}, level {referral.level_of_need}; {said}",
                "Front door",
                "referrals",
                f"Front door {referral.reference}",
                link=f"/mash/referrals/{referral.reference}/",
            )
        )
        if referral.decided_at:
            decision = Entry(
                referral.decided_at,
                None,
                kind_of("fd_decision").what,
                f"{referral.reference}: {referral.get_outcome_display()}. {referral.decision_summary}",
                "Front door",
                "referrals",
                f"Front door {referral.reference}",
                link=f"/mash/referrals/{referral.reference}/",
            )
            entries.append(decision)
            decisions.append(decision)
    for vp in VistPerson.objects.filter(person_id=person_id).select_related("vist"):
        subjects.append(("intake.vist", vp.vist.pk))
        entries.append(
            Entry(
                vp.vist.received_at,
                None,
                kind_of("fd_vist").what,
                f"{vp.vist.reference}, graded {vp.vist.get_effective_grade_display().lower()}; {vp.role}",
                "Front door",
                "police",
                f"Front door {vp.vist.reference}",
                link=f"/mash/vists/{vp.vist.reference}/",
            )
        )
    for ip in IncidentPerson.objects.filter(person_id=person_id).select_related("incident"):
        entries.append(
            Entry(
                ip.incident.occurred_at,
                None,
                kind_of("fd_incident").what,
                f"{ip.incident.incident_reference}; {ip.role}",
                "Front door",
                "police",
                f"Police {ip.incident.incident_reference}",
            )
        )
    return entries, decisions, subjects


def _household(person: Person, records: list[SourceRecord]) -> tuple[list[tuple[str, list[str]]], list[Member]]:
    keys: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in records:
        key = _address_key(record)
        if key:
            keys[key].append(SourceSystem(record.system).label)
    addresses = [
        (f"{line.title()}, {postcode}" if line else postcode, sorted(set(s))) for (line, postcode), s in keys.items()
    ]
    if not keys:
        return addresses, []
    others = SourceRecord.objects.filter(
        postcode__in=sorted({postcode for _line, postcode in keys}), person__isnull=False
    ).exclude(person_id=person.pk)
    members: dict[int, tuple[str, set[str]]] = {}
    for other in others:
        key = _address_key(other)
        if other.person_id is not None and key in keys and key[0]:
            _address, systems = members.setdefault(other.person_id, (f"{key[0].title()}, {key[1]}", set()))
            systems.add(SourceSystem(other.system).label)
    people = Person.objects.in_bulk(list(members))
    voiced = set(
        ReferralChild.objects.filter(person_id__in=list(members))
        .exclude(wishes_and_feelings="")
        .values_list("person_id", flat=True)
    )
    household = [
        Member(people[pid], address, sorted(systems), (pid in voiced) if people[pid].kind == "child" else None)
        for pid, (address, systems) in members.items()
    ]
    household.sort(key=lambda m: (m.person.kind != "adult", m.person.date_of_birth or date.max, m.person.pk))
    return addresses, household


def _relationships(person: Person) -> list[Related]:
    related = []
    for r in Relationship.objects.filter(relative=person).select_related("person"):
        pr = " (parental responsibility)" if r.parental_responsibility else ""
        related.append(Related(r.person, f"{r.get_kind_display()}{pr}", r.valid_from, r.valid_to))
    for r in Relationship.objects.filter(person=person).select_related("relative"):
        # `person` is the `kind` of `relative`: from this side, the other is the parent's child, or a sibling.
        kind = {"parent": "Child", "carer": "Cared for"}.get(r.kind, r.get_kind_display())
        related.append(Related(r.relative, kind, r.valid_from, r.valid_to))
    return sorted(related, key=lambda x: (x.valid_to is not None, x.description, x.other.pk))


def _flags(records: list[SourceRecord], events: list[tuple[SourceEvent, str]], seen: set[str]) -> list[Flag]:
    flags = []
    open_events = sorted(
        (e for e, _ in events if e.ended_at is None and e.kind in OPEN_FLAGS), key=lambda e: e.occurred_at
    )
    if any(e.kind in SOCIAL_CARE_OPEN for e in open_events):
        flags.append(Flag("Open to children's social care", "", "govuk-tag--red"))
    for event in open_events:
        flags.append(Flag(OPEN_FLAGS[event.kind], f"since {event.occurred_at:%-d %B %Y}", "govuk-tag--orange"))
    missing = [e for e, _ in events if e.kind == "missing_episode"]
    if missing:
        latest = max(e.occurred_at for e in missing)
        flags.append(Flag("Missing episodes", f"{len(missing)}, latest {latest:%-d %B %Y}", "govuk-tag--orange"))
    abuse = [e for e, _ in events if e.kind == "domestic_abuse_incident"]
    if abuse:
        latest = max(e.occurred_at for e in abuse)
        flags.append(Flag("Domestic-abuse incidents", f"{len(abuse)}, latest {latest:%-d %B %Y}", "govuk-tag--purple"))
    for record in records if "education" in seen else []:
        provision = SEN_PROVISION.get(str(record.attributes.get("sen_provision", "")))
        if record.system == SourceSystem.EDUCATION and provision:
            flags.append(Flag("Special educational needs", provision, "govuk-tag--blue"))
            break
    return flags


def _clocks(subjects: Iterable[tuple[str, int]]) -> list[tuple[Clock, str]]:
    query = Q(pk__in=[])
    labels = {}
    for subject_type, subject_id in subjects:
        query |= Q(subject_type=subject_type, subject_id=str(subject_id))
        labels[(subject_type, str(subject_id))] = subject_type
    clocks = Clock.objects.filter(query, state__in=[ClockState.RUNNING, ClockState.BREACHED]).order_by("due_at")
    return [(clock, labels.get((clock.subject_type, clock.subject_id), "")) for clock in clocks]


def build_single_view(
    person: Person, *, full: set[str], seen: set[str], agency: str = "", category: str = ""
) -> SingleView:
    """What the partnership holds about one person, cut to the data categories the reader may see in `full` (the
    chronology, linked records, household) or at least in summary (`seen`: flags, as CP-IS shows them); the
    chronology filtered by agency and category. The caller has checked access and written the audit row."""
    records = list(SourceRecord.objects.filter(person=person).order_by("system", "source_id"))
    events = _events(records)
    entries = [
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
    front_door, decisions, subjects = _front_door(person.pk)
    entries.extend(front_door)
    entries = [e for e in entries if e.category in full]
    if "referrals" not in full:
        decisions, subjects = [], []
    entries.sort(key=lambda e: e.at, reverse=True)
    agencies = sorted({e.agency for e in entries})
    categories = sorted({e.category for e in entries})
    shown = [e for e in entries if (not agency or e.agency == agency) and (not category or e.category == category)]
    addresses: list[tuple[str, list[str]]] = []
    household: list[Member] = []
    linked: list[LinkedRecord] = []
    relationships: list[Related] = []
    if "identity" in full:
        addresses, household = _household(person, records)
        relationships = _relationships(person)
        linked = _linked_records(records)
    held = map_holders(records)
    for item in linked:
        item.system = f"{item.system} ({held[item.record.pk]})" if item.record.pk in held else item.system
    return SingleView(
        person=person,
        records=linked,
        addresses=addresses,
        household=household,
        relationships=relationships,
        flags=_flags(records, [(e, r) for e, r in events if kind_of(e.kind).category in seen], seen),
        chronology=shown,
        agencies=agencies,
        categories=categories,
        open_clocks=_clocks(subjects),
        decisions=sorted(decisions, key=lambda e: e.at, reverse=True)[:5],
        events_total=len(entries),
    )


def age_on(born: date | None, today: date | None = None) -> int | None:
    if born is None:
        return None
    today = today or timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
