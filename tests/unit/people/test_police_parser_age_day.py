"""The police give an age at an incident instead of a date of birth: the parser keeps the first age a nominal's rows
give, and the incident it was given at, so that linkage knows when the age held (a two-year birth range, not eleven).
"""

from __future__ import annotations

import io
from dataclasses import asdict, replace
from datetime import date

from frontdoor.people.ingest.parsing import ParsedRecord, _hash
from frontdoor.people.ingest.police import parse_persons

HEADER = "NominalID,IncidentRef,Involvement,Surname,Forenames,DOB,AgeAtIncident,Sex\n"


def nominals(rows: str) -> dict[str, ParsedRecord]:
    parsed = parse_persons(io.StringIO(HEADER + rows), "police/persons.csv")
    return {item.source_id: item for item in parsed if isinstance(item, ParsedRecord)}


def test_the_kept_age_names_the_incident_it_was_given_at() -> None:
    records = nominals(
        "N1,ES-1,VICTIM,TAYLOR,LOGAN,,,M\n"  # no age at the first incident
        "N1,ES-2,VICTIM,TAYLOR,LOGAN,,7,M\n"  # the age kept: the first row that gives one
        "N1,ES-3,WITNESS,TAYLOR,LOGAN,,9,M\n"
    )
    assert (records["N1"].age_years, records["N1"].age_given_at) == (7, "ES-2")
    assert records["N1"].age_given_on is None  # the day is the incident's, which ingest looks up


def test_a_date_of_birth_on_a_later_row_replaces_the_age_and_its_incident() -> None:
    records = nominals("N1,ES-1,VICTIM,ASHDOWN,MAISIE,,12,F\nN1,ES-2,VICTIM,ASHDOWN,MAISIE,11/06/2014,,F\n")
    assert (records["N1"].age_years, records["N1"].age_given_at) == (None, "")
    assert str(records["N1"].date_of_birth) == "2014-06-11"


def test_a_record_without_an_age_hashes_as_it_did_before_the_incident_was_kept() -> None:
    """A record with no age (most of every system) is not marked changed by the new fields; one with an age is,
    so its first import after the change stores the day its age held."""
    plain = ParsedRecord(source_id="N1", first_name="Jo", last_name="Smith")
    before = {name: value for name, value in asdict(plain).items() if name not in ("age_given_at", "age_given_on")}
    assert plain.content_hash() == _hash(before)
    aged = ParsedRecord(source_id="N2", first_name="Jo", age_years=7)
    given = ParsedRecord(source_id="N2", first_name="Jo", age_years=7, age_given_at="ES-2")
    assert aged.content_hash() != given.content_hash()
    assert given.content_hash() != replace(given, age_given_on=date(2024, 3, 3)).content_hash()
