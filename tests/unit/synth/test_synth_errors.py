"""Mistakes: none at error scale 0 (every record names and dates its person exactly, modulo each system's format);
at the default scale, mismatches at roughly the documented rates."""

from __future__ import annotations

import csv
import json
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest

from frontdoor.core.identifiers import nhs_number_is_valid, upn_is_valid
from frontdoor.synth import SynthOptions, generate


def _rows(root: Path, name: str) -> list[dict[str, str]]:
    with (root / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper().strip()


def _iso(text: str) -> str:
    return datetime.strptime(text, "%d/%m/%Y").date().isoformat() if "/" in text else text


def comparisons(root: Path) -> dict[str, list[tuple[tuple[str, str, str], tuple[str, str, str]]]]:
    """For each system: (what the record says, what the truth says) as (first names, surname, dob)."""
    people = {r["person_id"]: r for r in _rows(root, "truth/people.csv")}
    truth = {(r["system"], r["source_id"]): people[r["person_id"]] for r in _rows(root, "truth/records.csv")}

    def true(person: dict[str, str], with_middle: bool = False) -> tuple[str, str, str]:
        first = f"{person['first_name']} {person['middle_name']}" if with_middle else person["first_name"]
        return _fold(first), _fold(person["last_name"]), person["dob"]

    pairs: dict[str, list[tuple[tuple[str, str, str], tuple[str, str, str]]]] = {}
    pairs["csc"] = [
        ((_fold(r["Forename"]), _fold(r["Surname"]), r["DateOfBirth"]), true(truth[("csc", r["PersonID"])]))
        for r in _rows(root, "csc/persons.csv")
        if r["PersonType"] != "UNBORN"
    ]
    seen: set[str] = set()
    pairs["police"] = []
    for r in _rows(root, "police/persons.csv"):
        if r["NominalID"] not in seen:
            seen.add(r["NominalID"])
            person = truth[("police", r["NominalID"])]
            record = (_fold(r["Forenames"]), _fold(r["Surname"]), _iso(r["DOB"]) if r["DOB"] else person["dob"])
            pairs["police"].append((record, true(person, with_middle=bool(person["middle_name"]))))
    pairs["education"] = [
        ((_fold(r["Forename"]), _fold(r["LegalSurname"]), r["DOB"]), true(truth[("education", r["UPN"])]))
        for r in _rows(root, "education/census.csv")
    ]
    seen.clear()
    pairs["earlyhelp"] = []
    for r in _rows(root, "earlyhelp/episodes.csv"):
        if r["ChildRef"] not in seen:
            seen.add(r["ChildRef"])
            record = (_fold(r["FirstName"]), _fold(r["LastName"]), _iso(r["DateOfBirth"]))
            pairs["earlyhelp"].append((record, true(truth[("earlyhelp", r["ChildRef"])])))
    pairs["health"] = []
    for path in sorted((root / "health").glob("bundle-*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8"))["entry"]:
            resource = entry["resource"]
            if resource["resourceType"] == "Patient":
                name = resource["name"][0]
                record = (_fold(name["given"][0]), _fold(name["family"]), resource.get("birthDate", ""))
                pairs["health"].append((record, true(truth[("health", resource["id"])])))
    return pairs


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    generate(SynthOptions(children=1500, seed=31, error_scale=0), out)
    return out


@pytest.fixture(scope="module")
def noisy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("noisy")
    generate(SynthOptions(children=4000, seed=31), out)
    return out


def test_error_scale_zero_gives_clean_copies(clean: Path) -> None:
    for system, pairs in comparisons(clean).items():
        assert pairs, system
        wrong = [(record, truth) for record, truth in pairs if record != truth]
        assert not wrong, f"{system}: {wrong[:3]}"
    assert all(r["DOB"] for r in _rows(clean, "police/persons.csv"))
    people = {r["person_id"]: r for r in _rows(clean, "truth/people.csv")}
    upn_to_person = {r["upn"]: r for r in people.values() if r["upn"]}
    assert all(upn_to_person[r["UPN"]]["postcode"] == r["Postcode"] for r in _rows(clean, "education/census.csv"))
    records = _rows(clean, "truth/records.csv")
    for system in ("police", "csc"):
        owners = [r["person_id"] for r in records if r["system"] == system]
        assert len(owners) == len(set(owners)), f"duplicate {system} records at error scale 0"


def test_default_scale_gives_mismatches_at_roughly_the_documented_rates(noisy: Path) -> None:
    pairs = comparisons(noisy)
    for system, low, high in (("police", 0.03, 0.2), ("csc", 0.03, 0.2), ("earlyhelp", 0.03, 0.25)):
        first = sum(r[0] != t[0] for r, t in pairs[system]) / len(pairs[system])
        assert low <= first <= high, f"{system} first-name mismatches {first:.3f}"
    for system in ("education", "health"):
        first = sum(r[0] != t[0] for r, t in pairs[system]) / len(pairs[system])
        assert 0.005 <= first <= 0.06, f"{system} first-name mismatches {first:.3f} (typos only)"
    every = [pair for system_pairs in pairs.values() for pair in system_pairs]
    surname = sum(r[1] != t[1] for r, t in every) / len(every)
    dob = sum(r[2] != t[2] for r, t in every) / len(every)
    assert 0.02 <= surname <= 0.15, surname
    assert 0.01 <= dob <= 0.05, dob


def test_duplicates_and_stale_postcodes_appear_at_default_scale(noisy: Path) -> None:
    records = _rows(noisy, "truth/records.csv")
    # Every system holds some people twice (docs/synthetic-county.md): police and social care about 2% of
    # records, health and education (which mean to hold each person once) about half a per cent.
    for system, low, high in (("police", 0.002, 0.05), ("csc", 0.002, 0.05), ("health", 0.0005, 0.015),
                              ("education", 0.0005, 0.015)):  # fmt: skip
        owners = [r["person_id"] for r in records if r["system"] == system]
        duplicated = len(owners) - len(set(owners))
        assert low * len(owners) <= duplicated <= high * len(owners), (system, duplicated, len(owners))
    people = {r["person_id"]: r for r in _rows(noisy, "truth/people.csv")}
    upn_to_person = {r["upn"]: r for r in people.values() if r["upn"]}
    owner = {r["source_id"]: people[r["person_id"]] for r in records if r["system"] == "education"}
    census = _rows(noisy, "education/census.csv")
    stale = sum(owner[r["UPN"]]["postcode"] != r["Postcode"] for r in census) / len(census)
    assert 0.07 <= stale <= 0.2, stale
    # A pupil on a second roll is there under a temporary UPN (a letter last), which the truth knows as theirs.
    second = [r for r in census if r["UPN"] not in upn_to_person]
    assert second and all(upn_is_valid(r["UPN"]) and r["UPN"][-1].isalpha() for r in second)
    assert all(owner[r["UPN"]]["upn"] in {c["UPN"] for c in census} | {""} for r in second)


def test_a_childs_second_health_record_has_a_temporary_nhs_number(noisy: Path) -> None:
    """Registered again before the permanent number was traced: the number is marked temporary (Identifier.use
    "temp"), valid, and never another person's; the ingest keeps it apart from the NHS number."""
    numbers = {r["nhs_number"] for r in _rows(noisy, "truth/people.csv") if r["nhs_number"]}
    temporary = []
    for bundle in sorted((noisy / "health").glob("bundle-*.json")):
        for entry in json.loads(bundle.read_text())["entry"]:
            for identifier in entry["resource"].get("identifier", []):
                if identifier.get("use") == "temp":
                    temporary.append(identifier["value"])
    assert temporary
    assert all(nhs_number_is_valid(number) and number not in numbers for number in temporary)
    assert len(set(temporary)) == len(temporary)


def test_police_dates_of_birth_missing_about_a_quarter_with_age_given(noisy: Path) -> None:
    people = {r["person_id"]: r for r in _rows(noisy, "truth/people.csv")}
    truth = {
        r["source_id"]: people[r["person_id"]] for r in _rows(noisy, "truth/records.csv") if r["system"] == "police"
    }
    occurred = {r["IncidentRef"]: r["OccurredAt"] for r in _rows(noisy, "police/incidents.csv")}
    rows = _rows(noisy, "police/persons.csv")
    missing = [r for r in rows if not r["DOB"]]
    assert 0.19 <= len(missing) / len(rows) <= 0.31
    assert all(r["AgeAtIncident"] == "" for r in rows if r["DOB"])
    for row in missing:
        born = date.fromisoformat(truth[row["NominalID"]]["dob"])
        on = datetime.strptime(occurred[row["IncidentRef"]], "%d/%m/%Y %H:%M").date()
        age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        assert row["AgeAtIncident"] == str(age)


def test_nhs_numbers_mostly_in_health_rarely_elsewhere(noisy: Path) -> None:
    patients = []
    for path in sorted((noisy / "health").glob("bundle-*.json")):
        for entry in json.loads(path.read_text(encoding="utf-8"))["entry"]:
            if entry["resource"]["resourceType"] == "Patient":
                patients.append(entry["resource"])
    with_nhs = sum("identifier" in p for p in patients) / len(patients)
    assert 0.95 <= with_nhs < 1.0
    csc = _rows(noisy, "csc/persons.csv")
    assert 0.08 <= sum(bool(r["NHSNumber"]) for r in csc) / len(csc) <= 0.22
