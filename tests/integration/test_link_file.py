"""`frontdoor link-file` end to end: a synthetic county's people plus hand-made ones whose truth is known (twins
above all), written as one generic CSV, linked without the application database, read back."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.core.identifiers import nhs_check_digit
from frontdoor.linkage.county import read_records, read_truth
from frontdoor.synth import SynthOptions, generate

HEADER = ["record_id", "source", "first_name", "last_name", "dob", "sex", "postcode", "nhs_number", "upn", "notes"]


def nhs(first_nine: str) -> str:
    return first_nine + str(nhs_check_digit(first_nine))


ISLA, IVY, ALEX = nhs("401023001"), nhs("401023002"), nhs("401023003")
# record_id, source, first, last, dob, sex, postcode, nhs_number, person (the truth)
HAND_MADE = [
    # Twins: one surname, birth date and address; only first names and NHS numbers tell them apart.
    ("hand-1", "health", "Isla", "Pemberton", "2019-04-12", "F", "ES3 7QT", ISLA, "isla"),
    ("hand-2", "education", "Isla", "Pemberton", "12/04/2019", "F", "ES3 7QT", "", "isla"),
    ("hand-3", "health", "Ivy", "Pemberton", "2019-04-12", "F", "ES3 7QT", IVY, "ivy"),
    ("hand-4", "police", "Ivy", "Pemberton", "12/04/2019", "F", "ES3 7QT", "", "ivy"),
    # One boy under a nickname in another system, with his NHS number in both.
    ("hand-5", "health", "Alexander", "Okonkwo", "2015-09-03", "M", "ES1 4NB", ALEX, "alex"),
    ("hand-6", "csc", "Alex", "Okonkwo", "03/09/2015", "M", "ES1 4NB", ALEX, "alex"),
    # Namesakes born decades apart: not one person.
    ("hand-7", "police", "John", "Smithson", "1971-01-05", "M", "ES2 9LD", "", "john-senior"),
    ("hand-8", "education", "John", "Smithson", "2012-06-30", "M", "ES5 1HS", "", "john-junior"),
    # A date that is no date: blanked and reported; the row still links.
    ("hand-9", "csc", "Ivy", "Pemberton", "31/02/2019", "F", "ES3 7QT", IVY, "ivy"),
]


@pytest.fixture(scope="module")
def person_file(tmp_path_factory) -> tuple[Path, dict[str, str], set[frozenset[str]]]:
    """A person file of ~1,000 records from a small county, then the hand-made rows; with the truth and twins."""
    scratch = tmp_path_factory.mktemp("link-file")
    county = scratch / "county"
    generate(SynthOptions(children=300, seed=3), county)
    person_of, twins = read_truth(county)
    path = scratch / "people.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER)
        for i, record in enumerate(read_records(county)):
            dob = record["dob"]
            written = "" if dob is None else dob.isoformat() if i % 2 else dob.strftime("%d/%m/%Y")
            values = [record[name] for name in ("unique_id", "source", "first_name", "last_name")]
            values += [written, *(record[name] for name in ("sex", "postcode", "nhs_number", "upn")), "x"]
            writer.writerow(values)
        for *row, person in HAND_MADE:
            writer.writerow([*row, "", "ignored"])
            person_of[row[0]] = person
    return path, person_of, twins


@pytest.fixture(scope="module")
def linked(person_file, tmp_path_factory) -> tuple[dict[str, str], list[str], str]:
    path, _person_of, _twins = person_file
    out = tmp_path_factory.mktemp("out") / "person_ids.csv"
    stderr = io.StringIO()
    # No database: the test is not marked django_db, so any query would fail it.
    call_command("link_file", str(path), out=str(out), unique_source=["health", "education"], stderr=stderr)
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["record_id", "person_id"]
    return dict(rows[1:]), [r[0] for r in rows[1:]], stderr.getvalue()


def test_every_record_appears_exactly_once(person_file, linked) -> None:
    _path, person_of, _twins = person_file
    _ids, order, _stderr = linked
    assert Counter(order).most_common(1)[0][1] == 1
    assert set(order) == set(person_of)
    assert order[-len(HAND_MADE) :] == [row[0] for row in HAND_MADE]  # file order kept


def test_the_known_matches_and_non_matches_hold(linked) -> None:
    ids, _order, _stderr = linked
    assert ids["hand-1"] == ids["hand-2"]  # Isla in two systems
    assert ids["hand-3"] == ids["hand-4"] == ids["hand-9"]  # Ivy in three
    assert ids["hand-1"] != ids["hand-3"]  # the twins apart
    assert ids["hand-5"] == ids["hand-6"]  # Alexander and Alex
    assert ids["hand-7"] != ids["hand-8"]  # namesakes


def test_the_county_links_accurately_and_no_twins_merge(person_file, linked) -> None:
    _path, person_of, twins = person_file
    ids, _order, _stderr = linked
    members: dict[str, list[str]] = defaultdict(list)
    for uid, person_id in ids.items():
        members[person_id].append(uid)
    people_in = [{person_of[uid] for uid in group} for group in members.values()]
    assert [pair for pair in twins for people in people_in if pair <= people] == []
    found = sum(n * (n - 1) // 2 for g in members.values() for n in Counter(person_of[u] for u in g).values())
    predicted = sum(len(g) * (len(g) - 1) // 2 for g in members.values())
    actual = sum(n * (n - 1) // 2 for n in Counter(person_of.values()).values())
    assert found / predicted >= 0.99
    assert found / actual >= 0.9


def test_the_summary_and_problems_go_to_stderr(linked) -> None:
    _ids, order, stderr = linked
    assert "line " in stderr and "dob is not a date" in stderr
    assert "31/02/2019" not in stderr  # problems name where, not what
    summary = stderr.strip().splitlines()[-1]
    assert summary.startswith(f"records {len(order)}  people ")
    assert "seconds" in summary


def test_a_saved_model_links_the_same_file_the_same_way(person_file, linked, tmp_path) -> None:
    path, _person_of, _twins = person_file
    model = tmp_path / "model.json"
    first, again = tmp_path / "first.csv", tmp_path / "again.csv"
    call_command("link_file", str(path), out=str(first), save_model=str(model), stderr=io.StringIO())
    assert json.loads(model.read_text())["comparisons"][0]["output_column_name"] == "first_name"
    call_command("link_file", str(path), out=str(again), model=str(model), stderr=io.StringIO())
    assert first.read_text() == again.read_text()


def test_a_file_without_record_id_stops_with_a_clear_error(tmp_path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("id,first_name\n1,Isla\n2,Ivy\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no record_id column"):
        call_command("link_file", str(source), out=str(tmp_path / "out.csv"), stderr=io.StringIO())
    assert not (tmp_path / "out.csv").exists()


def test_a_file_too_small_to_train_on_is_linked_with_the_packaged_model_and_says_so(tmp_path) -> None:
    source, out = tmp_path / "people.csv", tmp_path / "out.csv"
    source.write_text(
        "record_id,first_name,last_name,dob\n1,Isla,Hill,2019-04-12\n2,Ivy,Hill,12/04/2019\n3,Isla,Hill,12/04/2019\n",
        encoding="utf-8",
    )
    stderr = io.StringIO()
    call_command("link_file", str(source), out=str(out), stderr=stderr)
    with out.open(encoding="utf-8", newline="") as stream:
        ids = dict(list(csv.reader(stream))[1:])
    assert ids["1"] == ids["3"] != ids["2"]  # Isla twice; her twin apart
    said = stderr.getvalue()
    assert "Compared first name, last name and date of birth; the file has no" in said
    assert "too small or too sparse to train the model on (it has 3 records" in said
    assert "linked with the packaged model" in said
    assert said.strip().splitlines()[-1].startswith("records 3  people 2  ")
