"""Properties of the agencies' extract parsers, over generated files: whatever a file holds, a parser yields parsed
records, events and participations, or a RowError naming the line and the reason, and never raises; a date written
in a file's own format is read back as that date; parsing is the same every time.

The files' layouts are in docs/synthetic-county.md; the fixed examples are in tests/integration/test_ingest.py.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.people.ingest import SYSTEMS, csc, earlyhelp, education, health, police
from frontdoor.people.ingest.parsing import (
    LONDON,
    ParsedEvent,
    ParsedParticipation,
    ParsedRecord,
    RowError,
    RowProblem,
    parse_date,
    parse_datetime,
    parse_iso_datetime,
)
from support.properties import PROPERTIES

PARSED = (ParsedRecord, ParsedEvent, ParsedParticipation, RowError)
CSV_FILES = [
    (f"{system}/{file.kind}", file.parse)
    for system, files in SYSTEMS.items()
    for file in files
    if file.media_type == "text/csv"
]
COLUMNS = {
    "csc/persons": [*csc.PERSON_COLUMNS, "ExpectedDateOfBirth", "Postcode", "NHSNumber", "UPN", "AddressLine1"],
    "csc/episodes": [*csc.EPISODE_COLUMNS, "EndDate"],
    "police/incidents": [*police.INCIDENT_COLUMNS, "FoundAt", "LocationPostcode", "Summary"],
    "police/persons": [*police.PERSON_COLUMNS, "AgeAtIncident", "Postcode", "Address"],
    "police/vists": [*police.VIST_COLUMNS, "OfficerCollar", "Circumstances"],
    "education/census": [*education.COLUMNS, "AttendancePct", "Exclusions", "Postcode", "EnrolStatus"],
    "education/ehe_register": [*education.EHE_COLUMNS, "UPN", "Sex", "Postcode", "PreviousURN"],
    "earlyhelp/episodes": [*earlyhelp.COLUMNS, "AllocatedDate", "ClosedDate", "Postcode"],
}
# Values near what a field expects and far from it: codes, dates in several forms, digits of other scripts (which
# str.isdigit accepts and int() or a date may not), numbers out of range.
TRICKY = st.sampled_from(
    [
        "",
        "CHILD",
        "ADULT",
        "UNBORN",
        "Unborn",
        "1",
        "2",
        "9",
        "M",
        "F",
        "U",
        "Y",
        "N",
        "RED",
        "GREEN",
        "VICTIM",
        "CHILD PRESENT",
        "DOMESTIC ABUSE",
        "CONTACT",
        "S47",
        "2026-AUT",
        "\u00b2\u2070\u00b2\u2076-AUT",
        "0-SPR",
        "0000-SPR",
        "99999-SUM",
        "\u00b2",
        "\u0663",
        "\u0663\u0663",
        "1e400",
        "nan",
        "inf",
        "-1",
        "101",
        "0",
        "943 476 5919",
        "0000000000",
        "9434765918",
        "H801200001001",
        "ES1 2AB",
        "31/02/2026",
        "2026-02-31",
        "29/02/2028 24:00",
        "01/01/0001",
        "0001-01-01",
        "1.5",
    ]
)
field_values = st.one_of(
    TRICKY,
    TRICKY,
    TRICKY,
    st.text(max_size=12),
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.datetimes().map(lambda d: d.strftime("%d/%m/%Y %H:%M")),
)
# A row each file reads without complaint; the tests below change some of its fields at a time.
GOOD_ROWS = {
    "csc/persons": {
        "PersonID": "P1",
        "PersonType": "CHILD",
        "Forename": "Maisie",
        "Surname": "Ashdown",
        "DateOfBirth": "2014-06-11",
        "Gender": "2",
        "ExpectedDateOfBirth": "",
        "Postcode": "es1 2ab",
        "NHSNumber": "943 476 5919",
        "UPN": "H801200001001",
        "AddressLine1": "1 Kiln Lane",
    },
    "csc/episodes": {"EpisodeID": "E1", "PersonID": "P1", "EventType": "S47", "StartDate": "2026-01-05", "EndDate": ""},
    "police/incidents": {
        "IncidentRef": "INC1",
        "OccurredAt": "05/01/2026 22:10",
        "IncidentType": "DOMESTIC ABUSE",
        "ChildrenPresent": "Y",
        "FoundAt": "",
        "LocationPostcode": "ES1 2AB",
        "Summary": "Shouting heard.",
    },
    "police/persons": {
        "NominalID": "N1",
        "IncidentRef": "INC1",
        "Involvement": "VICTIM",
        "Surname": "ASHDOWN",
        "Forenames": "CLAIRE ANN",
        "DOB": "01/02/1988",
        "Sex": "F",
        "AgeAtIncident": "",
        "Postcode": "ES1 2AB",
        "Address": "1 Kiln Lane",
    },
    "police/vists": {
        "VistRef": "V1",
        "IncidentRef": "INC1",
        "NominalID": "N1",
        "SubmittedAt": "05/01/2026 23:00",
        "RiskGrade": "RED",
        "OfficerCollar": "1234",
        "Circumstances": "Child hid upstairs.",
    },
    "education/census": {
        "UPN": "H801200001001",
        "LegalSurname": "Ashdown",
        "Forename": "Maisie",
        "DOB": "2014-06-11",
        "Sex": "F",
        "URN": "100001",
        "CensusTerm": "2026-AUT",
        "AttendancePct": "95.5",
        "Exclusions": "0",
        "Postcode": "ES1 2AB",
        "EnrolStatus": "C",
    },
    "education/ehe_register": {
        "UPN": "H801200001001",
        "LegalSurname": "Petrov",
        "Forename": "Ivy",
        "DOB": "2013-01-20",
        "Sex": "F",
        "Postcode": "ES1 2AB",
        "PreviousURN": "100001",
        "StartDate": "2026-02-01",
    },
    "earlyhelp/episodes": {
        "EpisodeRef": "EH1",
        "ChildRef": "C1",
        "FirstName": "Maisie",
        "LastName": "Ashdown",
        "DateOfBirth": "11/06/2014",
        "ReferralDate": "05/01/2026",
        "AllocatedDate": "",
        "ClosedDate": "",
        "Postcode": "ES1 2AB",
    },
}


def _parse(parse, text: str) -> list:
    items = list(parse(io.StringIO(text, newline=""), "extract"))
    assert all(isinstance(item, PARSED) for item in items)
    for error in (i for i in items if isinstance(i, RowError)):
        assert error.reason and error.line >= 0
    return items


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(("name", "parse"), CSV_FILES, ids=[name for name, _ in CSV_FILES])
@PROPERTIES
@given(data=st.data())
def test_a_csv_extract_yields_what_it_can_and_a_reason_for_the_rest(name, parse, data) -> None:
    header = COLUMNS[name]
    rows = data.draw(st.lists(st.lists(field_values, min_size=len(header), max_size=len(header)), max_size=5))
    text = _csv(header, rows)
    first = _parse(parse, text)
    assert first == _parse(parse, text)  # the same file is read the same way every time
    assert len([i for i in first if isinstance(i, RowError)]) <= len(rows)


@pytest.mark.parametrize(("name", "parse"), CSV_FILES, ids=[name for name, _ in CSV_FILES])
def test_the_good_row_is_read_without_complaint(name, parse) -> None:
    good = GOOD_ROWS[name]
    items = _parse(parse, _csv(list(good), [list(good.values())]))
    assert items and not any(isinstance(i, RowError) for i in items), items


@pytest.mark.parametrize(("name", "parse"), CSV_FILES, ids=[name for name, _ in CSV_FILES])
@PROPERTIES
@given(data=st.data())
def test_a_good_row_with_some_fields_changed_is_read_or_refused_with_a_reason(name, parse, data) -> None:
    good = GOOD_ROWS[name]
    changed = data.draw(st.dictionaries(st.sampled_from(sorted(good)), field_values, min_size=1, max_size=3))
    row = {**good, **changed}
    items = _parse(parse, _csv(list(row), [list(row.values())]))
    assert items
    errors = [i for i in items if isinstance(i, RowError)]
    assert len(errors) <= 1 and all(e.line >= 2 for e in errors)  # a quoted newline makes the row longer


@pytest.mark.parametrize(("name", "parse"), CSV_FILES, ids=[name for name, _ in CSV_FILES])
@PROPERTIES
@given(text=st.text(max_size=200))
def test_any_text_sent_as_a_csv_extract_never_raises(name, parse, text) -> None:
    _parse(parse, text)


# --- FHIR (health) -----------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
FHIR_KEYS = [
    "resourceType",
    "id",
    "identifier",
    "name",
    "given",
    "family",
    "birthDate",
    "gender",
    "address",
    "line",
    "postalCode",
    "generalPractitioner",
    "class",
    "code",
    "period",
    "start",
    "end",
    "status",
    "reasonCode",
    "text",
    "subject",
    "patient",
    "reference",
    "system",
    "value",
    "use",
]
resource = st.fixed_dictionaries(
    {"resourceType": st.sampled_from(["Patient", "Encounter", "EpisodeOfCare", "Observation"]) | json_values},
    optional={key: json_values for key in FHIR_KEYS[1:]},
)


@PROPERTIES
@given(st.lists(st.fixed_dictionaries({}, optional={"resource": resource | json_values}) | json_values, max_size=4))
def test_a_fhir_bundle_yields_what_it_can_and_a_reason_for_the_rest(entries) -> None:
    bundle = json.dumps({"resourceType": "Bundle", "entry": entries})
    items = _parse(health.parse_bundle, bundle)
    assert len(items) == len(entries)  # one answer per entry: parsed, or an error naming it


@PROPERTIES
@given(json_values | st.text(max_size=200))
def test_any_json_or_text_sent_as_a_fhir_bundle_never_raises(value) -> None:
    _parse(health.parse_bundle, value if isinstance(value, str) else json.dumps(value))


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, '{"resourceType": "Bundle", "entry": [' + "9" * 5000 + "]}", "\ud800"],
    ids=["nested too deep", "a number too long to read", "a lone surrogate"],
)
def test_a_hostile_fhir_file_is_a_row_error(text: str) -> None:
    items = _parse(health.parse_bundle, text)
    assert len(items) == 1 and isinstance(items[0], RowError)


# --- Dates in files ----------------------------------------------------------------------------------------------


@PROPERTIES
@given(st.dates(min_value=date(1000, 1, 1)), st.sampled_from(["%Y-%m-%d", "%d/%m/%Y"]))
def test_a_date_written_in_the_files_format_is_read_back(day: date, fmt: str) -> None:
    assert parse_date({"DOB": day.strftime(fmt)}, "DOB", fmt) == day


@PROPERTIES
@given(st.datetimes(min_value=datetime(1000, 1, 1)).map(lambda d: d.replace(second=0, microsecond=0)))
def test_a_time_written_in_the_files_format_is_read_back_as_uk_time(moment: datetime) -> None:
    read = parse_datetime({"At": moment.strftime("%d/%m/%Y %H:%M")}, "At", "%d/%m/%Y %H:%M")
    assert read == moment.replace(tzinfo=LONDON)


@PROPERTIES
@given(st.text(max_size=25), st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%Y %H:%M"]))
def test_a_date_field_gives_a_date_or_a_reason(value: str, fmt: str) -> None:
    for parse in (parse_date, parse_datetime):
        try:
            parse({"When": value}, "When", fmt)
        except RowProblem as problem:
            assert "When" in str(problem)


@PROPERTIES
@given(st.text(max_size=40) | st.datetimes(timezones=st.none() | st.timezones()).map(datetime.isoformat))
def test_an_iso_time_is_aware_or_a_reason(value: str) -> None:
    try:
        moment = parse_iso_datetime(value, "period.start")
    except RowProblem as problem:
        assert "period.start" in str(problem)
        return
    assert moment.tzinfo is not None


@pytest.mark.parametrize(
    ("name", "parse", "column", "value"),
    [
        ("education/census", education.parse_census, "Exclusions", "\u00b2"),
        ("education/census", education.parse_census, "CensusTerm", "0-AUT"),
        ("education/census", education.parse_census, "CensusTerm", "\u00b2\u2070\u00b2\u2076-AUT"),
        ("police/persons", police.parse_persons, "AgeAtIncident", "\u00b2"),
    ],
)
def test_digits_str_isdigit_takes_but_int_and_dates_refuse_are_a_reason(name, parse, column, value) -> None:
    row = {**GOOD_ROWS[name], column: value}
    errors = [i for i in _parse(parse, _csv(list(row), [list(row.values())])) if isinstance(i, RowError)]
    assert len(errors) == 1 and column in errors[0].reason
