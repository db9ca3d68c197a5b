"""Agencies, schools and people, named after the DfE Standard Safeguarding Dataset where it has a name; and what
agencies' own systems hold about them. One module per concept; Django finds the models here."""

from frontdoor.people.models.absence import NhsNumberAbsence, NhsNumberAbsenceReason
from frontdoor.people.models.organisations import (
    EDUCATION_KINDS,
    Agency,
    AgencyKind,
    School,
    SchoolPhase,
    validate_postcode,
)
from frontdoor.people.models.persons import (
    Address,
    IdentifierScheme,
    Person,
    PersonIdentifier,
    PersonKind,
    Relationship,
    RelationshipKind,
    Sex,
)
from frontdoor.people.models.records import IngestRun, SourceEvent, SourceParticipation, SourceRecord, SourceSystem

__all__ = [
    "EDUCATION_KINDS",
    "Address",
    "Agency",
    "AgencyKind",
    "IdentifierScheme",
    "IngestRun",
    "NhsNumberAbsence",
    "NhsNumberAbsenceReason",
    "Person",
    "PersonIdentifier",
    "PersonKind",
    "Relationship",
    "RelationshipKind",
    "School",
    "SchoolPhase",
    "Sex",
    "SourceEvent",
    "SourceParticipation",
    "SourceRecord",
    "SourceSystem",
    "validate_postcode",
]
