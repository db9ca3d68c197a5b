"""A synthetic county's extracts as linkage input, and its ground truth, read straight from the files (no
database): for the benchmark and for tests that score the engine against the truth."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from frontdoor.people.ingest import SYSTEMS, ParsedRecord


def read_records(county: Path) -> Iterator[dict[str, Any]]:
    """Every person record of the five extracts, as the adapters parse them (the last row of a source id wins)."""
    for system, extracts in SYSTEMS.items():
        seen: dict[str, ParsedRecord] = {}
        for extract in extracts:
            for file in sorted(county.glob(extract.pattern)):
                with file.open(encoding="utf-8", newline="") as stream:
                    for item in extract.parse(stream, str(file)):
                        if isinstance(item, ParsedRecord):
                            seen[item.source_id] = item
        for record in seen.values():
            yield {
                "unique_id": f"{system}:{record.source_id}",
                "source": system,
                "first_name": record.first_name,
                "middle_names": record.middle_names,
                "last_name": record.last_name,
                "dob": record.date_of_birth,
                "sex": record.sex,
                "postcode": record.postcode,
                "nhs_number": record.nhs_number,
                "upn": record.upn,
            }


def read_truth(county: Path) -> tuple[dict[str, str], set[frozenset[str]]]:
    """The true person behind each record ("system:source_id" -> person id), and the twin pairs."""
    with (county / "truth" / "records.csv").open() as f:
        person_of = {f"{row['system']}:{row['source_id']}": row["person_id"] for row in csv.DictReader(f)}
    with (county / "truth" / "people.csv").open() as f:
        twins = {frozenset((row["person_id"], row["twin_of"])) for row in csv.DictReader(f) if row["twin_of"]}
    return person_of, twins
