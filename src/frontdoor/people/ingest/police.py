"""Police: incidents, the people linked to them (nominals) and VISTs (docs/synthetic-county.md).

A nominal appears once per incident it is linked to; its record is built from all its rows (the first non-empty
value of each field, in file order), and each row becomes that person's part in the incident. Where no row gives a
date of birth, the age kept is the first row's that gives one, with the incident it was given at (`age_given_at`), so
that linkage knows when the age held.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO

from frontdoor.people.ingest.parsing import (
    ExtractFile,
    Parsed,
    ParsedEvent,
    ParsedParticipation,
    ParsedRecord,
    RowProblem,
    choice,
    parse_date,
    parse_datetime,
    postcode,
    rows,
    text,
    title_case,
)

DATE = "%d/%m/%Y"
DATETIME = "%d/%m/%Y %H:%M"
INCIDENT_COLUMNS = ["IncidentRef", "OccurredAt", "IncidentType", "ChildrenPresent"]
PERSON_COLUMNS = ["NominalID", "IncidentRef", "Involvement", "Surname", "Forenames", "DOB", "Sex"]
VIST_COLUMNS = ["VistRef", "IncidentRef", "NominalID", "SubmittedAt", "RiskGrade"]
INCIDENT_KINDS = {
    "DOMESTIC ABUSE": "domestic_abuse_incident",
    "MISSING PERSON": "missing_episode",
    "CONCERN FOR SAFETY": "concern_for_safety",
    "ASSAULT": "police_incident",
    "ASB": "police_incident",
    "THEFT": "police_incident",
    "OTHER": "police_incident",
}
INVOLVEMENTS = {
    "VICTIM": "victim",
    "SUSPECT": "suspect",
    "WITNESS": "witness",
    "CHILD PRESENT": "child_present",
    "CHILD LINKED": "child_linked",
    "MISSING PERSON": "missing_person",
    "INFORMANT": "informant",
}
SEXES = {"M": "M", "F": "F", "U": "U", "": "U"}
GRADES = {"RED": "red", "AMBER": "amber", "GREEN": "green"}


def parse_incidents(stream: IO[str], source: str) -> Iterator[Parsed]:
    def build(row: dict[str, str]) -> Iterator[Parsed]:
        occurred = parse_datetime(row, "OccurredAt", DATETIME, required=True)
        found = parse_datetime(row, "FoundAt", DATETIME)
        assert occurred is not None
        incident_type = row.get("IncidentType", "")
        yield ParsedEvent(
            source_id=text(row, "IncidentRef", required=True, max_length=64),
            kind=choice(row, "IncidentType", INCIDENT_KINDS),
            occurred_at=occurred,
            ended_at=found,
            attributes={
                "incident_type": incident_type,
                "children_present": choice(row, "ChildrenPresent", {"Y": True, "N": False}),  # type: ignore[dict-item]
                "location_postcode": postcode(row.get("LocationPostcode", "")),
                "risk_level": row.get("RiskLevel", ""),
                "summary": text(row, "Summary", max_length=2000),
            },
        )

    return rows(stream, source, INCIDENT_COLUMNS, build)


def parse_persons(stream: IO[str], source: str) -> Iterator[Parsed]:
    nominals: dict[str, ParsedRecord] = {}
    order: list[str] = []

    def build(row: dict[str, str]) -> Iterator[Parsed]:
        nominal = text(row, "NominalID", required=True, max_length=64)
        incident = text(row, "IncidentRef", required=True, max_length=64)
        role = choice(row, "Involvement", INVOLVEMENTS)
        dob = parse_date(row, "DOB", DATE)
        age_text = row.get("AgeAtIncident", "")
        if age_text and not re.fullmatch(r"[0-9]{1,3}", age_text):  # str.isdigit also takes "²", which int() refuses
            raise RowProblem(f"AgeAtIncident {age_text!r} is not a whole number of years")
        age = int(age_text) if age_text else None
        seen = ParsedRecord(
            source_id=nominal,
            first_name=title_case(row.get("Forenames", "").split(" ")[0]),
            middle_names=title_case(" ".join(row.get("Forenames", "").split(" ")[1:])),
            last_name=title_case(text(row, "Surname")),
            date_of_birth=dob,
            age_years=age if dob is None else None,
            age_given_at=incident if dob is None and age is not None else "",
            sex=choice(row, "Sex", SEXES),
            postcode=postcode(row.get("Postcode", "")),
            address=text(row, "Address", max_length=300),
        )
        if nominal in nominals:
            _fill_gaps(nominals[nominal], seen)
        else:
            nominals[nominal] = seen
            order.append(nominal)
        yield ParsedParticipation(event_source_id=incident, record_source_id=nominal, role=role)

    yield from rows(stream, source, PERSON_COLUMNS, build)
    for nominal in order:
        yield nominals[nominal]  # kind (child or adult) is settled at ingest, from the age at the extract date


def _fill_gaps(record: ParsedRecord, seen: ParsedRecord) -> None:
    for name in ("first_name", "middle_names", "last_name", "postcode", "address"):
        if not getattr(record, name) and getattr(seen, name):
            setattr(record, name, getattr(seen, name))
    if record.date_of_birth is None and seen.date_of_birth is not None:
        record.date_of_birth, record.age_years, record.age_given_at = seen.date_of_birth, None, ""
    if record.date_of_birth is None and record.age_years is None:
        record.age_years, record.age_given_at = seen.age_years, seen.age_given_at  # the age and when it was given
    if record.sex == "U":
        record.sex = seen.sex


def parse_vists(stream: IO[str], source: str) -> Iterator[Parsed]:
    def build(row: dict[str, str]) -> Iterator[Parsed]:
        submitted = parse_datetime(row, "SubmittedAt", DATETIME, required=True)
        assert submitted is not None
        yield ParsedEvent(
            source_id=text(row, "VistRef", required=True, max_length=64),
            kind="vist",
            occurred_at=submitted,
            attributes={
                "incident_ref": text(row, "IncidentRef", max_length=64),
                "risk_grade": choice(row, "RiskGrade", GRADES),
                "officer": text(row, "OfficerCollar", max_length=40),
                "channel": row.get("Channel", ""),
                "circumstances": text(row, "Circumstances", max_length=4000),
                "child_said": text(row, "ChildSaid", max_length=4000),
            },
            participants=[(text(row, "NominalID", required=True, max_length=64), "subject")],
        )

    return rows(stream, source, VIST_COLUMNS, build)


FILES = (
    ExtractFile("incidents", "police/incidents.csv", parse_incidents),
    ExtractFile("persons", "police/persons.csv", parse_persons),
    ExtractFile("vists", "police/vists.csv", parse_vists),
)
