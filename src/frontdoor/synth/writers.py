"""CSV files written a row at a time (UTF-8, RFC 4180 quoting, ``\\n`` line ends) and counted for the manifest."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import IO

# The exact headers of docs/synthetic-county.md, one place for writers and tests alike.
HEADERS: dict[str, tuple[str, ...]] = {
    "truth/people.csv": (
        "person_id", "kind", "first_name", "middle_name", "last_name", "birth_surname", "sex", "dob", "edd",
        "nhs_number", "upn", "household_id", "mother_id", "father_id", "twin_of", "postcode",
        "name_origin",
    ),
    "truth/records.csv": ("system", "source_id", "person_id"),
    "reference/schools.csv": (
        "urn", "name", "phase", "independent", "postcode", "dsl_name", "dsl_email", "deputy_dsl_name",
        "deputy_dsl_email",
    ),
    "reference/gp_practices.csv": ("ods_code", "name", "postcode"),
    "reference/school_terms.csv": ("urn", "first_day", "last_day"),
    "csc/persons.csv": (
        "PersonID", "PersonType", "Forename", "Surname", "DateOfBirth", "ExpectedDateOfBirth", "Gender",
        "Ethnicity", "UPN", "NHSNumber", "AddressLine1", "Postcode", "LastUpdated",
    ),
    "csc/episodes.csv": (
        "EpisodeID", "PersonID", "EventType", "StartDate", "EndDate", "ReferralSource", "PrimaryNeed", "Outcome",
        "CategoryOfAbuse",
    ),
    "police/incidents.csv": (
        "IncidentRef", "OccurredAt", "IncidentType", "ChildrenPresent", "LocationPostcode", "RiskLevel", "FoundAt",
        "Summary", "OfficerCollar", "Team",
    ),
    "police/persons.csv": (
        "NominalID", "IncidentRef", "Involvement", "Surname", "Forenames", "DOB", "AgeAtIncident", "Sex", "Address",
        "Postcode",
    ),
    "police/vists.csv": (
        "VistRef", "IncidentRef", "NominalID", "OfficerCollar", "SubmittedAt", "RiskGrade", "Circumstances",
        "ChildSaid", "Channel",
    ),
    "education/census.csv": (
        "UPN", "FormerUPN", "LegalSurname", "Forename", "MiddleNames", "PreferredSurname", "DOB", "Sex", "URN",
        "EntryDate", "Postcode", "SENprovision", "FSMeligible", "AttendancePct", "Exclusions", "CensusTerm",
        "EnrolStatus",
    ),
    "education/ehe_register.csv": (
        "UPN", "LegalSurname", "Forename", "MiddleNames", "DOB", "Sex", "Postcode", "PreviousURN", "StartDate",
    ),
    "earlyhelp/episodes.csv": (
        "EpisodeRef", "ChildRef", "FirstName", "LastName", "DateOfBirth", "Postcode", "ReferralDate",
        "AllocatedDate", "ClosedDate", "LeadOrganisation", "Reason",
    ),
}  # fmt: skip


class CsvSink:
    __slots__ = ("_file", "_writer", "rows")

    def __init__(self, path: Path, header: Iterable[str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file, lineterminator="\n")
        self._writer.writerow(header)
        self.rows = 0

    def row(self, values: Iterable[object]) -> None:
        self._writer.writerow(values)
        self.rows += 1

    def close(self) -> None:
        self._file.close()


class Files:
    """Every CSV of the output, opened up front so that each appears (with its header) even when empty."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.sinks = {name: CsvSink(out / name, header) for name, header in HEADERS.items()}
        self.extra_counts: dict[str, int] = {}

    def __getitem__(self, name: str) -> CsvSink:
        return self.sinks[name]

    def counts(self) -> dict[str, int]:
        counts = {name: sink.rows for name, sink in self.sinks.items()}
        counts.update(self.extra_counts)
        return dict(sorted(counts.items()))

    def close(self) -> None:
        for sink in self.sinks.values():
            sink.close()
