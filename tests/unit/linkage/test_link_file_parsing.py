"""Reading a generic person file for `frontdoor link-file`: what is accepted, what is blanked, what stops the run."""

from __future__ import annotations

import io
from datetime import date

import pytest

from frontdoor.linkage.files import FileProblem, parse_dob, person_ids, read_person_file, write_person_ids

HEADER = "record_id,source,first_name,last_name,dob,sex,postcode,nhs_number,upn"


def read(text: str):
    return read_person_file(io.StringIO(text))


def test_dates_of_birth_are_read_in_either_form() -> None:
    assert parse_dob("2019-04-12") == date(2019, 4, 12)
    assert parse_dob("12/04/2019") == date(2019, 4, 12)
    for bad in ("2019-02-30", "12-04-2019", "04/13/2019", "yesterday"):
        with pytest.raises(ValueError, match="not a date"):
            parse_dob(bad)


def test_a_full_row_becomes_an_engine_record() -> None:
    parsed = read(f"{HEADER}\nr1,health,Isla,Pemberton,12/04/2019,female,es37qt,943 476 5919,\n")
    assert parsed.problems == []
    assert parsed.records == [
        {"unique_id": "r1", "source": "health", "first_name": "Isla", "middle_names": "", "last_name": "Pemberton",
         "dob": date(2019, 4, 12), "sex": "F", "postcode": "ES3 7QT", "nhs_number": "9434765919", "upn": ""},
    ]  # fmt: skip


def test_only_record_id_is_required_and_other_columns_are_ignored() -> None:
    parsed = read(" Record_ID ,Last_Name,favourite_colour\nr1,Hill,green\nr2,,\n")
    assert [(r["unique_id"], r["last_name"], r["dob"]) for r in parsed.records] == [
        ("r1", "Hill", None),
        ("r2", "", None),
    ]
    assert all("favourite_colour" not in r for r in parsed.records)


def test_a_file_without_record_id_is_refused_naming_the_column() -> None:
    with pytest.raises(FileProblem, match="no record_id column"):
        read("id,first_name\n1,Isla\n")


def test_a_bad_value_is_blanked_and_reported_by_line_and_column_without_the_value() -> None:
    parsed = read(
        f"{HEADER}\n"
        "r1,health,Isla,Pemberton,31/02/2019,F,ES3 7QT,9434765918,\n"  # no 31 February; wrong check digit
        "r2,school,Ivy,Pemberton,2019-04-12,Z,NOT A POSTCODE,,A123\n"
    )
    assert [str(p) for p in parsed.problems] == [
        "line 2: dob is not a date in the form YYYY-MM-DD or DD/MM/YYYY; treated as blank",
        "line 2: nhs_number is not ten digits with a valid check digit; treated as blank",
        "line 3: sex is not one of M, F, male, female, U, unknown; treated as blank",
        "line 3: postcode is not a UK postcode; treated as blank",
        "line 3: upn is not a valid unique pupil number; treated as blank",
    ]
    first, second = parsed.records
    assert (first["dob"], first["nhs_number"], first["first_name"], first["postcode"]) == (None, "", "Isla", "ES3 7QT")
    assert (second["sex"], second["postcode"], second["upn"], second["dob"]) == ("", "", "", date(2019, 4, 12))
    assert not any("9434765918" in str(p) or "NOT A POSTCODE" in str(p) for p in parsed.problems)


def test_rows_that_cannot_be_linked_are_left_out_and_reported() -> None:
    parsed = read(f"{HEADER}\n,health,Isla,Pemberton,,,,,\nr2,health,Ivy\nr3,health,Ivy,Hill,,,,,,extra\nr4,,,,,,,,\n")
    assert [r["unique_id"] for r in parsed.records] == ["r4"]
    assert parsed.rows_skipped == 3
    assert [str(p) for p in parsed.problems] == [
        "line 2: record_id is blank; row left out",
        "line 3: has 3 fields; the header has 9; row left out",
        "line 4: has 10 fields; the header has 9; row left out",
    ]


def test_a_repeated_record_id_stops_the_run_naming_both_lines() -> None:
    with pytest.raises(FileProblem, match="line 4: record_id repeats the one on line 2"):
        read(f"{HEADER}\nr1,,,,,,,,\nr2,,,,,,,,\nr1,,,,,,,,\n")


def test_person_ids_are_numbered_by_each_persons_first_record_in_file_order() -> None:
    clusters = {"c": "a", "a": "a", "b": "b", "d": "b", "e": "e"}
    ids = person_ids(["c", "b", "a", "e", "d"], clusters)
    assert ids == {"c": "P000001", "b": "P000002", "a": "P000001", "e": "P000003", "d": "P000002"}
    out = io.StringIO()
    write_person_ids(out, ids)
    assert out.getvalue().splitlines()[:3] == ["record_id,person_id", "c,P000001", "b,P000002"]
