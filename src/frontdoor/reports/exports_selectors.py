"""Reads of the analyst exports already made, for the analyst's page and home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from frontdoor.reports.models import AnalystExport, ExportFormat


@dataclass(frozen=True)
class ExportMade:
    at: datetime
    by: str
    file_format: str
    tables: int
    rows: int


def list_exports(limit: int = 20) -> list[ExportMade]:
    """The latest analyst exports, newest first: when, by whom (their name), in which format, how much."""
    made = AnalystExport.objects.select_related("by").order_by("-at", "-id")[:limit]
    return [
        ExportMade(
            at=e.at,
            by=(e.by.get_full_name() or e.by.get_username()) if e.by else "The export command on the server",
            file_format=ExportFormat(e.file_format).label,
            tables=len(e.tables),
            rows=e.rows,
        )
        for e in made
    ]
