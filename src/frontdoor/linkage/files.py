"""Link any person file: read a generic CSV, link it with the engine, write each record's person id. Pure: no Django.

The file has a header row naming its columns: ``record_id`` (required), and any of ``source``, ``first_name``,
``middle_names``, ``last_name``, ``dob``, ``sex``, ``postcode``, ``nhs_number``, ``upn``; other columns are ignored
and any value may be blank. A date of birth is YYYY-MM-DD or DD/MM/YYYY.

A value that cannot be right (a date that is no date, an NHS number failing its check digit, a malformed postcode
or UPN, an unknown sex) is treated as blank and reported with its line and column: one bad field should not cost
the analyst the rest of the row, and a wrong identifier linked as if right is worse than none. A row that cannot be
linked at all (no record_id, or fields that do not line up with the header) is left out and reported. A repeated
record_id stops the run: the output maps each record_id to one person, so it must name one record.
Problems name the line and column, never the value: a file of people is personal data, and messages end up in
terminals, logs and tickets.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from frontdoor.core.identifiers import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_is_valid,
    upn_is_valid,
)
from frontdoor.linkage import engine

# The engine's input columns, with the file's own name for the id.
COLUMNS = ("record_id", *engine.COLUMNS[1:])
REQUIRED = ("record_id",)
MAX_LENGTH = 200
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
SEXES = {"m": "M", "male": "M", "f": "F", "female": "F", "u": "", "unknown": "", "x": "", "not known": ""}


class FileProblem(ValueError):
    """The file as a whole cannot be linked (a required column missing, a record_id repeated, not CSV)."""


@dataclass(frozen=True)
class Problem:
    """One row's problem: where it is and what was done about it."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class PersonFile:
    records: list[dict[str, Any]]  # engine input records, in file order; unique_id is the record_id
    problems: list[Problem] = field(default_factory=list)
    rows_skipped: int = 0


@dataclass
class LinkedFile:
    person_ids: dict[str, str]  # record_id -> person id, in file order
    problems: list[Problem]
    rows_skipped: int
    people: int
    seconds: float
    model_json: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # how the model was made, in plain words


def parse_dob(value: str) -> date:
    """A date of birth written YYYY-MM-DD or DD/MM/YYYY; ValueError otherwise."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError("not a date")


def _clean(name: str, value: str) -> tuple[Any, str | None]:
    """A field's value as the engine takes it, and what was wrong with it (the value is then blank)."""
    if not value:
        return (None if name == "dob" else ""), None
    if len(value) > MAX_LENGTH:
        return "", f"{name} is longer than {MAX_LENGTH} characters; treated as blank"
    if name == "dob":
        try:
            return parse_dob(value), None
        except ValueError:
            return None, "dob is not a date in the form YYYY-MM-DD or DD/MM/YYYY; treated as blank"
    if name == "sex":
        sex = SEXES.get(value.lower())
        if sex is None:
            return "", "sex is not one of M, F, male, female, U, unknown; treated as blank"
        return sex, None
    if name == "nhs_number":
        if not nhs_number_is_valid(value):
            return "", "nhs_number is not ten digits with a valid check digit; treated as blank"
        return normalise_nhs_number(value), None
    if name == "upn":
        if not upn_is_valid(value):
            return "", "upn is not a valid unique pupil number; treated as blank"
        return normalise_upn(value), None
    if name == "postcode":
        if not postcode_is_valid(value):
            return "", "postcode is not a UK postcode; treated as blank"
        return normalise_postcode(value), None
    return value, None


def read_person_file(stream: IO[str]) -> PersonFile:
    """Engine records from a person file, with each row's problems; raises FileProblem if the file is unusable."""
    reader = csv.DictReader(stream)
    try:
        header = [name.strip().lower() for name in reader.fieldnames or []]
    except (csv.Error, UnicodeDecodeError) as exc:
        raise FileProblem(f"the file cannot be read as CSV ({type(exc).__name__})") from None
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FileProblem(f"the header has no {', '.join(missing)} column (the first row must name the columns)")
    reader.fieldnames = header
    result = PersonFile(records=[])
    first_seen: dict[str, int] = {}
    try:
        for row in reader:
            line = reader.line_num
            record = _record(line, dict(row), result)
            if record is None:
                result.rows_skipped += 1
                continue
            uid = record["unique_id"]
            if uid in first_seen:
                raise FileProblem(f"line {line}: record_id repeats the one on line {first_seen[uid]}")
            first_seen[uid] = line
            result.records.append(record)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise FileProblem(f"the file cannot be read as CSV ({type(exc).__name__})") from None
    return result


def _record(line: int, row: dict[str | None, Any], result: PersonFile) -> dict[str, Any] | None:
    extra = row.pop(None, None) or []  # DictReader keeps fields beyond the header under None ...
    short = sum(value is None for value in row.values())  # ... and gives None for those a short row lacks
    if extra or short:
        found = len(row) + len(extra) - short
        result.problems.append(Problem(line, f"has {found} fields; the header has {len(row)}; row left out"))
        return None
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    if not values["record_id"]:
        result.problems.append(Problem(line, "record_id is blank; row left out"))
        return None
    if len(values["record_id"]) > MAX_LENGTH:
        result.problems.append(Problem(line, f"record_id is longer than {MAX_LENGTH} characters; row left out"))
        return None
    record: dict[str, Any] = {"unique_id": values["record_id"]}
    for name in COLUMNS[1:]:
        value, problem = _clean(name, values[name])
        if problem:
            result.problems.append(Problem(line, problem))
        record[name] = value
    return record


def person_ids(order: Iterable[str], clusters: Mapping[str, str]) -> dict[str, str]:
    """P000001, P000002, ... numbered by each person's first record in file order: the same file and the same
    links give the same ids, whatever labels the clustering used."""
    numbers: dict[str, str] = {}
    out: dict[str, str] = {}
    for uid in order:
        label = clusters[uid]
        if label not in numbers:
            numbers[label] = f"P{len(numbers) + 1:06d}"
        out[uid] = numbers[label]
    return out


def write_person_ids(stream: IO[str], ids: Mapping[str, str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(("record_id", "person_id"))
    writer.writerows(ids.items())


def link_person_file(
    source: Path,
    out: Path,
    *,
    unique_sources: Iterable[str] = (),
    trained_model: dict[str, Any] | None = None,
) -> LinkedFile:
    """Read a person file, link its records (training on the file itself unless given a model), write the ids."""
    started = time.perf_counter()
    try:
        with source.open(encoding="utf-8-sig", newline="") as stream:
            parsed = read_person_file(stream)
    except UnicodeDecodeError:
        raise FileProblem("the file is not UTF-8 text") from None
    if len(parsed.records) < 2:
        raise FileProblem(f"the file has {len(parsed.records)} usable record(s); linking needs at least two")
    # Trained on the columns the file has, as far as its records allow; the packaged model for the rest, or for
    # the whole of a file too small or too sparse to train on (fitting.py). The notes say which.
    result = engine.link(parsed.records, unique_systems=unique_sources, trained_model=trained_model)
    ids = person_ids((r["unique_id"] for r in parsed.records), result.clusters)
    with out.open("w", encoding="utf-8", newline="") as stream:
        write_person_ids(stream, ids)
    return LinkedFile(
        person_ids=ids,
        problems=parsed.problems,
        rows_skipped=parsed.rows_skipped,
        people=len(set(ids.values())),
        seconds=time.perf_counter() - started,
        model_json=result.model_json,
        notes=result.notes,
    )
