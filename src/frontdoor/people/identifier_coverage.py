"""How many of the children the council is working with have a verified NHS number: the coverage figure of the
consistent child identifier (Children's Wellbeing and Schools Act 2026, s16LC), in aggregate, no child named.

The children counted are those open to children's social care now: an assessment, a section 47 enquiry, a child in
need or child protection plan, or a period looked after, recorded by social care and not yet ended (the same "what is
open now" the already-known check and the child's flags read, `people.vocabulary.SOCIAL_CARE_OPEN`).
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.people.consistent_identifier import map_claims, resolve
from frontdoor.people.models import PersonKind, SourceEvent, SourceParticipation, SourceRecord
from frontdoor.people.vocabulary import SOCIAL_CARE_OPEN

DEFINITION = (
    "Children open to children's social care now (being assessed, in a section 47 enquiry, on a child in need or "
    "child protection plan, or looked after), and of them those whose NHS number is held by a health agency's "
    "record with a correct check digit, and every other agency's record of them that holds an NHS number holds the "
    "same one."
)


@dataclass(frozen=True)
class Coverage:
    children: int  # open to social care now
    verified: int  # of them, with a verified NHS number and no conflict

    @property
    def percent(self) -> int | None:
        return round(100 * self.verified / self.children) if self.children else None


def children_open_to_social_care() -> list[int]:
    """The ids of children with an open social care plan, episode or assessment, in id order."""
    open_events = SourceEvent.objects.filter(kind__in=sorted(SOCIAL_CARE_OPEN), ended_at__isnull=True)
    wanted = set(open_events.values_list("system", "source_id"))
    if not wanted:
        return []
    systems = {system for system, _ in wanted}
    taking = SourceParticipation.objects.filter(
        system__in=systems, event_source_id__in=[source_id for _, source_id in wanted]
    ).values_list("system", "event_source_id", "record_source_id")
    records = {(system, record) for system, event, record in taking if (system, event) in wanted}
    if not records:
        return []
    found = SourceRecord.objects.filter(
        system__in={s for s, _ in records},
        source_id__in=[r for _, r in records],
        person__kind=PersonKind.CHILD,
    ).values_list("system", "source_id", "person_id")
    return sorted({person for system, source_id, person in found if (system, source_id) in records})


def nhs_number_coverage() -> Coverage:
    """The share of children open to social care now with a verified NHS number, and the counts behind it."""
    children = children_open_to_social_care()
    claims = map_claims(children)
    verified = 0
    for person_id in children:
        identifier = resolve(claims[person_id])
        verified += identifier.verified and not identifier.conflict
    return Coverage(children=len(children), verified=verified)
