"""Adapters that read each agency system's extract into source records and source events.

Each system module has FILES: the files it reads, in order, each a parser from a text stream to parsed items.
Parsers are pure (no database): `frontdoor.people.services.ingest_*` stores what they yield.
"""

from frontdoor.people.ingest import csc, earlyhelp, education, health, police
from frontdoor.people.ingest.parsing import ExtractFile, ParsedEvent, ParsedRecord, RowError

SYSTEMS = {
    "csc": csc.FILES,
    "police": police.FILES,
    "health": health.FILES,
    "education": education.FILES,
    "earlyhelp": earlyhelp.FILES,
}

__all__ = ["SYSTEMS", "ExtractFile", "ParsedEvent", "ParsedRecord", "RowError"]
