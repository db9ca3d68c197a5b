"""Education: a school-census-like extract keyed by UPN (docs/synthetic-county.md)."""

from __future__ import annotations

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


FILES = (ExtractFile("census", "education/census.csv", parse_census),)
