"""Early help: episodes, one row per child per episode (docs/synthetic-county.md)."""

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
    parse_date,
    postcode,
    rows,
    text,
)

COLUMNS = ["EpisodeRef", "ChildRef", "FirstName", "LastName", "DateOfBirth", "ReferralDate"]
DATE = "%d/%m/%Y"


def parse_episodes(stream: IO[str], source: str) -> Iterator[Parsed]:
    def build(row: dict[str, str]) -> Iterator[Parsed]:
        child = text(row, "ChildRef", required=True, max_length=64)
        referred = parse_date(row, "ReferralDate", DATE, required=True)
        allocated = parse_date(row, "AllocatedDate", DATE)
        closed = parse_date(row, "ClosedDate", DATE)
        if referred is None or (allocated and allocated < referred) or (closed and closed < referred):
            raise RowProblem("AllocatedDate and ClosedDate must be on or after ReferralDate")
        yield ParsedRecord(
            source_id=child,
            kind="child",
            first_name=text(row, "FirstName"),
            last_name=text(row, "LastName"),
            date_of_birth=parse_date(row, "DateOfBirth", DATE),
            postcode=postcode(row.get("Postcode", "")),
        )
        yield ParsedEvent(
            source_id=text(row, "EpisodeRef", required=True, max_length=64),
            kind="early_help_episode",
            occurred_at=at_midnight(referred),
            ended_at=at_midnight(closed) if closed else None,
            attributes={
                "allocated_on": allocated.isoformat() if allocated else "",
                "wait_days": (allocated - referred).days if allocated else None,
                "lead_organisation": text(row, "LeadOrganisation"),
                "reason": text(row, "Reason", max_length=500),
            },
            participants=[(child, "child")],
        )

    return rows(stream, source, COLUMNS, build)


FILES = (ExtractFile("episodes", "earlyhelp/episodes.csv", parse_episodes),)
