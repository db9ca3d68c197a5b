"""Ingest: each system's extract parsed into source records and events, idempotently, bad rows reported."""
# ruff: noqa: E501  (extract fixtures are CSV lines as agencies send them)

from __future__ import annotations

import json
from datetime import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from frontdoor.core.calendars import LONDON
from frontdoor.people.models import IngestRun, SourceEvent, SourceParticipation, SourceRecord
from frontdoor.people.services import ingest_path

pytestmark = pytest.mark.django_db

NOV = datetime(2026, 11, 1, 6, 0, tzinfo=LONDON)
DEC = datetime(2026, 12, 1, 6, 0, tzinfo=LONDON)

CSC_PERSONS = """PersonID,PersonType,Forename,Surname,DateOfBirth,ExpectedDateOfBirth,Gender,Ethnicity,UPN,NHSNumber,AddressLine1,Postcode,LastUpdated
CSC0000001,CHILD,Maisie,Ashdown,2014-06-11,,2,WBRI,,9434765919,14 Kiln Lane,ES3 7QP,2026-10-30 10:00:00
CSC0000002,UNBORN,,Kowalski,,2027-01-20,9,,,,Flat 3 Orchard Court,ES5 2HN,2026-10-30 10:00:00
CSC0000003,CHILD,Tyler,Ashdown,2016-02-30,,1,WBRI,,,14 Kiln Lane,ES3 7QP,2026-10-30 10:00:00
CSC0000004,ALIEN,Zed,Nobody,2016-02-01,,1,,,,,,2026-10-30 10:00:00
"""
CSC_EPISODES = """EpisodeID,PersonID,EventType,StartDate,EndDate,ReferralSource,PrimaryNeed,Outcome,CategoryOfAbuse
E1,CSC0000001,CONTACT,2026-09-01,2026-09-01,2A,,ASSESSMENT,
E2,CSC0000001,CPP,2026-09-20,,,N1,,NEG
E3,CSC0000001,REFERRAL,2026-09-05,2026-09-01,2A,N1,S47,
"""
POLICE_INCIDENTS = """IncidentRef,OccurredAt,IncidentType,ChildrenPresent,LocationPostcode,RiskLevel,FoundAt,Summary
ES-2026-0000001,14/10/2026 22:15,DOMESTIC ABUSE,Y,ES3 7QP,,,Argument overheard by neighbours
ES-2026-0000002,20/10/2026 19:00,MISSING PERSON,N,ES3 7QP,MEDIUM,21/10/2026 02:30,
ES-2026-0000003,31/13/2026 19:00,ASB,N,,,,
"""
POLICE_PERSONS = """NominalID,IncidentRef,Involvement,Surname,Forenames,DOB,AgeAtIncident,Sex,Address,Postcode
N00000001,ES-2026-0000001,VICTIM,ASHDOWN,CLAIRE LOUISE,02/04/1988,,F,14 KILN LANE,ES3 7QP
N00000002,ES-2026-0000001,CHILD PRESENT,ASHDOWN,MAISIE,,12,F,14 KILN LANE,ES3 7QP
N00000002,ES-2026-0000002,MISSING PERSON,ASHDOWN,MAISIE,11/06/2014,,F,14 KILN LANE,ES3 7QP
N00000003,ES-2026-0000001,SUSPECT,ASHDOWN,DARREN,19/11/1985,,M,,
N00000004,ES-2026-0000001,BYSTANDER,SMITH,JO,,,U,,
"""
POLICE_VISTS = """VistRef,IncidentRef,NominalID,OfficerCollar,SubmittedAt,RiskGrade,Circumstances,ChildSaid,Channel
V1,ES-2026-0000001,N00000002,PC1234,16/10/2026 09:00,AMBER,Child present during argument,Said she hid upstairs,MOBILE
V2,ES-2026-0000002,N00000002,PC1234,25/10/2026 09:00,PURPLE,,,DESKTOP
"""
CENSUS = """UPN,FormerUPN,LegalSurname,Forename,MiddleNames,PreferredSurname,DOB,Sex,URN,EntryDate,Postcode,SENprovision,FSMeligible,AttendancePct,Exclusions,CensusTerm
H801200001001,,Ashdown,Maisie,,,2014-06-11,F,100002,2025-09-03,ES3 7QP,N,Y,91.5,1,2026-AUT
A801200001001,,Ashdown,Tyler,,,2016-02-28,M,100001,2020-09-02,ES3 7QP,N,Y,88.0,0,2026-AUT
"""
EARLY_HELP = """EpisodeRef,ChildRef,FirstName,LastName,DateOfBirth,Postcode,ReferralDate,AllocatedDate,ClosedDate,LeadOrganisation,Reason
EH-000001,EHC-00001,Oliwia,Kowalski,14/03/2017,ES5 2HN,01/09/2026,10/11/2026,,Family support,Parenting support
EH-000001,EHC-00002,Olek,Kowalski,14/03/2017,ES5 2HN,01/09/2026,10/11/2026,,Family support,Parenting support
EH-000002,EHC-00003,Ruby,Ashdown,03/09/2019,ES3 7QP,01/10/2026,20/09/2026,,Family support,
"""


def bundle(patients: int = 2) -> dict:
    entries = [
        {
            "resource": {
                "resourceType": "Patient",
                "id": f"pat-{i}",
                "identifier": [{"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "9434765919"}],
                "name": [{"use": "official", "family": "Ashdown", "given": ["Maisie", "Rose"]}],
                "gender": "female",
                "birthDate": "2014-06-11",
                "address": [{"line": ["14 Kiln Lane"], "postalCode": "ES3 7QP"}],
                "generalPractitioner": [{"reference": "Organization/E99001", "display": "Riverside"}],
            }
        }
        for i in range(patients)
    ]
    entries.append(
        {
            "resource": {
                "resourceType": "Encounter",
                "id": "enc-1",
                "status": "finished",
                "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "EMER"},
                "subject": {"reference": "Patient/pat-0"},
                "period": {"start": "2026-10-15T01:20:00+01:00", "end": "2026-10-15T04:00:00+01:00"},
                "reasonCode": [{"text": "Head injury"}],
            }
        }
    )
    entries.append(
        {
            "resource": {
                "resourceType": "EpisodeOfCare",
                "id": "eoc-1",
                "status": "active",
                "type": [{"text": "Maternity"}],
                "patient": {"reference": "Patient/pat-1"},
                "period": {"start": "2026-08-01", "end": "2027-01-20"},
            }
        }
    )
    entries.append(
        {"resource": {"resourceType": "Patient", "id": "pat-bad", "gender": "female", "birthDate": "2014-13-01"}}
    )
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


@pytest.fixture
def county(tmp_path: Path) -> Path:
    files = {
        "csc/persons.csv": CSC_PERSONS,
        "csc/episodes.csv": CSC_EPISODES,
        "police/incidents.csv": POLICE_INCIDENTS,
        "police/persons.csv": POLICE_PERSONS,
        "police/vists.csv": POLICE_VISTS,
        "education/census.csv": CENSUS,
        "earlyhelp/episodes.csv": EARLY_HELP,
        "health/bundle-00001.json": json.dumps(bundle()),
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    return tmp_path


def reasons(result) -> list[tuple[int, str]]:
    return [(e.line, e.reason) for e in result.errors]


def test_social_care_people_and_episodes(county) -> None:
    result = ingest_path("csc", county, extracted_at=NOV)
    maisie = SourceRecord.objects.get(system="csc", source_id="CSC0000001")
    assert (maisie.first_name, maisie.last_name, str(maisie.date_of_birth), maisie.sex) == (
        "Maisie",
        "Ashdown",
        "2014-06-11",
        "F",
    )
    assert maisie.nhs_number == "9434765919" and maisie.postcode == "ES3 7QP" and maisie.kind == "child"
    unborn = SourceRecord.objects.get(source_id="CSC0000002")
    assert unborn.kind == "unborn" and str(unborn.expected_date_of_delivery) == "2027-01-20"
    plan = SourceEvent.objects.get(system="csc", source_id="E2")
    assert plan.kind == "child_protection_plan" and plan.attributes["category_of_abuse"] == "NEG"
    assert SourceParticipation.objects.filter(event_source_id="E2", record_source_id="CSC0000001").exists()
    assert reasons(result) == [
        (4, "DateOfBirth '2016-02-30' is not a date in the form YYYY-MM-DD"),
        (5, "PersonType 'ALIEN' is not one of ADULT, CHILD, UNBORN"),
        (4, "EndDate is before StartDate"),
    ]
    assert result.records.created == 2 and result.events.created == 2 and result.rejected == 3


def test_police_nominals_incidents_and_vists(county) -> None:
    result = ingest_path("police", county, extracted_at=NOV)
    maisie = SourceRecord.objects.get(system="police", source_id="N00000002")
    # Names come in upper case; the first row lacked a DOB (age given), the second had it.
    assert (maisie.first_name, maisie.last_name, str(maisie.date_of_birth)) == ("Maisie", "Ashdown", "2014-06-11")
    assert maisie.kind == "child"
    claire = SourceRecord.objects.get(system="police", source_id="N00000001")
    assert (claire.first_name, claire.middle_names, claire.kind) == ("Claire", "Louise", "adult")
    roles = set(SourceParticipation.objects.filter(record_source_id="N00000002").values_list("event_source_id", "role"))
    assert roles == {("ES-2026-0000001", "child_present"), ("ES-2026-0000002", "missing_person"), ("V1", "subject")}
    da = SourceEvent.objects.get(source_id="ES-2026-0000001")
    assert da.kind == "domestic_abuse_incident" and da.attributes["children_present"] is True
    missing = SourceEvent.objects.get(source_id="ES-2026-0000002")
    assert missing.kind == "missing_episode" and missing.ended_at is not None
    vist = SourceEvent.objects.get(source_id="V1")
    assert vist.kind == "vist" and vist.attributes["risk_grade"] == "amber" and vist.attributes["child_said"]
    assert ("police/incidents.csv" in result.errors[0].source) and result.errors[0].line == 4
    assert (
        "OccurredAt '31/13/2026 19:00' is not a date and time in the form DD/MM/YYYY HH:MM" in result.errors[0].reason
    )
    assert any("Involvement 'BYSTANDER'" in e.reason and e.line == 6 for e in result.errors)
    assert any("RiskGrade 'PURPLE'" in e.reason and e.line == 3 for e in result.errors)


def test_health_bundles(county) -> None:
    result = ingest_path("health", county, extracted_at=NOV)
    patient = SourceRecord.objects.get(system="health", source_id="pat-0")
    assert (patient.first_name, patient.middle_names, patient.nhs_number) == ("Maisie", "Rose", "9434765919")
    assert patient.attributes["gp"] == "Organization/E99001"
    attendance = SourceEvent.objects.get(system="health", source_id="enc-1")
    assert attendance.kind == "ed_attendance" and attendance.attributes["reason"] == "Head injury"
    maternity = SourceEvent.objects.get(system="health", source_id="eoc-1")
    assert maternity.kind == "maternity_episode" and maternity.attributes["expected_delivery"] == "2027-01-20"
    assert [e.reason for e in result.errors] == [
        "entry 5 (pat-bad): birthDate '2014-13-01' is not a date in the form YYYY-MM-DD"
    ]


def test_the_health_bundles_are_valid_fhir() -> None:
    from fhir.resources.R4B.bundle import Bundle

    assert Bundle.model_validate(bundle() | {"entry": bundle()["entry"][:-1]}).type == "collection"


def test_education_census(county) -> None:
    ingest_path("education", county, extracted_at=NOV)
    pupil = SourceRecord.objects.get(system="education", source_id="H801200001001")
    assert pupil.upn == "H801200001001" and pupil.attributes["urn"] == "100002"
    census = SourceEvent.objects.get(source_id="H801200001001:2026-AUT")
    assert census.attributes == {
        "urn": "100002",
        "term": "2026-AUT",
        "attendance_pct": 91.5,
        "exclusions": 1,
        "sen_provision": "N",
    }


def test_education_rejects_a_bad_upn(county) -> None:
    result = ingest_path("education", county, extracted_at=NOV)
    assert reasons(result) == [(3, "UPN 'A801200001001' is not a valid UPN")]


def test_early_help_episode_shared_by_siblings(county) -> None:
    result = ingest_path("earlyhelp", county, extracted_at=NOV)
    episode = SourceEvent.objects.get(system="earlyhelp", source_id="EH-000001")
    assert episode.attributes["wait_days"] == 70
    children = set(
        SourceParticipation.objects.filter(event_source_id="EH-000001").values_list("record_source_id", flat=True)
    )
    assert children == {"EHC-00001", "EHC-00002"}
    assert reasons(result) == [(4, "AllocatedDate and ClosedDate must be on or after ReferralDate")]


def test_reimporting_the_same_extract_changes_nothing(county) -> None:
    first = ingest_path("police", county, extracted_at=NOV)
    counts = (SourceRecord.objects.count(), SourceEvent.objects.count(), SourceParticipation.objects.count())
    second = ingest_path("police", county, extracted_at=NOV)
    assert (SourceRecord.objects.count(), SourceEvent.objects.count(), SourceParticipation.objects.count()) == counts
    assert second.records.created == second.records.updated == 0
    assert second.records.unchanged == first.records.created
    assert second.events.unchanged == first.events.created and second.participations == 0


def test_a_newer_extract_updates_changed_records_only(county) -> None:
    ingest_path("csc", county, extracted_at=NOV)
    path = county / "csc/persons.csv"
    path.write_text(path.read_text().replace("14 Kiln Lane,ES3 7QP,2026-10-30", "2 New Road,ES4 1AB,2026-11-30", 1))
    result = ingest_path("csc", county, extracted_at=DEC)
    assert (result.records.updated, result.records.unchanged, result.records.created) == (1, 1, 0)
    maisie = SourceRecord.objects.get(system="csc", source_id="CSC0000001")
    assert maisie.postcode == "ES4 1AB" and maisie.extracted_at == DEC
    assert SourceRecord.objects.filter(system="csc").count() == 2


def test_an_older_extract_never_overwrites_a_newer_one(county) -> None:
    ingest_path("csc", county, extracted_at=DEC)
    path = county / "csc/persons.csv"
    path.write_text(path.read_text().replace("Maisie", "Maisy"))
    result = ingest_path("csc", county, extracted_at=NOV)
    assert result.records.stale == 1
    assert SourceRecord.objects.get(system="csc", source_id="CSC0000001").first_name == "Maisie"


def test_a_missing_column_rejects_the_file_and_says_which(tmp_path) -> None:
    (tmp_path / "csc").mkdir()
    (tmp_path / "csc/persons.csv").write_text("PersonID,Forename\nCSC1,Amy\n")
    (tmp_path / "csc/episodes.csv").write_text(CSC_EPISODES)
    result = ingest_path("csc", tmp_path, extracted_at=NOV)
    assert result.errors[0].line == 1
    assert "missing column(s) PersonType, Surname, DateOfBirth, Gender" in result.errors[0].reason


def test_a_row_with_too_many_fields_is_rejected(tmp_path) -> None:
    (tmp_path / "episodes.csv").write_text(
        "EpisodeRef,ChildRef,FirstName,LastName,DateOfBirth,ReferralDate\nEH-1,EHC-1,A,B,01/01/2018,01/09/2026,extra\n"
    )
    result = ingest_path("earlyhelp", tmp_path / "episodes.csv", extracted_at=NOV)
    assert reasons(result) == [(2, "has 7 fields; the header has 6")]


def test_each_import_is_recorded_with_its_rejected_rows(county) -> None:
    ingest_path("education", county, extracted_at=NOV)
    run = IngestRun.objects.get()
    assert run.system == "education" and run.file_kind == "census" and run.rejected == 1
    assert run.errors == [{"line": 3, "reason": "UPN 'A801200001001' is not a valid UPN"}]
    assert run.counts["records"]["created"] == 1 and run.finished_at is not None


def test_the_command_imports_every_system_and_summarises(county) -> None:
    (county / "manifest.json").write_text(json.dumps({"extracted_at": "2026-10-31T06:00:00+00:00"}))
    out = StringIO()
    call_command("ingest", "all", str(county), "--no-progress", stdout=out, stderr=StringIO())
    text = out.getvalue()
    for system in ("csc", "police", "health", "education", "earlyhelp"):
        assert f"{system}: people" in text
    assert "rejected csc" in text or "rejected " in text
    assert SourceRecord.objects.filter(system="csc").first().extracted_at.isoformat().startswith("2026-10-31")
    again = StringIO()
    call_command("ingest", "all", str(county), "--no-progress", stdout=again, stderr=StringIO())
    assert "people 0 new, 0 updated" in again.getvalue()


def test_the_command_fails_loudly_on_a_single_system_with_rejections(county) -> None:
    with pytest.raises(CommandError, match="some rows were rejected"):
        call_command("ingest", "education", str(county), "--no-progress", stdout=StringIO())
    assert SourceRecord.objects.filter(system="education").count() == 1  # the good rows still went in


def test_unknown_paths_and_systems_are_clear_errors(tmp_path) -> None:
    with pytest.raises(CommandError, match="does not exist"):
        call_command("ingest", "csc", str(tmp_path / "nowhere"), stdout=StringIO())
    with pytest.raises(CommandError, match="no csc extract files found"):
        call_command("ingest", "csc", str(tmp_path), stdout=StringIO())


# --- The same through the partner API ---------------------------------------------------------------------------


@pytest.fixture
def police_token() -> str:
    from frontdoor.access import services
    from support.factories import AgencyFactory

    _, token = services.create_api_client("police", AgencyFactory(kind="police"), ["records:write"])
    return token


def post(client, token: str, path: str, body: str, content_type: str = "text/csv"):
    return client.post(path, body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {token}")


def test_an_agency_sends_its_extract_through_the_api(client, police_token) -> None:
    response = post(client, police_token, "/api/v1/extracts/police/incidents", POLICE_INCIDENTS)
    assert response.status_code == 200
    body = response.json()
    assert body["events"]["created"] == 2 and body["rejected"] == 1
    assert body["errors"][0]["line"] == 4 and "OccurredAt" in body["errors"][0]["reason"]
    again = post(client, police_token, "/api/v1/extracts/police/incidents", POLICE_INCIDENTS).json()
    assert again["events"] == {"created": 0, "updated": 0, "unchanged": 2, "stale": 0}


def test_an_agency_cannot_send_another_systems_extract(client, police_token) -> None:
    response = post(client, police_token, "/api/v1/extracts/csc/persons", CSC_PERSONS)
    assert response.status_code == 403
    assert "cannot send csc extracts" in response.json()["error"]["message"]
    assert not SourceRecord.objects.exists()


def test_an_unknown_extract_is_404(client, police_token) -> None:
    response = post(client, police_token, "/api/v1/extracts/police/parking-tickets", "a,b\n")
    assert response.status_code == 404
    assert "police/parking-tickets is not an extract" in response.json()["error"]["message"]


def test_a_body_that_is_not_utf8_is_named(client, police_token) -> None:
    response = client.post(
        "/api/v1/extracts/police/incidents",
        b"\xff\xfebad",
        content_type="text/csv",
        HTTP_AUTHORIZATION=f"Bearer {police_token}",
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == [{"field": "body", "message": "is not UTF-8"}]


def test_the_extract_route_needs_its_scope(client) -> None:
    from frontdoor.access import services
    from support.factories import AgencyFactory

    _, token = services.create_api_client("nosy", AgencyFactory(kind="police"), ["whoami"])
    assert post(client, token, "/api/v1/extracts/police/incidents", POLICE_INCIDENTS).status_code == 403


def test_a_row_with_a_nul_character_is_rejected(tmp_path) -> None:
    (tmp_path / "episodes.csv").write_text(
        "EpisodeRef,ChildRef,FirstName,LastName,DateOfBirth,ReferralDate\nEH-1,EHC-1,A\x00,B,01/01/2018,01/09/2026\n"
    )
    result = ingest_path("earlyhelp", tmp_path / "episodes.csv", extracted_at=NOV)
    assert reasons(result) == [(2, "contains a NUL character, which no field may hold")]
