"""The ground truth: every source record has exactly one truth row; families have twins, large sibling groups,
step-families and absent parents; identifiers are valid and unique."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from frontdoor.core.identifiers import nhs_number_is_valid, postcode_is_valid, upn_is_valid
from frontdoor.synth import SynthOptions, generate
from frontdoor.synth.names import NameBook


def _rows(root: Path, name: str) -> list[dict[str, str]]:
    with (root / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("county")
    generate(SynthOptions(children=1000, seed=21), out)
    return out


@pytest.fixture(scope="module")
def people(county: Path) -> dict[str, dict[str, str]]:
    return {row["person_id"]: row for row in _rows(county, "truth/people.csv")}


def _source_ids(root: Path) -> dict[str, list[str]]:
    """Every distinct source person record in every extract, read from the extracts themselves."""
    ids: dict[str, list[str]] = {
        "csc": [r["PersonID"] for r in _rows(root, "csc/persons.csv")],
        "police": list(dict.fromkeys(r["NominalID"] for r in _rows(root, "police/persons.csv"))),
        # A pupil's record is their single or main registration (a subsidiary one is an event on it), or their place
        # on the elective home education register.
        "education": [r["UPN"] for r in _rows(root, "education/census.csv") if r["EnrolStatus"] != "S"]
        + [r["UPN"] for r in _rows(root, "education/ehe_register.csv")],
        "earlyhelp": list(dict.fromkeys(r["ChildRef"] for r in _rows(root, "earlyhelp/episodes.csv"))),
        "health": [],
    }
    for path in sorted((root / "health").glob("bundle-*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8"))["entry"]:
            if entry["resource"]["resourceType"] == "Patient":
                ids["health"].append(entry["resource"]["id"])
    return ids


def test_every_source_record_has_exactly_one_truth_row(county: Path, people: dict[str, dict[str, str]]) -> None:
    records = _rows(county, "truth/records.csv")
    keys = Counter((r["system"], r["source_id"]) for r in records)
    assert max(keys.values()) == 1
    assert all(r["person_id"] in people for r in records)
    sources = _source_ids(county)
    for system, ids in sources.items():
        assert ids, f"no {system} records"
        assert len(ids) == len(set(ids)), f"{system} repeats a source id"
        assert {k[1] for k in keys if k[0] == system} == set(ids), system
    assert len(records) == sum(len(ids) for ids in sources.values())
    # Children appear where they should: nearly all in health, every school-age child in education.
    truth = {(r["system"], r["person_id"]) for r in records}
    children = [p for p in people.values() if p["kind"] == "child"]
    in_health = sum(("health", c["person_id"]) in truth for c in children)
    assert in_health >= 0.97 * len(children)
    assert all(("education", p["person_id"]) in truth for p in people.values() if p["upn"])


def test_police_nominals_and_csc_people_map_to_one_person_each(county: Path, people: dict[str, dict[str, str]]) -> None:
    truth = {(r["system"], r["source_id"]): r["person_id"] for r in _rows(county, "truth/records.csv")}
    for row in _rows(county, "police/persons.csv"):
        person = people[truth[("police", row["NominalID"])]]
        assert row["Sex"] == person["sex"]
    for row in _rows(county, "csc/persons.csv"):
        assert people[truth[("csc", row["PersonID"])]]["kind"] == row["PersonType"].lower()


def test_twins_are_different_people_sharing_surname_dob_and_home(people: dict[str, dict[str, str]]) -> None:
    twins = [p for p in people.values() if p["twin_of"]]
    assert len(twins) >= 4
    for twin in twins:
        other = people[twin["twin_of"]]
        assert other["twin_of"] == twin["person_id"] != other["person_id"]
        assert (twin["last_name"], twin["dob"], twin["household_id"], twin["mother_id"]) == (
            other["last_name"],
            other["dob"],
            other["household_id"],
            other["mother_id"],
        )
        assert twin["first_name"] != other["first_name"]
        assert not NameBook().one_name(twin["first_name"], other["first_name"])
        assert twin["middle_name"] != other["first_name"]  # not Amelia Julia beside her twin Julia


def test_twins_are_never_given_one_name_in_two_spellings() -> None:
    # Mohammed and Muhammad are one name to a family (and to the linkage): a pair of twins so named was the one pair
    # the 130,000-children county's linkage merged, an artefact of drawing each twin's name on its own.
    book = NameBook()
    assert book.one_name("Mohammed", "Muhammad") and book.one_name("Hussain", "Husain")
    assert book.one_name("Mia", "Mia")
    assert not book.one_name("Mia", "Maya") and not book.one_name("Hassan", "Hussain")


def test_families_have_large_sibling_groups_step_families_and_absent_parents(people: dict[str, dict[str, str]]) -> None:
    children = [p for p in people.values() if p["kind"] == "child"]
    groups = Counter((c["household_id"], c["mother_id"]) for c in children)
    families = len(groups)
    large = sum(1 for size in groups.values() if size >= 6)
    assert large >= 1 and large / families < 0.08
    # A step-family: a child whose legal surname is no longer their birth surname.
    assert any(c["last_name"] != c["birth_surname"] for c in children)
    # A father whose children live in more than one household (he left, or has a new family elsewhere).
    homes: dict[str, set[str]] = defaultdict(set)
    for child in children:
        if child["father_id"]:
            homes[child["father_id"]].add(child["household_id"])
    assert any(len(h) > 1 for h in homes.values())
    assert any(c["father_id"] and people[c["father_id"]]["household_id"] != c["household_id"] for c in children)
    # Unborn children with their expected date and mother.
    unborn = [p for p in people.values() if p["kind"] == "unborn"]
    assert unborn and all(p["edd"] and p["mother_id"] in people for p in unborn)


def test_identifiers_are_valid_and_unique(county: Path, people: dict[str, dict[str, str]]) -> None:
    nhs = [p["nhs_number"] for p in people.values() if p["kind"] != "unborn"]
    assert all(n.startswith("999") and nhs_number_is_valid(n) for n in nhs)
    assert len(set(nhs)) == len(nhs)
    upns = [p["upn"] for p in people.values() if p["upn"]]
    assert upns and all(upn_is_valid(u) for u in upns) and len(set(upns)) == len(upns)
    census = _rows(county, "education/census.csv")
    assert all(upn_is_valid(r["FormerUPN"]) for r in census if r["FormerUPN"])
    assert all(upn_is_valid(r["UPN"]) for r in census if r["UPN"])
    postcodes = [p["postcode"] for p in people.values()]
    postcodes += [r["Postcode"] for r in _rows(county, "csc/persons.csv")]
    postcodes += [r["Postcode"] for r in _rows(county, "police/persons.csv")]
    postcodes += [r["LocationPostcode"] for r in _rows(county, "police/incidents.csv")]
    postcodes += [r["Postcode"] for r in census]
    postcodes += [r["Postcode"] for r in _rows(county, "earlyhelp/episodes.csv")]
    postcodes += [r["postcode"] for r in _rows(county, "reference/schools.csv")]
    postcodes += [r["postcode"] for r in _rows(county, "reference/gp_practices.csv")]
    assert all(pc.startswith("ES") and postcode_is_valid(pc) for pc in postcodes)
    nhs_in_csc = [r["NHSNumber"] for r in _rows(county, "csc/persons.csv") if r["NHSNumber"]]
    assert all(nhs_number_is_valid(n) for n in nhs_in_csc)


def test_common_names_collide_between_different_people(people: dict[str, dict[str, str]]) -> None:
    names = Counter((p["first_name"], p["last_name"]) for p in people.values() if p["kind"] != "unborn")
    assert any(count >= 2 for count in names.values())
    assert Counter(p["last_name"] for p in people.values()).most_common(1)[0][0] == "Smith"


def test_linkage_mode_writes_at_least_the_records_asked_for(tmp_path: Path) -> None:
    result = generate(SynthOptions(children=0, seed=4, linkage_records=2500), tmp_path)
    assert result.person_records >= 2500
    assert len(_rows(tmp_path, "truth/records.csv")) == result.person_records
    assert result.children > 0
