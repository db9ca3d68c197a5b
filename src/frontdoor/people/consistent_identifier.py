"""The consistent child identifier (Children's Wellbeing and Schools Act 2026, s16LC): a person's NHS number with
where it came from, or the recorded reason it is absent.

Computed from what is already held, never stored twice: each linked source record's NHS number and each
`PersonIdentifier` of the NHS number scheme is a *claim*. A claim is verified when a health agency's record holds the
number and its check digit is right; any other agency's claim is reported only. Two different valid numbers on one
person are a conflict, for a person to review. `resolve` is the rule, pure; `consistent_identifier` reads the claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from frontdoor.core.identifiers import format_nhs_number, nhs_number_is_valid, normalise_nhs_number
from frontdoor.people.models import (
    AgencyKind,
    IdentifierScheme,
    NhsNumberAbsence,
    Person,
    PersonIdentifier,
    SourceRecord,
    SourceSystem,
)

HEALTH_AGENCY_KINDS = frozenset(
    {
        AgencyKind.ACUTE_HOSPITAL,
        AgencyKind.COMMUNITY_HEALTH,
        AgencyKind.MATERNITY,
        AgencyKind.SEXUAL_HEALTH,
        AgencyKind.GP,
        AgencyKind.AMBULANCE,
    }
)
# How a reported number's source is named in a sentence ("reported by police, not verified").
SYSTEM_WORDS: dict[str, str] = {
    SourceSystem.CSC: "children's social care",
    SourceSystem.POLICE: "police",
    SourceSystem.HEALTH: "health",
    SourceSystem.EDUCATION: "education",
    SourceSystem.EARLY_HELP: "early help",
}


@dataclass(frozen=True)
class Claim:
    """One record's NHS number for the person: who holds it (agency or system, in words), whether that is a health
    agency's record, and since when it has been held."""

    value: str
    holder: str  # "Riverside Medical Practice", "police"
    system: str  # the source system's label, or "recorded on the person" for an identifier row
    health: bool
    since: date | None
    source: str = ""  # the source system's value for a linked record; empty for an identifier on the person

    @property
    def valid(self) -> bool:
        return nhs_number_is_valid(self.value)

    @property
    def verified(self) -> bool:
        return self.health and self.valid


@dataclass(frozen=True)
class Absence:
    reason: str  # NhsNumberAbsenceReason value
    words: str  # its label
    note: str
    recorded_by: str
    recorded_at: datetime | None


@dataclass
class ConsistentIdentifier:
    """A person's consistent identifier: `nhs_number` (digits) with its claims, or why it is absent."""

    nhs_number: str = ""
    verified: bool = False
    since: date | None = None  # the earliest verifying claim's, else the earliest claim's
    claims: list[Claim] = field(default_factory=list)  # every claim on the number shown, verified first
    conflict: list[str] = field(default_factory=list)  # two or more different valid numbers, formatted
    invalid: list[str] = field(default_factory=list)  # numbers held that fail the check digit, formatted
    absence: Absence | None = None

    @property
    def formatted(self) -> str:
        return format_nhs_number(self.nhs_number) if self.nhs_number else ""

    @property
    def status(self) -> str:
        """How the number stands, in words, for the person's page and exports."""
        return self.describe(name_holders=True)

    def sources(self) -> set[str]:
        """The source systems whose records hold a claim on the number shown."""
        return {c.source for c in self.claims if c.source}

    def describe(self, *, name_holders: bool) -> str:
        """In words; without naming who holds the number when the reader may not see every holder's records
        (naming a GP practice to a role that sees no health records would say what is withheld)."""
        if not name_holders and self.nhs_number and not self.conflict:
            if self.verified:
                return "verified by a health record"
            return "reported by another agency, not verified"
        if self.conflict:
            return f"Two different NHS numbers are held ({' and '.join(self.conflict)}): review which is this person's"
        if self.nhs_number and self.verified:
            holders = _joined(sorted({c.holder for c in self.claims if c.verified}))
            since = f" since {_day(self.since)}" if self.since else ""
            return f"verified by a health record ({holders}){since}"
        if self.nhs_number:
            return f"reported by {_joined(sorted({c.holder for c in self.claims}))}, not verified"
        if self.absence is not None:
            return self.absence.words
        return "not known, and no reason for its absence has been recorded"


def _day(when: date) -> str:
    return f"{when.day} {when:%B %Y}"


def _joined(words: list[str]) -> str:
    return f"{', '.join(words[:-1])} and {words[-1]}" if len(words) > 1 else "".join(words)


def resolve(claims: list[Claim], absence: Absence | None = None) -> ConsistentIdentifier:
    """The rule. Valid numbers only are the person's; a verified one is preferred to one only reported; two different
    valid numbers are a conflict, never silently chosen between. The absence reason stands only while no number is
    known."""
    claims = [
        Claim(normalise_nhs_number(c.value), c.holder, c.system, c.health, c.since, c.source) for c in claims if c.value
    ]
    valid = [c for c in claims if c.valid]
    invalid = sorted({format_nhs_number(c.value) for c in claims if not c.valid})
    numbers = sorted({c.value for c in valid})
    if not numbers:
        return ConsistentIdentifier(invalid=invalid, absence=absence)
    if len(numbers) > 1:
        chosen = min(numbers, key=lambda n: (not any(c.verified for c in valid if c.value == n), n))
        result = _for_number(chosen, valid)
        result.conflict = [format_nhs_number(n) for n in numbers]
        result.invalid = invalid
        return result
    result = _for_number(numbers[0], valid)
    result.invalid = invalid
    return result


def _for_number(number: str, valid: list[Claim]) -> ConsistentIdentifier:
    mine = [c for c in valid if c.value == number]
    verifying = [c for c in mine if c.verified]
    dated = [c.since for c in (verifying or mine) if c.since]
    mine.sort(key=lambda c: (not c.verified, c.since or date.max, c.holder))
    return ConsistentIdentifier(
        nhs_number=number, verified=bool(verifying), since=min(dated) if dated else None, claims=mine
    )


def _record_holder(record: SourceRecord) -> str:
    if record.system == SourceSystem.HEALTH:
        return str(record.attributes.get("gp_name") or record.attributes.get("provider") or "a health record")
    return SYSTEM_WORDS.get(record.system, record.system)


def claims_of(person: Person) -> list[Claim]:
    """Every NHS number held about the person: on their linked records, and on their identifiers."""
    return map_claims([person.pk]).get(person.pk, [])


def map_claims(person_ids: list[int]) -> dict[int, list[Claim]]:
    """Each person's claims, for many people in two queries (the coverage figure reads thousands)."""
    claims: dict[int, list[Claim]] = {pk: [] for pk in person_ids}
    records = SourceRecord.objects.filter(person_id__in=person_ids).exclude(nhs_number="").order_by("system", "id")
    for record in records:
        if record.person_id is None:
            continue
        claims[record.person_id].append(
            Claim(
                value=record.nhs_number,
                holder=_record_holder(record),
                system=SourceSystem(record.system).label,
                health=record.system == SourceSystem.HEALTH,
                since=record.created_at.date() if record.created_at else None,
                source=record.system,
            )
        )
    today = timezone.localdate()
    identifiers = PersonIdentifier.objects.filter(person_id__in=person_ids, scheme=IdentifierScheme.NHS_NUMBER)
    for ident in identifiers.select_related("agency").order_by("valid_from", "id"):
        if ident.valid_to and ident.valid_to < today:
            continue  # a number no longer in use (a temporary one, replaced)
        agency = ident.agency
        claims[ident.person_id].append(
            Claim(
                value=ident.value,
                holder=agency.name if agency else "a record with no agency named",
                system="recorded on the person",
                health=bool(agency and agency.kind in HEALTH_AGENCY_KINDS),
                since=ident.valid_from,
            )
        )
    return claims


def latest_absence(person: Person) -> Absence | None:
    row = NhsNumberAbsence.objects.filter(person=person).select_related("recorded_by").first()
    if row is None:
        return None
    user = row.recorded_by
    by = (user.get_full_name() or "a worker") if user is not None else "a worker no longer here"
    return Absence(row.reason, row.get_reason_display(), row.note, by, row.recorded_at)


def consistent_identifier(person: Person) -> ConsistentIdentifier:
    """The person's consistent identifier, for their page and for exports. The caller has checked access to the
    person and audited the look; this only reads."""
    return resolve(claims_of(person), latest_absence(person))
