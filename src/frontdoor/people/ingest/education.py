"""Education: a school-census-like extract keyed by UPN, and the council's elective home education register
(docs/synthetic-county.md).

The census has a row per registration, as each school returns its own pupils: a pupil's record comes from their
single (`EnrolStatus` C, or none given) or main (M) registration; a subsidiary (S) or guest (G) registration at a
second establishment is a `school_registration` event on that record, so a dual-registered pupil is one record
(linkage sees them once) that knows both establishments. A child on the elective home education register is a
record of its own (by UPN where the register has one), marked `elective_home_education`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date
from typing import IO

from frontdoor.people.ingest.parsing import (
    ExtractFile,
    Parsed,
    ParsedEvent,
    ParsedRecord,
    RowProblem,
    at_midnight,
    choice,
    parse_date,
    postcode,
    rows,
    text,
    upn,
)

COLUMNS = ["UPN", "LegalSurname", "Forename", "DOB", "Sex", "URN", "CensusTerm"]
SEXES = {"M": "M", "F": "F"}
ISO = "%Y-%m-%d"
TERM_STARTS = {"AUT": "10-01", "SPR": "01-15", "SUM": "05-15"}
ENROLMENTS = {"": "C", "C": "C", "M": "M", "S": "S", "G": "G"}
SECOND_REGISTRATIONS = {"S", "G"}
EHE_COLUMNS = ["LegalSurname", "Forename", "DOB", "StartDate"]


def parse_census(stream: IO[str], source: str) -> Iterator[Parsed]:
    def build(row: dict[str, str]) -> Iterator[Parsed]:
        pupil = upn(text(row, "UPN", required=True), "UPN")
        term = text(row, "CensusTerm", required=True)
        year, _, season = term.partition("-")
        if not (re.fullmatch(r"[0-9]{4}", year) and year != "0000" and season in TERM_STARTS):
            raise RowProblem(f"CensusTerm {term!r} is not like 2026-AUT, 2026-SPR or 2026-SUM")
        attendance = row.get("AttendancePct", "")
        exclusions = row.get("Exclusions", "") or "0"
        try:
            attendance_pct = float(attendance) if attendance else None
        except ValueError:
            raise RowProblem(f"AttendancePct {attendance!r} is not a number") from None
        if attendance_pct is not None and not 0 <= attendance_pct <= 100:
            raise RowProblem(f"AttendancePct {attendance!r} is not between 0 and 100")
        if not re.fullmatch(r"[0-9]{1,4}", exclusions):  # str.isdigit also takes "²", which int() refuses
            raise RowProblem(f"Exclusions {exclusions!r} is not a whole number")
        urn = text(row, "URN", required=True, max_length=8)
        status = (row.get("EnrolStatus") or "").strip().upper()
        if status not in ENROLMENTS:
            raise RowProblem(f"EnrolStatus {status!r} is not C, M, S or G")
        if ENROLMENTS[status] in SECOND_REGISTRATIONS:
            yield ParsedEvent(
                source_id=f"{pupil}:{term}:{urn}",
                kind="school_registration",
                occurred_at=at_midnight(date.fromisoformat(f"{year}-{TERM_STARTS[season]}")),
                attributes={"urn": urn, "enrol_status": ENROLMENTS[status], "entry_date": row.get("EntryDate", "")},
                participants=[(pupil, "pupil")],
            )
            return
        yield ParsedRecord(
            source_id=pupil,
            kind="child",
            first_name=text(row, "Forename"),
            middle_names=text(row, "MiddleNames"),
            last_name=text(row, "LegalSurname"),
            date_of_birth=parse_date(row, "DOB", ISO, required=True),
            sex=choice(row, "Sex", SEXES),
            postcode=postcode(row.get("Postcode", "")),
            upn=pupil,
            attributes={
                "urn": urn,
                "enrol_status": ENROLMENTS[status],
                "former_upn": row.get("FormerUPN", ""),
                "preferred_surname": row.get("PreferredSurname", ""),
                "entry_date": row.get("EntryDate", ""),
                "sen_provision": row.get("SENprovision", ""),
                "fsm_eligible": row.get("FSMeligible", "") == "Y",
            },
        )
        yield ParsedEvent(
            source_id=f"{pupil}:{term}",
            kind="school_census",
            occurred_at=at_midnight(date.fromisoformat(f"{year}-{TERM_STARTS[season]}")),
            attributes={
                "urn": urn,
                "term": term,
                "attendance_pct": attendance_pct,
                "exclusions": int(exclusions),
                "sen_provision": row.get("SENprovision", ""),
            },
            participants=[(pupil, "pupil")],
        )

    return rows(stream, source, COLUMNS, build)


def parse_ehe_register(stream: IO[str], source: str) -> Iterator[Parsed]:
    """The council's register of children electively home educated: on no school's roll."""

    def build(row: dict[str, str]) -> Iterator[Parsed]:
        held = text(row, "UPN")
        pupil = upn(held, "UPN") if held else ""
        first, last = text(row, "Forename", required=True), text(row, "LegalSurname", required=True)
        born = parse_date(row, "DOB", ISO, required=True)
        since = parse_date(row, "StartDate", ISO, required=True)
        yield ParsedRecord(
            source_id=pupil or "EHE-" + hashlib.sha256(f"{last}|{first}|{born}".lower().encode()).hexdigest()[:16],
            kind="child",
            first_name=first,
            middle_names=text(row, "MiddleNames"),
            last_name=last,
            date_of_birth=born,
            sex=choice(row, "Sex", SEXES),
            postcode=postcode(row.get("Postcode", "")),
            upn=pupil,
            attributes={
                "elective_home_education": True,
                "home_educated_since": since.isoformat() if since else "",
                "previous_urn": row.get("PreviousURN", ""),
            },
        )

    return rows(stream, source, EHE_COLUMNS, build)


FILES = (
    ExtractFile("census", "education/census.csv", parse_census),
    ExtractFile("ehe_register", "education/ehe_register.csv", parse_ehe_register),
)
