"""The consistent child identifier on the child's page: recording why a person's NHS number is absent (the Children's
Wellbeing and Schools Act 2026 exceptions), and the coverage figure's home section."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.people.consistent_identifier import consistent_identifier
from frontdoor.people.identifier_coverage import DEFINITION, nhs_number_coverage
from frontdoor.people.models import NhsNumberAbsence, Person


class AbsenceRefused(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def record_nhs_number_absence(actor: Actor, person: Person, *, reason: str, note: str = "") -> NhsNumberAbsence:
    """Record why the person's NHS number is not on their record, audited in the same transaction."""
    with transaction.atomic():
        known = consistent_identifier(person)
        if known.nhs_number:
            raise AbsenceRefused(
                "reason", "An NHS number is held for this person, so there is no absence to explain; check it instead"
            )
        absence = NhsNumberAbsence.objects.create(
            person=person, reason=reason, note=note, recorded_by=actor.user, recorded_at=timezone.now()
        )
        record_access(
            actor,
            person,
            action="record_nhs_number_absence",
            purpose=f"recorded why the NHS number is absent: {absence.get_reason_display()}"[:200],
            outcome=AuditOutcome.ALLOWED,
        )
    return absence


def home_coverage(actor: Any) -> dict[str, Any]:
    """The coverage figure for the privacy officer's and the analyst's homes: counts, no child named."""
    return {"coverage": nhs_number_coverage(), "definition": DEFINITION}
