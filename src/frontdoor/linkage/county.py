"""A synthetic county's extracts as linkage input, and its ground truth, read straight from the files (no
database): for the benchmark and for tests that score the engine against the truth."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from frontdoor.linkage.preparation import RAW
from frontdoor.linkage.together import together_keys
from frontdoor.people.ingest import SYSTEMS, ParsedEvent, ParsedRecord
from frontdoor.people.ingest.parsing import ParsedParticipation


def read_records(county: Path) -> Iterator[dict[str, Any]]:
    """Every person record of the five extracts, as the adapters parse them (the last row of a source id wins).

    Where a system gives an age instead of a date of birth (police: the age at an incident), age_from and age_to
    are the day of the event the age was given at (age_given_at), as the application stores it at ingest; where the
    record does not name one, or it is not in the extract, the first and last days of the record's events, on one of
    which the age held. "together" holds what the record is recorded with (its address, its events) for household
    context (linkage.together)."""
    for system, extracts in SYSTEMS.items():
        seen: dict[str, ParsedRecord] = {}
        happened: dict[str, date] = {}
        took_part: dict[str, list[date]] = {}
        events: dict[str, list[str]] = {}
        for extract in extracts:
            for file in sorted(county.glob(extract.pattern)):
                with file.open(encoding="utf-8", newline="") as stream:
                    for item in extract.parse(stream, str(file)):
                        if isinstance(item, ParsedRecord):
                            seen[item.source_id] = item
                        elif isinstance(item, ParsedEvent):
                            happened[item.source_id] = item.occurred_at.date()
                        elif isinstance(item, ParsedParticipation):
                            events.setdefault(item.record_source_id, []).append(item.event_source_id)
                            if item.event_source_id in happened:
                                took_part.setdefault(item.record_source_id, []).append(happened[item.event_source_id])
        for record in seen.values():
            days = took_part.get(record.source_id, []) if record.age_years is not None else []
            if record.age_years is not None and record.age_given_at in happened:
                days = [happened[record.age_given_at]]
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
                "age_years": record.age_years,
                "age_from": min(days) if days else None,
                "age_to": max(days) if days else None,
                "together": together_keys(system, record.address, record.postcode, events.get(record.source_id, ())),
            }


def read_table(county: Path) -> pa.Table:
    """The same records as one Arrow table of their columns (engine.prepare takes it as it is): a million records
    as columns, not a million dictionaries."""
    columns: dict[str, list[Any]] = {name: [] for name in (*RAW, "together")}
    for record in read_records(county):
        for name, values in columns.items():
            values.append(None if record[name] == "" else record[name])
    types = {"dob": pa.date32(), "age_from": pa.date32(), "age_to": pa.date32(), "age_years": pa.int32(),
             "together": pa.list_(pa.string())}  # fmt: skip
    return pa.table({name: pa.array(values, types.get(name, pa.string())) for name, values in columns.items()})


def read_truth(county: Path) -> tuple[dict[str, str], set[frozenset[str]]]:
    """The true person behind each record ("system:source_id" -> person id), and the twin pairs."""
    with (county / "truth" / "records.csv").open() as f:
        person_of = {f"{row['system']}:{row['source_id']}": row["person_id"] for row in csv.DictReader(f)}
    with (county / "truth" / "people.csv").open() as f:
        twins = {frozenset((row["person_id"], row["twin_of"])) for row in csv.DictReader(f) if row["twin_of"]}
    return person_of, twins
