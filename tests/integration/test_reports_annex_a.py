"""`frontdoor returns annex-a`: Ofsted's Annex A lists 1 to 11 as one workbook, each list a sheet with Ofsted's
headings in order, dates dd/mm/yyyy, filled from what frontdoor holds (list 8's missing columns from missing
episodes), the lists it cannot fill blank and said so on the Notes sheet; and LibreOffice opens it."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from frontdoor.access.models import AccessAudit
from frontdoor.reports.annex_a_layout import LISTS
from support import exports

pytestmark = pytest.mark.django_db

# Ofsted's headings as the sector's pipeline transcribes them (liia-tools Annex_A_schema.yml), written by hand here.
COMMON = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
HEADINGS = {
    "List 1": [*COMMON, "Date of Contact", "Contact Source"],
    "List 3": [*COMMON, "Date of referral", "Referral Source", "Referral NFA?",
               "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"],
    "List 5": [*COMMON, "Does the Child have a Disability",
               "Strategy discussion initiating Section 47 Enquiry Start Date",
               "Was an Initial Child Protection Conference deemed unnecessary?",
               "Date of Initial Child Protection Conference",
               "Did the Initial Child Protection Conference Result in a Child Protection Plan",
               "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
               "Allocated Team", "Allocated Worker"],
    "List 10": ["Child Unique ID", "Family identifier", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                "Does the Child have a Disability", "Date the Child Entered Care",
                "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
                "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order",
                "Date of Decision that Child Should No Longer be Placed for Adoption",
                "Reason Why Child No Longer Placed for Adoption",
                "Date the child was placed for fostering in FFA or concurrent planning placement"],
    "List 11": ["Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
                "Is the (prospective) adopter fostering for adoption?", "Date enquiry received",
                "Date Stage 1 started", "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended",
                "Date application submitted", "Date application approved", "Date adopter matched with child(ren)",
                "Date child/children placed with adopter(s)", "No. of children placed", "Date of Adoption Order",
                "Date of leaving adoption process", "Reason for leaving adoption process"],
}  # fmt: skip
LIST_8_MISSING = [
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?",
]


@pytest.fixture
def workbook_path(tmp_path) -> Path:
    exports.build()
    printed = io.StringIO()
    call_command("returns", "annex-a", "--year", "2026", "--out", str(tmp_path), stdout=printed)
    assert "List 2 (Early Help): not filled" in printed.getvalue()
    return tmp_path / "annex_a_2025_26.xlsx"


def rows_of(sheet) -> list[dict]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_each_list_is_a_sheet_with_ofsteds_headings_in_order(workbook_path) -> None:
    book = load_workbook(workbook_path)
    assert book.sheetnames == [f"List {n}" for n in range(1, 12)] + ["Notes"]
    for name, headings in HEADINGS.items():
        assert [c.value for c in book[name][1]] == headings, name
    list_8 = [c.value for c in book["List 8"][1]]
    assert list_8[:5] == COMMON and list_8[-6:-2] == LIST_8_MISSING
    assert list_8[-2:] == ["Allocated Team", "Allocated Worker"]


def test_the_lists_hold_what_frontdoor_holds_with_dates_dd_mm_yyyy(workbook_path) -> None:
    book = load_workbook(workbook_path)
    # Contacts from 1 April 2025 to 31 March 2026: February's (P3) and March's 4 referrals' children and 2 VISTs'.
    contacts = rows_of(book["List 1"])
    assert len(contacts) == 7
    assert {c["Contact Source"] for c in contacts} == {"2A: Schools", "3D: Health services: other primary health "
                                                       "services", "6: Police"}  # fmt: skip
    dated = book["List 1"]["F2"]
    assert isinstance(dated.value, (date,)) and dated.number_format == "DD/MM/YYYY"
    # P1 is listed under the council's child id, the others under frontdoor's own.
    ids = {c["Child Unique ID"] for c in contacts}
    assert exports.LA_CHILD_ID in ids and all(i == exports.LA_CHILD_ID or i.startswith("FD") for i in ids)
    referrals = rows_of(book["List 3"])
    # February (P3), 2 March (P1, P2), 21 March (P1: their second in 12 months), VIST 1 (P4). P2's referral of
    # January 2025 is outside the year and 14 months before 2 March 2026, so P2 has 1.
    assert sorted(r["Number of Referrals in Last 12 Months"] for r in referrals) == [1, 1, 1, 1, 2]
    assert {r["Referral NFA?"] for r in referrals} == {"No"} and {r["Allocated Team"] for r in referrals} == {None}
    (enquiry,) = rows_of(book["List 5"])
    assert enquiry["Did the Initial Child Protection Conference Result in a Child Protection Plan"] == "Yes"
    (plan,) = rows_of(book["List 7"])
    assert plan["Initial Category of Abuse"] == "Neglect" and plan["Number of Previous Child Protection Plans"] is None
    (in_care,) = rows_of(book["List 8"])
    # P5: 1 February (back the next day, interview declined) and 8 March (still missing): 2 missing, none away; the
    # latest is still going on, so whether an interview was offered after it is not known: blank, not "No".
    assert [in_care[h] for h in LIST_8_MISSING] == [2, 0, None, None]
    assert in_care["Start Date of Most Recent Placement"].date() == date(2025, 9, 1)
    assert rows_of(book["List 6"]) == [] and rows_of(book["List 9"]) == []
    notes = {r["List"]: r for r in rows_of(book["Notes"]) if r["List"]}
    assert notes["List 6"]["Rows"] == "Not filled" and notes["List 1"]["Rows"] == 7
    # Each child put in the workbook is on the access audit: P1 to P5 (P6 is only on an incident).
    assert AccessAudit.objects.filter(action="statutory_return", purpose="Ofsted Annex A 2025-26").count() == 5


def test_libreoffice_opens_the_workbook_and_reads_the_layout(workbook_path, tmp_path) -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    assert office, "LibreOffice is needed (Debian package libreoffice-calc-nogui; .ci/run installs it)"
    out = tmp_path / "csv"
    # Filter options: comma, double quote, UTF-8, from row 1, cell contents as shown (the 9th), and -1: every sheet
    # to its own file.
    filter_options = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
    done = subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", filter_options,
         "--outdir", str(out), str(workbook_path)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    sheets = {p.stem.removeprefix(workbook_path.stem + "-"): p for p in out.glob("*.csv")}
    assert set(sheets) == {f"List {n}" for n in range(1, 12)} | {"Notes"}, sorted(sheets)
    for annex in LISTS:
        with sheets[annex.sheet].open(newline="", encoding="utf-8") as f:
            read = list(csv.reader(f))
        assert read[0] == annex.headings, annex.sheet
    with sheets["List 1"].open(newline="", encoding="utf-8") as f:
        first = next(iter(csv.DictReader(f)))
    assert first["Date of Contact"] == "10/02/2026"  # February's referral, the year's first contact, as dd/mm/yyyy
