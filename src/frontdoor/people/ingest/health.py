"""Health: FHIR R4 Bundles of Patients, Encounters (ED attendances, health-visitor contacts) and maternity
EpisodesOfCare. Read as JSON, field by field, so one bad resource is reported and the rest of the bundle goes in
(validating every resource with the full FHIR models would cost minutes on a county-sized extract)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from frontdoor.people.ingest.parsing import (
    ExtractFile,
    Parsed,
    ParsedEvent,
    ParsedRecord,
    RowError,
    RowProblem,
    nhs_number,
    parse_iso_datetime,
    postcode,
)

NHS_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number"
GENDERS = {"male": "M", "female": "F", "unknown": "U", "other": "U"}
ENCOUNTER_KINDS = {"EMER": "ed_attendance", "HH": "health_visitor_contact"}


def parse_bundle(stream: IO[str], source: str) -> Iterator[Parsed]:
    try:
        bundle = json.load(stream)
    except (ValueError, RecursionError) as exc:
        # JSONDecodeError and UnicodeDecodeError are ValueErrors; so is a number too long to read, and a file nested
        # deeper than Python's stack is a RecursionError: each is a file that cannot be read, not a crash.
        yield RowError(source, getattr(exc, "lineno", 0), f"not valid JSON: {type(exc).__name__}")
        return
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        yield RowError(source, 1, "resourceType is not Bundle")
        return
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        yield RowError(source, 1, "entry is not a list")
        return
    for index, entry in enumerate(entries, start=1):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        where = f"entry {index}"
        try:
            if not isinstance(resource, dict):
                raise RowProblem("has no resource")
            kind = resource.get("resourceType")
            if kind == "Patient":
                yield _patient(resource)
            elif kind == "Encounter":
                yield _encounter(resource)
            elif kind == "EpisodeOfCare":
                yield _episode_of_care(resource)
            else:
                raise RowProblem(f"resourceType {kind!r} is not read (Patient, Encounter or EpisodeOfCare)")
        except RowProblem as problem:
            yield RowError(source, index, f"{where} ({_id(resource)}): {problem}")


def _items(container: dict, key: str) -> list:
    """A FHIR field that holds a list (absent or null is an empty one); anything else is a reason to reject."""
    value = container.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise RowProblem(f"{key} is not a list")
    return value


def _object(container: dict, key: str) -> dict:
    """A FHIR field that holds an object (absent or null is an empty one); anything else is a reason to reject."""
    value = container.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RowProblem(f"{key} is not an object")
    return value


def _id(resource: Any) -> str:
    return str(resource.get("id", "no id")) if isinstance(resource, dict) else "no resource"


def _required_id(resource: dict) -> str:
    value = resource.get("id")
    if not isinstance(value, str) or not value or len(value) > 64:
        raise RowProblem("id is missing or longer than 64 characters")
    return value


def _patient(resource: dict) -> ParsedRecord:
    nhs = temporary = ""
    for identifier in _items(resource, "identifier"):
        if isinstance(identifier, dict) and identifier.get("system") == NHS_SYSTEM:
            value = nhs_number(str(identifier.get("value", "")), "identifier (NHS number)")
            # A temporary number (Identifier.use "temp": registered before the permanent one was traced) is kept,
            # but is not the person's NHS number: linkage must not read it as one (ADR 0008).
            if identifier.get("use") == "temp":
                temporary = value
            else:
                nhs = value
    names = [n for n in _items(resource, "name") if isinstance(n, dict)]
    name = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
    given = [g for g in _items(name, "given") if isinstance(g, str)]
    birth = resource.get("birthDate")
    try:
        dob = date.fromisoformat(birth) if birth else None
    except (TypeError, ValueError):
        raise RowProblem(f"birthDate {birth!r} is not a date in the form YYYY-MM-DD") from None
    gender = resource.get("gender", "unknown")
    if not isinstance(gender, str) or gender not in GENDERS:
        raise RowProblem(f"gender {gender!r} is not male, female, other or unknown")
    addresses = [a for a in _items(resource, "address") if isinstance(a, dict)]
    address = addresses[0] if addresses else {}
    gp = next((g for g in _items(resource, "generalPractitioner") if isinstance(g, dict)), {})
    return ParsedRecord(
        source_id=_required_id(resource),
        first_name=given[0] if given else "",
        middle_names=" ".join(given[1:]),
        last_name=str(name.get("family", "")),
        date_of_birth=dob,
        sex=GENDERS[gender],
        postcode=postcode(str(address.get("postalCode", ""))),
        address=", ".join(str(line) for line in _items(address, "line"))[:300],
        nhs_number=nhs,
        attributes={
            "gp": str(gp.get("reference") or ""),
            "gp_name": str(gp.get("display") or ""),
            **({"temporary_nhs_number": temporary} if temporary else {}),
        },
    )


def _reference(value: Any, field: str) -> str:
    reference = value.get("reference") if isinstance(value, dict) else None
    if not isinstance(reference, str) or not reference.startswith("Patient/"):
        raise RowProblem(f"{field} is not a Patient reference")
    return reference.removeprefix("Patient/")


def _period(resource: dict) -> tuple:
    period = _object(resource, "period")
    start = period.get("start")
    if not start:
        raise RowProblem("period.start is missing")
    started = parse_iso_datetime(start, "period.start")
    ended = parse_iso_datetime(period["end"], "period.end") if period.get("end") else None
    return started, ended


def _encounter(resource: dict) -> ParsedEvent:
    encounter_class = resource.get("class")
    code = encounter_class.get("code") if isinstance(encounter_class, dict) else None
    if not isinstance(code, str) or code not in ENCOUNTER_KINDS:
        raise RowProblem(f"class code {code!r} is not read (EMER or HH)")
    started, ended = _period(resource)
    reasons = [str(r.get("text") or "") for r in _items(resource, "reasonCode") if isinstance(r, dict)]
    return ParsedEvent(
        source_id=_required_id(resource),
        kind=ENCOUNTER_KINDS[code],
        occurred_at=started,
        ended_at=ended,
        attributes={"status": str(resource.get("status") or ""), "reason": "; ".join(r for r in reasons if r)[:500]},
        participants=[(_reference(resource.get("subject"), "subject"), "patient")],
    )


def _episode_of_care(resource: dict) -> ParsedEvent:
    started, ended = _period(resource)
    status = str(resource.get("status") or "")
    return ParsedEvent(
        source_id=_required_id(resource),
        kind="maternity_episode",
        occurred_at=started,
        ended_at=ended,
        attributes={
            "status": status,
            "expected_delivery": ended.date().isoformat() if ended and status == "active" else "",
        },
        participants=[(_reference(resource.get("patient"), "patient"), "mother")],
    )


FILES = (ExtractFile("bundle", "health/bundle-*.json", parse_bundle, media_type="application/fhir+json"),)
