"""Each extract parses in exactly the shape docs/synthetic-county.md gives it, and the health Bundles are valid FHIR."""

from __future__ import annotations

import csv
import json
import re
from itertools import pairwise
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle

from frontdoor.synth import SynthOptions, generate

# Written out from the specification, not imported from the generator, so that a drift in either shows up.
SPEC_HEADERS = {
    "truth/people.csv": "person_id,kind,first_name,middle_name,last_name,birth_surname,sex,dob,edd,nhs_number,upn,"
    "household_id,mother_id,father_id,twin_of,postcode,name_origin",
    "truth/records.csv": "system,source_id,person_id",
    "reference/schools.csv": "urn,name,phase,independent,postcode,dsl_name,dsl_email,deputy_dsl_name,deputy_dsl_email",
    "reference/gp_practices.csv": "ods_code,name,postcode",
    "reference/school_terms.csv": "urn,first_day,last_day",
    "csc/persons.csv": "PersonID,PersonType,Forename,Surname,DateOfBirth,ExpectedDateOfBirth,Gender,Ethnicity,UPN,"
    "NHSNumber,AddressLine1,Postcode,LastUpdated",
    "csc/episodes.csv": "EpisodeID,PersonID,EventType,StartDate,EndDate,ReferralSource,PrimaryNeed,Outcome,"
    "CategoryOfAbuse",
    "police/incidents.csv": "IncidentRef,OccurredAt,IncidentType,ChildrenPresent,LocationPostcode,RiskLevel,FoundAt,"
    "Summary,OfficerCollar,Team",
    "police/persons.csv": "NominalID,IncidentRef,Involvement,Surname,Forenames,DOB,AgeAtIncident,Sex,Address,Postcode",
    "police/vists.csv": "VistRef,IncidentRef,NominalID,OfficerCollar,SubmittedAt,RiskGrade,Circumstances,ChildSaid,"
    "Channel",
    "education/census.csv": "UPN,FormerUPN,LegalSurname,Forename,MiddleNames,PreferredSurname,DOB,Sex,URN,EntryDate,"
    "Postcode,SENprovision,FSMeligible,AttendancePct,Exclusions,CensusTerm,EnrolStatus",
    "education/ehe_register.csv": "UPN,LegalSurname,Forename,MiddleNames,DOB,Sex,Postcode,PreviousURN,StartDate",
    "earlyhelp/episodes.csv": "EpisodeRef,ChildRef,FirstName,LastName,DateOfBirth,Postcode,ReferralDate,"
    "AllocatedDate,ClosedDate,LeadOrganisation,Reason",
}
ISO = r"\d{4}-\d{2}-\d{2}"
DMY = r"\d{2}/\d{2}/\d{4}"
DMY_HM = r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"
CIN_SOURCES = "1A|1B|1C|1D|2A|2B|3A|3B|3C|3D|3E|3F|4|5A|5B|5C|5D|6|7|8|9|10"
ETHNICITIES = "WBRI|WIRI|WIRT|WOTH|WROM|MWBC|MWBA|MWAS|MOTH|AIND|APKN|ABAN|AOTH|BCRB|BAFR|BOTH|CHNE|OOTH|REFU|NOBT"
# column -> (pattern, may it be empty)
FORMATS: dict[str, dict[str, tuple[str, bool]]] = {
    "csc/persons.csv": {
        "PersonID": (r"CSC\d{7}", False),
        "PersonType": ("CHILD|ADULT|UNBORN", False),
        "DateOfBirth": (ISO, True),
        "ExpectedDateOfBirth": (ISO, True),
        "Gender": ("1|2|9", False),
        "Ethnicity": (ETHNICITIES, False),
        "NHSNumber": (r"\d{10}", True),
        "LastUpdated": (ISO + r" \d{2}:\d{2}:\d{2}", False),
    },
    "csc/episodes.csv": {
        "EventType": ("CONTACT|REFERRAL|ASSESSMENT|S47|CPP|LAC|CIN_PLAN", False),
        "StartDate": (ISO, False),
        "EndDate": (ISO, True),
        "ReferralSource": (CIN_SOURCES, True),
        "PrimaryNeed": (r"N\d", True),
        "Outcome": ("NFA|ADVICE|EARLY_HELP|ASSESSMENT|S47|CPP|CLOSED", True),
        "CategoryOfAbuse": ("NEG|PHY|SAB|EMO|MUL", True),
    },
    "police/incidents.csv": {
        "IncidentRef": (r"ES-\d{4}-\d{7}", False),
        "OccurredAt": (DMY_HM, False),
        "IncidentType": ("DOMESTIC ABUSE|MISSING PERSON|CONCERN FOR SAFETY|ASSAULT|ASB|THEFT|OTHER", False),
        "ChildrenPresent": ("Y|N", False),
        "RiskLevel": ("LOW|MEDIUM|HIGH", True),
        "FoundAt": (DMY_HM, True),
    },
    "police/persons.csv": {
        "NominalID": (r"N\d{8}", False),
        "Involvement": ("VICTIM|SUSPECT|WITNESS|CHILD PRESENT|CHILD LINKED|MISSING PERSON|INFORMANT", False),
        "Surname": (r"[^a-z]+", False),
        "Forenames": (r"[^a-z]+", False),
        "DOB": (DMY, True),
        "AgeAtIncident": (r"\d{1,3}", True),
        "Sex": ("M|F|U", False),
    },
    "police/vists.csv": {
        "SubmittedAt": (DMY_HM, False),
        "RiskGrade": ("RED|AMBER|GREEN", False),
        "Channel": ("MOBILE|DESKTOP", False),
    },
    "education/census.csv": {
        "DOB": (ISO, False),
        "Sex": ("M|F", False),
        "URN": (r"\d{6}", False),
        "EntryDate": (ISO, False),
        "SENprovision": ("N|K|E", False),
        "FSMeligible": ("Y|N", False),
        "AttendancePct": (r"\d{1,3}\.\d", False),
        "Exclusions": (r"\d+", False),
        "CensusTerm": (r"\d{4}-(AUT|SPR|SUM)", False),
        "EnrolStatus": ("C|M|S", False),
    },
    "education/ehe_register.csv": {
        "DOB": (ISO, False),
        "Sex": ("M|F", False),
        "PreviousURN": (r"\d{6}", False),
        "StartDate": (ISO, False),
    },
    "earlyhelp/episodes.csv": {
        "EpisodeRef": (r"EH-\d{6}", False),
        "ChildRef": (r"EHC-\d{5}", False),
        "DateOfBirth": (DMY, False),
        "ReferralDate": (DMY, False),
        "AllocatedDate": (DMY, True),
        "ClosedDate": (DMY, True),
    },
    "truth/people.csv": {
        "person_id": (r"P\d{7}", False),
        "kind": ("child|adult|unborn", False),
        "sex": ("M|F", False),
        "dob": (ISO, True),
        "edd": (ISO, True),
        "name_origin": (
            "british_irish|mixed|south_asian_muslim|indian|east_asian|black_african|black_caribbean|eastern_european"
            "|southern_european|arab_other",
            False,
        ),
    },
    "reference/schools.csv": {
        "urn": (r"\d{6}", False),
        "phase": ("primary|secondary|all_through|16_plus|alternative_provision", False),
        "independent": ("Y|N", False),
    },
    "reference/school_terms.csv": {"first_day": (ISO, False), "last_day": (ISO, False)},
}


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("county")
    result = generate(SynthOptions(children=1000, seed=11), out)
    assert result.seconds < 10, "1,000 children should take a few seconds at most"
    return out


@pytest.mark.parametrize("name", sorted(SPEC_HEADERS))
def test_every_csv_has_the_spec_header_and_parses(county: Path, name: str) -> None:
    raw = (county / name).read_bytes()
    assert raw.startswith(SPEC_HEADERS[name].encode() + b"\n")
    assert b"\r\n" not in raw
    with (county / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == SPEC_HEADERS[name].split(",")
    assert rows, f"{name} is empty"
    for line, row in enumerate(rows, start=2):
        assert None not in row and None not in row.values(), f"{name}:{line} has the wrong number of fields"
        for column, (pattern, optional) in FORMATS.get(name, {}).items():
            value = row[column]
            assert (optional and value == "") or re.fullmatch(pattern, value), f"{name}:{line} {column}={value!r}"


def test_unborn_and_born_people_have_the_right_dates(county: Path) -> None:
    with (county / "truth/people.csv").open(encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    unborn = [p for p in people if p["kind"] == "unborn"]
    assert unborn and all(p["edd"] and not p["dob"] for p in unborn)
    assert all(p["dob"] and not p["edd"] for p in people if p["kind"] != "unborn")
    with (county / "csc/persons.csv").open(encoding="utf-8") as handle:
        csc = list(csv.DictReader(handle))
    assert all(row["ExpectedDateOfBirth"] and not row["DateOfBirth"] for row in csc if row["PersonType"] == "UNBORN")


def test_health_bundles_are_valid_fhir_collections(county: Path) -> None:
    bundles = sorted((county / "health").glob("bundle-*.json"))
    assert [b.name for b in bundles] == [f"bundle-{n:05d}.json" for n in range(1, len(bundles) + 1)]
    kinds: set[str] = set()
    for path in bundles:
        text = path.read_text(encoding="utf-8")
        bundle = Bundle.model_validate_json(text)
        assert bundle.type == "collection"
        resources = [entry.resource for entry in bundle.entry or []]
        patients = [r for r in resources if r.__resource_type__ == "Patient"]
        assert 0 < len(patients) <= 1000
        kinds |= {r.__resource_type__ for r in resources}
        ids = {p.id for p in patients}
        for resource in resources:
            if resource.__resource_type__ == "Encounter":
                assert resource.status == "finished" and resource.class_fhir.code in ("EMER", "HH")
                assert resource.subject.reference.removeprefix("Patient/") in ids
                assert resource.period.start.utcoffset() is not None
            elif resource.__resource_type__ == "EpisodeOfCare":
                assert resource.type[0].text == "Maternity" and resource.status in ("active", "finished")
                assert resource.patient.reference.removeprefix("Patient/") in ids
        raw = json.loads(text)
        for entry in raw["entry"]:
            if entry["resource"]["resourceType"] == "Patient":
                assert re.fullmatch(r"pat-\d{6}", entry["resource"]["id"])
    assert kinds == {"Patient", "Encounter", "EpisodeOfCare"}


def test_manifest_counts_every_file(county: Path) -> None:
    manifest = json.loads((county / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == 11 and manifest["extract_date"] == "2026-10-31"
    assert manifest["error_rates"]["typo"] == 0.04 and manifest["error_rates"]["dob_missing"] == 0.25
    for name, count in manifest["files"].items():
        path = county / name
        if name.endswith(".csv"):
            with path.open(encoding="utf-8", newline="") as handle:
                assert sum(1 for _ in csv.reader(handle)) - 1 == count, name
        else:
            assert len(json.loads(path.read_text(encoding="utf-8"))["entry"]) == count, name
    assert set(manifest["files"]) >= set(SPEC_HEADERS)
    assert manifest["people"]["child"] == 1000


def test_terms_are_teaching_periods_in_order(county: Path) -> None:
    with (county / "reference/school_terms.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_school: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        assert row["first_day"] <= row["last_day"]
        by_school.setdefault(row["urn"], []).append((row["first_day"], row["last_day"]))
    with (county / "reference/schools.csv").open(encoding="utf-8") as handle:
        schools = list(csv.DictReader(handle))
    assert set(by_school) == {s["urn"] for s in schools}
    assert {s["phase"] for s in schools} >= {"primary", "secondary", "alternative_provision", "16_plus"}
    assert any(s["independent"] == "Y" for s in schools)
    for periods in by_school.values():
        assert periods == sorted(periods) and len(periods) % 6 == 0
        assert all(a[1] < b[0] for a, b in pairwise(periods))
