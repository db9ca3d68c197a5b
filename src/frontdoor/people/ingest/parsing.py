"""What every adapter shares: the parsed shapes, field parsers with specific error messages, CSV reading."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from frontdoor.core.identifiers import (
    nhs_number_is_valid,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    postcode_is_valid,
    upn_is_valid,
)
from frontdoor.people.phonetic import phonetic_key

LONDON = ZoneInfo("Europe/London")
MAX_FIELD = 2000


class RowProblem(ValueError):
    """A row cannot be used; the message names the field and what is wrong with it."""


@dataclass
class ParsedRecord:
    """One person as one system holds them."""

    source_id: str
    kind: str = ""
    first_name: str = ""
    middle_names: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    age_years: int | None = None
    expected_date_of_delivery: date | None = None
    sex: str = "U"
    postcode: str = ""
    address: str = ""
    nhs_number: str = ""
    upn: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    # Where a system gives an age instead of a date of birth (police: the age at an incident), the event the age was
    # given at (its source id), and the day it held, which ingest fills from that event (parsers are pure).
    age_given_at: str = ""
    age_given_on: date | None = None

    def content_hash(self) -> str:
        data = asdict(self)
        for name in ("age_given_at", "age_given_on"):
            if not data[name]:  # a record with no such event hashes as it did before the fields were added
                del data[name]
        return _hash(data)

    @property
    def first_name_key(self) -> str:
        return phonetic_key(self.first_name)

    @property
    def last_name_key(self) -> str:
        return phonetic_key(self.last_name)


@dataclass
class ParsedEvent:
    """Something the system recorded happening, and who took part (by the system's own person ids)."""

    source_id: str
    kind: str
    occurred_at: datetime
    ended_at: datetime | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    participants: list[tuple[str, str]] = field(default_factory=list)

    def content_hash(self) -> str:
        data = asdict(self)
        data["participants"] = sorted(map(list, self.participants))
        return _hash(data)


@dataclass(frozen=True)
class ParsedParticipation:
    """A person's part in an event, when a file links the two without describing the event itself."""

    event_source_id: str
    record_source_id: str
    role: str


@dataclass(frozen=True)
class RowError:
    """A rejected row: where it was and why, so the sender can fix it."""

    source: str
    line: int
    reason: str


Parsed = ParsedRecord | ParsedEvent | ParsedParticipation | RowError
Parser = Callable[[IO[str], str], Iterator[Parsed]]


@dataclass(frozen=True)
class ExtractFile:
    """One file of a system's extract: its kind, where it is found in an extract directory, and its parser."""

    kind: str
    pattern: str
    parse: Parser
    media_type: str = "text/csv"


def _hash(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def read_csv(stream: IO[str], source: str, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; a missing column stops the file with a RowProblem at line 1."""
    reader = csv.DictReader(stream)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise RowProblem(f"{source}: missing column(s) {', '.join(missing)}")
    width = len(reader.fieldnames or [])
    for row in reader:
        extra = row.pop(None, None)
        if extra:
            yield reader.line_num, {"__error__": f"has {width + len(extra)} fields; the header has {width}"}
            continue
        if any(value and "\x00" in value for value in row.values()):
            yield reader.line_num, {"__error__": "contains a NUL character, which no field may hold"}
            continue
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def text(row: dict[str, str], name: str, *, required: bool = False, max_length: int = 200) -> str:
    value = row.get(name, "")
    if required and not value:
        raise RowProblem(f"{name} is empty")
    if len(value) > max_length:
        raise RowProblem(f"{name} is longer than {max_length} characters")
    return value


def parse_date(row: dict[str, str], name: str, fmt: str, *, required: bool = False) -> date | None:
    value = row.get(name, "")
    if not value:
        if required:
            raise RowProblem(f"{name} is empty")
        return None
    try:
        return datetime.strptime(value, fmt).date()
    except ValueError:
        raise RowProblem(f"{name} {value!r} is not a date in the form {_human(fmt)}") from None


def parse_datetime(row: dict[str, str], name: str, fmt: str, *, required: bool = False) -> datetime | None:
    value = row.get(name, "")
    if not value:
        if required:
            raise RowProblem(f"{name} is empty")
        return None
    try:
        return datetime.strptime(value, fmt).replace(tzinfo=LONDON)
    except ValueError:
        raise RowProblem(f"{name} {value!r} is not a date and time in the form {_human(fmt)}") from None


def parse_iso_datetime(value: str, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise RowProblem(f"{name} {value!r} is not an ISO 8601 date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


def at_midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=LONDON)


def choice(row: dict[str, str], name: str, allowed: dict[str, str] | set[str], *, required: bool = True) -> str:
    value = row.get(name, "")
    if not value and not required:
        return ""
    if value not in allowed:
        listed = ", ".join(sorted(allowed))
        raise RowProblem(f"{name} {value!r} is not one of {listed}")
    return allowed[value] if isinstance(allowed, dict) else value


def nhs_number(value: str, name: str = "NHS number") -> str:
    if not value:
        return ""
    if not nhs_number_is_valid(value):
        raise RowProblem(f"{name} {value!r} fails the modulus-11 check")
    return normalise_nhs_number(value)


def upn(value: str, name: str = "UPN") -> str:
    if not value:
        return ""
    if not upn_is_valid(value):
        raise RowProblem(f"{name} {value!r} is not a valid UPN")
    return normalise_upn(value)


def postcode(value: str) -> str:
    """A postcode as recorded, normalised; a malformed one is kept out (it is a data quality fact, not a reason
    to lose the person) and noted in the record's attributes by the caller."""
    if value and postcode_is_valid(value):
        return normalise_postcode(value)
    return ""


def kind_from_age(dob: date | None, age: int | None, at: date) -> str:
    if dob is not None:
        years = at.year - dob.year - ((at.month, at.day) < (dob.month, dob.day))
        return "child" if years < 18 else "adult"
    if age is not None:
        return "child" if age < 18 else "adult"
    return ""


def title_case(value: str) -> str:
    """UPPER CASE names (as police systems hold them) in the usual form: O'BRIEN-SMITH becomes O'Brien-Smith."""
    if not value or not value.isupper():
        return value
    out = []
    capital = True
    for char in value.lower():
        out.append(char.upper() if capital else char)
        capital = not char.isalpha()
    return "".join(out)


def _human(fmt: str) -> str:
    return (
        fmt.replace("%Y", "YYYY")
        .replace("%m", "MM")
        .replace("%d", "DD")
        .replace("%H", "HH")
        .replace("%M", "MM")
        .replace("%S", "SS")
    )


def rows(stream: IO[str], source: str, required: Iterable[str], build: Callable[[dict[str, str]], Iterable[Parsed]]):
    """Apply `build` to each row, turning a RowProblem into a RowError for that line."""
    try:
        for line, row in read_csv(stream, source, required):
            if "__error__" in row:
                yield RowError(source, line, row["__error__"])
                continue
            try:
                yield from build(row)
            except RowProblem as problem:
                yield RowError(source, line, str(problem))
    except RowProblem as problem:
        yield RowError(source, 1, str(problem))
    except (csv.Error, UnicodeDecodeError) as exc:
        yield RowError(source, 0, f"the file cannot be read as CSV: {type(exc).__name__}")
