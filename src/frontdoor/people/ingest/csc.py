"""Children's social care: a case-management extract of people and episodes (docs/synthetic-county.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from frontdoor.people.ingest.parsing import (
    ExtractFile,
    Parsed,
    ParsedEvent,
    ParsedRecord,
    RowProblem,
    at_midnight,
    choice,
    nhs_number,
    parse_date,
    postcode,
    rows,
    text,
    upn,
)

PERSON_COLUMNS = ["PersonID", "PersonType", "Forename", "Surname", "DateOfBirth", "Gender"]
EPISODE_COLUMNS = ["EpisodeID", "PersonID", "EventType", "StartDate"]
KINDS = {"CHILD": "child", "ADULT": "adult", "UNBORN": "unborn"}
GENDERS = {"1": "M", "2": "F", "9": "U", "0": "U", "": "U"}
EVENTS = {
    "CONTACT": "contact",
    "REFERRAL": "referral",
    "ASSESSMENT": "assessment",
    "S47": "section_47_enquiry",
    "CPP": "child_protection_plan",
    "LAC": "looked_after",
    "CIN_PLAN": "child_in_need_plan",
}
ISO = "%Y-%m-%d"


def parse_persons(stream: IO[str], source: str) -> Iterator[Parsed]:
    def build(row: dict[str, str]) -> Iterator[Parsed]:
        yield ParsedRecord(
            source_id=text(row, "PersonID", required=True, max_length=64),
            kind=choice(row, "PersonType", KINDS),
            first_name=_forename(row),
            last_name=text(row, "Surname"),
            date_of_birth=parse_date(row, "DateOfBirth", ISO),
            expected_date_of_delivery=parse_date(row, "ExpectedDateOfBirth", ISO),
            sex=choice(row, "Gender", GENDERS),
            postcode=postcode(row.get("Postcode", "")),
            address=text(row, "AddressLine1", max_length=300),
            nhs_number=nhs_number(row.get("NHSNumber", ""), "NHSNumber"),
            upn=upn(row.get("UPN", ""), "UPN"),
            attributes={
                "ethnicity": row.get("Ethnicity", ""),
                "last_updated": row.get("LastUpdated", ""),
                # The children in need census's disability codes, where the extract has the column (optional, so a
                # record from an extract without it hashes as before).
                **({"disability": row["Disability"].strip()} if (row.get("Disability") or "").strip() else {}),
            },
        )

    return rows(stream, source, PERSON_COLUMNS, build)


PLACEHOLDER_FORENAMES = {"unborn", "baby", "unborn baby", "unborn child"}


def _forename(row: dict[str, str]) -> str:
    # Case systems record an unborn child's forename as "Unborn": that is a placeholder, not a name to match on.
    forename = text(row, "Forename")
    if row.get("PersonType") == "UNBORN" and forename.lower() in PLACEHOLDER_FORENAMES:
        return ""
    return forename


def parse_episodes(stream: IO[str], source: str) -> Iterator[Parsed]:
    def build(row: dict[str, str]) -> Iterator[Parsed]:
        start = parse_date(row, "StartDate", ISO, required=True)
        end = parse_date(row, "EndDate", ISO)
        if start is None or (end is not None and end < start):
            raise RowProblem("EndDate is before StartDate")
        attributes = {
            name: row.get(column, "")
            for name, column in (
                ("referral_source", "ReferralSource"),
                ("primary_need", "PrimaryNeed"),
                ("outcome", "Outcome"),
                ("category_of_abuse", "CategoryOfAbuse"),
            )
            if row.get(column)
        }
        yield ParsedEvent(
            source_id=text(row, "EpisodeID", required=True, max_length=64),
            kind=choice(row, "EventType", EVENTS),
            occurred_at=at_midnight(start),
            ended_at=at_midnight(end) if end else None,
            attributes=attributes,
            participants=[(text(row, "PersonID", required=True, max_length=64), "subject")],
        )

    return rows(stream, source, EPISODE_COLUMNS, build)


FILES = (
    ExtractFile("persons", "csc/persons.csv", parse_persons),
    ExtractFile("episodes", "csc/episodes.csv", parse_episodes),
)
