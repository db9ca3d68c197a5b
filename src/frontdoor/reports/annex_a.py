"""`frontdoor returns annex-a --year YYYY --out DIR`: Ofsted's Annex A lists 1 to 11 as one workbook (.xlsx), each
list a sheet with Ofsted's headings in order (`annex_a_layout`), dates dd/mm/yyyy, from what frontdoor holds
(`annex_a_rows`); a Notes sheet says, list by list, what frontdoor put in it and what it cannot fill. A blank cell
is not known, never zero."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from frontdoor.access.audit import Actor
from frontdoor.core.registry import StatutoryReturn
from frontdoor.missing.returns_rows import CollectionYear
from frontdoor.reports.annex_a_layout import LISTS, NOTES_SHEET
from frontdoor.reports.annex_a_rows import Cell, read_annex_a

NAME = "annex-a"
DATE_FORMAT = "DD/MM/YYYY"


def file_name(year: CollectionYear) -> str:
    return f"annex_a_{year.label.replace('-', '_')}.xlsx"


def workbook(year: CollectionYear, rows: dict[int, list[list[Cell]]], unlinked: int) -> Workbook:
    book = Workbook()
    book.remove(book.active)
    for annex in LISTS:
        sheet = book.create_sheet(annex.sheet)
        sheet.append(annex.headings)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows.get(annex.number, []):
            sheet.append(row)
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, date):
                    cell.number_format = DATE_FORMAT
        sheet.freeze_panes = "A2"
    notes = book.create_sheet(NOTES_SHEET)
    notes.append(["List", "Subject", "Rows", "What frontdoor put in it"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for annex in LISTS:
        count = len(rows.get(annex.number, []))
        notes.append([annex.sheet, annex.title, count if annex.filled else "Not filled", annex.note])
    notes.append([])
    notes.append([
        "All lists", "", "",
        f"Collection year {year.label}: 1 April {year.ending - 1} to 31 March {year.ending}. Child Unique ID is the "
        "council's child id where frontdoor holds it, otherwise frontdoor's own (FD and a number: add the council's "
        "id on the child's record). Does the Child have a Disability is blank: frontdoor does not record it. A blank "
        "cell is not known, never zero. Headings follow the Annex A workbook as the sector's shared pipeline "
        "(liia-tools) transcribes it: check them against Ofsted's current workbook before sending.",
    ])  # fmt: skip
    if unlinked:
        notes.append([
            "List 1", "", "",
            f"{unlinked} children named on contacts in the year are not yet matched to a person in frontdoor and "
            "are not listed.",
        ])  # fmt: skip
    return book


def write_annex_a(ending: int, out: Path) -> list[str]:
    """Write the workbook for the collection year ending in `ending`; the lines to print."""
    year = CollectionYear(ending)
    actor = Actor(user=None, role="", agency=None, request_id=f"return-{NAME}-{ending}")
    lists = read_annex_a(year, actor)
    path = out / file_name(year)
    workbook(year, lists.rows, lists.unlinked_contacts).save(path)
    lines = [f"Ofsted Annex A, {year.label} (1 April {ending - 1} to 31 March {ending}): {path}"]
    for annex in LISTS:
        if annex.filled:
            lines.append(f"  {annex.sheet} ({annex.title}): {len(lists.rows.get(annex.number, []))} rows")
        else:
            lines.append(f"  {annex.sheet} ({annex.title}): not filled, frontdoor does not hold it")
    lines.append("  The Notes sheet says what each list holds and which columns are blank.")
    return lines


RETURN = StatutoryReturn(
    name=NAME,
    help="Ofsted's Annex A lists 1 to 11 as one workbook (.xlsx), with what frontdoor cannot fill said plainly",
    write=write_annex_a,
)
