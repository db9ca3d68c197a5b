"""`frontdoor returns cin`: the children in need census from a small dataset made through the services: a school's
referral the MASH took to a strategy discussion, the section 47 enquiry it started, the initial conference and the
plan. The XML passes the DfE's schema and the DfE validator finds no error in it; a child the census cannot take is
left out and said why; each child read is on the access audit."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from lxml import etree

from frontdoor.access.models import AccessAudit
from frontdoor.missing.returns_selectors import RETURN_ACTION
from frontdoor.reports.cin_census_xml import schema_errors
from support.cin import census_dataset
from support.validators import errors_only, validate_cin

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    return census_dataset()


def run(*args: str) -> str:
    printed = StringIO()
    call_command("returns", "cin", *args, stdout=printed)
    return printed.getvalue()


def test_the_census_passes_the_schema_and_the_dfe_rules(dataset, tmp_path) -> None:
    out = tmp_path / "census.xml"
    printed = run("--year", "2026", "--out", str(out))
    assert f"Written: {out}" in printed
    assert (
        "1 child with a referral taken further in the year: 1 section 47 enquiry, 1 child protection plan." in printed
    )
    assert "The file passes the DfE's schema (CIN_schema_2026.xsd)." in printed
    xml = out.read_bytes()
    assert schema_errors(xml) == []
    root = etree.fromstring(xml)
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2026-03-31"
    (child,) = root.findall("Children/Child")
    assert child.findtext("ChildIdentifiers/LAchildID") == "ESX1001"
    assert child.findtext("ChildIdentifiers/Sex") == "F"
    details = child.find("CINdetails")
    assert details.findtext("CINreferralDate") == "2026-02-20"
    assert details.findtext("ReferralSource") == "2A"  # a school
    assert details.findtext("Section47/S47ActualStartDate") == "2026-03-02"
    assert details.findtext("Section47/InitialCPCtarget") == "2026-03-23"  # 15 working days on
    assert details.findtext("Section47/DateOfInitialCPC") == "2026-03-19"
    assert details.findtext("DateOfInitialCPC") is None  # recorded once, in the enquiry (rule 2884)
    assert details.findtext("ChildProtectionPlans/CPPstartDate") == "2026-03-19"
    assert details.findtext("ChildProtectionPlans/InitialCategoryOfAbuse") == "NEG"
    assert details.findtext("ChildProtectionPlans/NumberOfPreviousCPP") == "0"

    result = validate_cin(out, 2026)
    assert result["ruleset"] == "cin2025_26" and len(result["rules"]) > 100
    assert errors_only(result) == []
    # The queries left are the case record's to answer: no assessment is held beside the enquiry.
    assert {e["rule"] for e in result["errors"]} == {"2991Q"}


def test_a_child_the_census_cannot_take_is_left_out_and_said_why(dataset, tmp_path) -> None:
    printed = run("--year", "2026", "--out", str(tmp_path))
    assert (tmp_path / "cin_census_2025_26.xml").exists()
    assert "1 child is left out:" in printed
    assert (
        "Child ESX1002: Not in the return: the child's disability (or that they have none) is not recorded" in printed
    )
    assert "assessments and their factors, child in need plans" in printed


def test_each_child_read_for_the_census_is_on_the_access_audit(dataset, tmp_path) -> None:
    run("--year", "2026", "--out", str(tmp_path))
    audited = set(AccessAudit.objects.filter(action=RETURN_ACTION).values_list("person_id", flat=True))
    assert audited == {dataset["maisie"].pk, dataset["tyler"].pk}


def test_the_schema_check_can_fail(dataset, tmp_path) -> None:
    out = tmp_path / "census.xml"
    run("--year", "2026", "--out", str(out))
    broken = out.read_bytes().replace(b"<Sex>F</Sex>", b"<Sex>X</Sex>")
    assert any("Sex" in e for e in schema_errors(broken))


def test_the_validator_catches_a_plan_that_does_not_start_at_the_conference(dataset, tmp_path) -> None:
    """The check can fail: a plan start a day after the conference breaks rule 2885."""
    from frontdoor.mash.models_conference import ConferenceOutcome

    ConferenceOutcome.objects.update(plan_start=date(2026, 3, 20))
    out = tmp_path / "census.xml"
    run("--year", "2026", "--out", str(out))
    assert {e["rule"] for e in errors_only(validate_cin(out, 2026))} == {"2885"}


def test_a_year_with_no_child_writes_no_file_and_says_so(dataset, tmp_path) -> None:
    printed = run("--year", "2024", "--out", str(tmp_path))
    assert "No file written: the census must hold at least one child" in printed
    assert list(tmp_path.iterdir()) == []


def test_what_frontdoor_lacks_of_a_child_the_social_care_records_extract_gives(dataset, tmp_path) -> None:
    """Tyler's disability, ethnicity and UPN are not on frontdoor's record but are in the social care system's
    extract: the census takes them from there, and he is in it."""
    from frontdoor.people.models import SourceSystem
    from frontdoor.web.demo_cin import upn
    from support.factories import SourceRecordFactory

    tyler = dataset["tyler"]
    type(tyler).objects.filter(pk=tyler.pk).update(ethnicity="")
    SourceRecordFactory(
        system=SourceSystem.CSC,
        person=tyler,
        upn=upn("1601002"),
        attributes={"ethnicity": "MWBC", "disability": "AUT, COMM"},
    )
    out = tmp_path / "census.xml"
    printed = run("--year", "2026", "--out", str(out))
    assert "left out" not in printed
    child = next(
        c
        for c in etree.fromstring(out.read_bytes()).findall("Children/Child")
        if c.findtext("ChildIdentifiers/LAchildID") == "ESX1002"
    )
    assert child.findtext("ChildIdentifiers/UPN") == upn("1601002")
    assert child.findtext("ChildCharacteristics/Ethnicity") == "MWBC"
    assert [d.text for d in child.findall("ChildCharacteristics/Disabilities/Disability")] == ["AUT", "COMM"]
