"""Demo data for the consistent child identifier: the GP practice's records that hold the Ashdown and Kowalski
children's NHS numbers (so their pages say "verified by a health record (Riverside Medical Practice) since ..."),
social care's open child protection plans for Maisie and Tyler Ashdown, and Kai Brennan, a child in need newly
arrived in the county whose NHS number is being traced, with the MASH social worker's recorded reason. The privacy
officer's and the analyst's homes then show the coverage figure: 2 of the 3 children open to social care.

Everyone here is invented. Idempotent: each record is found again by its source id.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.people.models import (
    IdentifierScheme,
    NhsNumberAbsence,
    NhsNumberAbsenceReason,
    Person,
    PersonKind,
    Sex,
    SourceEvent,
    SourceParticipation,
    SourceRecord,
    SourceSystem,
)

GP = "Riverside Medical Practice"
REGISTERED = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)  # when the GP practice's records first reached the front door
# (first name, last name) of the demo's children whose GP record holds their NHS number.
REGISTERED_WITH_GP = [("Maisie", "Ashdown"), ("Tyler", "Ashdown"), ("Ruby", "Ashdown"), ("Oliwia", "Kowalski"),
                      ("Olek", "Kowalski")]  # fmt: skip
ON_A_PLAN = [("Maisie", "Ashdown"), ("Tyler", "Ashdown")]
PLAN_CODES = {"child_protection_plan": "CPP", "child_in_need_plan": "CINP"}  # the source ids social care gives
TRACED = ("Kai", "Brennan", date(2013, 7, 22))


def load_demo_nhs_numbers(today: date) -> None:
    for first, last in REGISTERED_WITH_GP:
        child = Person.objects.filter(first_name=first, last_name=last, kind=PersonKind.CHILD).first()
        ident = child.identifiers.filter(scheme=IdentifierScheme.NHS_NUMBER).first() if child else None
        if child is None or ident is None:
            continue
        _record(child, SourceSystem.HEALTH, f"DEMO-GP-{first}-{last}", nhs_number=ident.value, gp_name=GP)
    for first, last in ON_A_PLAN:
        child = Person.objects.filter(first_name=first, last_name=last, kind=PersonKind.CHILD).first()
        if child is not None:
            _open(child, "child_protection_plan", datetime(2026, 9, 14, 10, 0, tzinfo=UTC))
    first, last, born = TRACED
    kai = Person.objects.filter(first_name=first, last_name=last, date_of_birth=born).first()
    if kai is None:
        kai = Person.objects.create(kind=PersonKind.CHILD, first_name=first, last_name=last, sex=Sex.MALE,
                                    date_of_birth=born)  # fmt: skip
    _open(kai, "child_in_need_plan", datetime(2026, 11, 2, 11, 0, tzinfo=UTC))
    if not NhsNumberAbsence.objects.filter(person=kai).exists():
        NhsNumberAbsence.objects.create(
            person=kai,
            reason=NhsNumberAbsenceReason.TRACING,
            note="Moved from Wales in October; the GP registration is under way and the practice is tracing it.",
            recorded_by=User.objects.filter(username="mash.sw").first(),
            recorded_at=timezone.now(),
        )


def _record(person: Person, system: str, source_id: str, *, nhs_number: str = "", **attributes: str) -> SourceRecord:
    record, created = SourceRecord.objects.get_or_create(
        system=system,
        source_id=source_id,
        defaults={
            "person": person,
            "extracted_at": timezone.now(),
            "kind": person.kind,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "date_of_birth": person.date_of_birth,
            "sex": person.sex,
            "nhs_number": nhs_number,
            "attributes": attributes,
            "content_hash": f"demo-nhsnumber-{system}-{source_id}",
        },
    )
    if created and system == SourceSystem.HEALTH:
        SourceRecord.objects.filter(pk=record.pk).update(created_at=REGISTERED)
    return record


def _open(person: Person, kind: str, since: datetime) -> None:
    """An open social care plan for the child, as social care's extract brings it in."""
    record = _record(person, SourceSystem.CSC, f"DEMO-CSC-{person.first_name}-{person.last_name}")
    event, _ = SourceEvent.objects.get_or_create(
        system=SourceSystem.CSC,
        source_id=f"DEMO-CSC-{PLAN_CODES[kind]}-{person.first_name}-{person.last_name}",
        defaults={
            "extracted_at": timezone.now(),
            "kind": kind,
            "occurred_at": since,
            "attributes": {},
            "content_hash": f"demo-nhsnumber-event-{kind}-{person.pk}",
        },
    )
    SourceParticipation.objects.get_or_create(
        system=SourceSystem.CSC,
        event_source_id=event.source_id,
        record_source_id=record.source_id,
        role="subject",
        defaults={"extracted_at": timezone.now()},
    )
