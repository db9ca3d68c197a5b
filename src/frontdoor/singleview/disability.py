"""A child's disability on their page, as the children in need census codes it: what is recorded (on frontdoor's
own record, else on the council's social care record, as the census reads it), and recording or correcting it,
audited in the same transaction. The census, the all-year validation and the figures by disability read it."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.people import disability
from frontdoor.people.models import Person, SourceRecord, SourceSystem

YES, NO, NOT_KNOWN = "yes", "no", "not_known"
ANSWERS = [(YES, "Yes"), (NO, "No"), (NOT_KNOWN, "Not known")]
RECORD_ACTION = "record_disability"


@dataclass(frozen=True)
class RecordedDisability:
    codes: tuple[str, ...]  # the census's codes; () when not recorded
    from_social_care: bool  # read from the council's social care record, frontdoor's own holding none

    @property
    def words(self) -> str:
        return disability.describe(self.codes)

    @property
    def answer(self) -> str:
        """The form's answer to "Does the child have a disability?" for what is recorded ("" when nothing is)."""
        if not self.codes:
            return ""
        return NO if self.codes == (disability.NONE,) else YES

    @property
    def categories(self) -> list[str]:
        return [c for c in self.codes if c != disability.NONE]


def recorded_disability(person: Person) -> RecordedDisability:
    """What the census would return for the person: frontdoor's own record, else the latest social care record's."""
    own = disability.parse(person.disabilities)
    if own:
        return RecordedDisability(own, from_social_care=False)
    latest = (
        SourceRecord.objects.filter(system=SourceSystem.CSC, person=person).order_by("-extracted_at", "-id").first()
    )
    attributes = latest.attributes if latest is not None and isinstance(latest.attributes, dict) else {}
    held = disability.parse(str(attributes.get("disability") or ""))
    return RecordedDisability(held, from_social_care=bool(held))


def record_disability(actor: Actor, person: Person, *, answer: str, categories: list[str]) -> RecordedDisability:
    """Record whether the child has a disability and, if so, its census categories; not known clears what frontdoor
    holds (the census has no code for it). The change is on the access audit, in words, in the same transaction."""
    if answer == YES:
        codes = tuple(c for c in disability.CATEGORIES if c in categories)  # in the census's order
        if not codes:
            raise ValueError("a child with a disability has at least one of the census's categories")
    else:
        codes = (disability.NONE,) if answer == NO else ()
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        before = disability.describe(disability.parse(locked.disabilities)).lower()
        locked.disabilities = disability.held(codes)
        locked.updated_at = timezone.now()
        locked.save(update_fields=["disabilities", "updated_at"])
        after = disability.describe(codes).lower()
        record_access(
            actor,
            locked,
            action=RECORD_ACTION,
            purpose=f"recorded the child's disability: {after} (was {before})"[:200],
            outcome=AuditOutcome.ALLOWED,
        )
    person.disabilities = locked.disabilities
    return recorded_disability(locked)
