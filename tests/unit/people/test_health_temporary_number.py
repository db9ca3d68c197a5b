"""A health record registered under a temporary NHS number keeps it, but not as the person's NHS number: linkage
must not read two registrations of one child as two people because one number was never traced (ADR 0008)."""

from __future__ import annotations

import io
import json

from frontdoor.people.ingest import ParsedRecord
from frontdoor.people.ingest.health import parse_bundle

NHS = "https://fhir.nhs.uk/Id/nhs-number"


def _patient(identifier: dict) -> ParsedRecord:
    resource = {
        "resourceType": "Patient",
        "id": "pat-1",
        "identifier": [identifier],
        "name": [{"use": "official", "family": "Ashdown", "given": ["Maisie"]}],
        "gender": "female",
        "birthDate": "2014-06-11",
    }
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": resource}]}
    parsed = [item for item in parse_bundle(io.StringIO(json.dumps(bundle)), "bundle.json")]
    records = [item for item in parsed if isinstance(item, ParsedRecord)]
    assert len(records) == 1, parsed
    return records[0]


def test_a_temporary_number_is_kept_apart_from_the_nhs_number() -> None:
    record = _patient({"use": "temp", "system": NHS, "value": "9990000018"})
    assert record.nhs_number == ""
    assert record.attributes["temporary_nhs_number"] == "9990000018"


def test_a_permanent_number_is_the_nhs_number() -> None:
    record = _patient({"system": NHS, "value": "9434765919"})
    assert record.nhs_number == "9434765919"
    assert "temporary_nhs_number" not in record.attributes
