"""The school census and the elective home education register as Operation Encompass reads them: a dual-registered
pupil (two census rows, one UPN) is one record that knows both establishments and is told of at the main one; a
child on the council's register routes to the council; and the synthetic county gives Encompass both."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontdoor.core.identifiers import upn_check_letter
from frontdoor.encompass.establishments import map_destinations
from frontdoor.encompass.models import RouteReason
from frontdoor.people.models import PersonKind, SchoolPhase, SourceEvent, SourceRecord, SourceSystem
from frontdoor.people.services import ingest_path
from frontdoor.synth import SynthOptions, generate
from support.counties import COUNTY_EXTRACTED
from support.encompass import school
from support.factories import PersonFactory

pytestmark = pytest.mark.django_db

CENSUS = "UPN,FormerUPN,LegalSurname,Forename,MiddleNames,PreferredSurname,DOB,Sex,URN,EntryDate,Postcode,"
CENSUS += "SENprovision,FSMeligible,AttendancePct,Exclusions,CensusTerm,EnrolStatus\n"
EHE = "UPN,LegalSurname,Forename,MiddleNames,DOB,Sex,Postcode,PreviousURN,StartDate\n"


def upn(serial: int) -> str:
    body = f"938200118{serial:03d}"
    return upn_check_letter(body) + body


def census_row(pupil: str, name: str, urn: str, status: str) -> str:
    return f"{pupil},,{name},Jay,,{name},2012-05-04,M,{urn},2023-09-06,ES3 7QP,N,N,91.0,0,2026-AUT,{status}\n"


def test_a_dual_registered_pupil_is_one_record_told_of_at_the_main_school_and_home_education_goes_to_the_council(
    tmp_path: Path,
) -> None:
    kiln = school("Kiln Lane Academy", phase=SchoolPhase.SECONDARY)
    bridge = school("The Bridge Centre", phase=SchoolPhase.ALTERNATIVE_PROVISION)
    dual, single, home = upn(1), upn(2), upn(3)
    (tmp_path / "education").mkdir()
    (tmp_path / "education" / "census.csv").write_text(
        CENSUS
        + census_row(dual, "Ashdown", bridge.urn, "S")  # the AP's return may come first: still the subsidiary
        + census_row(dual, "Ashdown", kiln.urn, "M")
        + census_row(single, "Okafor", bridge.urn, "C")
    )
    (tmp_path / "education" / "ehe_register.csv").write_text(
        EHE + f"{home},Petrov,Ivy,,2013-01-20,F,ES3 7QP,{kiln.urn},2026-02-01\n"
    )
    result = ingest_path("education", tmp_path, extracted_at=COUNTY_EXTRACTED)
    assert result.errors == []
    records = {r.source_id: r for r in SourceRecord.objects.filter(system=SourceSystem.EDUCATION)}
    assert set(records) == {dual, single, home}  # one record per pupil, whatever their registrations
    assert records[dual].attributes["urn"] == kiln.urn and records[dual].attributes["enrol_status"] == "M"
    [second] = SourceEvent.objects.filter(kind="school_registration")
    assert (second.attributes["urn"], second.attributes["enrol_status"]) == (bridge.urn, "S")
    assert records[home].attributes["elective_home_education"] is True

    children = {}
    for source_id, record in records.items():
        person = PersonFactory(kind=PersonKind.CHILD, date_of_birth=date(2012, 5, 4))
        SourceRecord.objects.filter(pk=record.pk).update(person=person)
        children[source_id] = person.pk
    found = map_destinations(children.values(), date(2026, 11, 10))
    assert found[children[dual]].school == kiln  # the main registration, not the AP
    assert found[children[single]].school == bridge
    assert found[children[home]].school is None
    assert found[children[home]].routed == RouteReason.HOME_EDUCATED


def test_the_synthetic_county_gives_encompass_home_educated_and_dual_registered_children(tmp_path: Path) -> None:
    generate(SynthOptions(children=4000, seed=21), tmp_path)
    result = ingest_path("education", tmp_path, extracted_at=COUNTY_EXTRACTED)
    assert result.errors == []
    home_educated = SourceRecord.objects.filter(system=SourceSystem.EDUCATION, attributes__elective_home_education=True)
    assert home_educated.exists()
    subsidiaries = SourceEvent.objects.filter(kind="school_registration", attributes__enrol_status="S")
    assert subsidiaries.exists()
    mains = SourceRecord.objects.filter(system=SourceSystem.EDUCATION, attributes__enrol_status="M")
    assert mains.count() == subsidiaries.count()
