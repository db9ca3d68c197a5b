"""The demo's statutory returns: the demo county's looked-after children have periods missing or away in the current
collection year, so `frontdoor returns ssda903-missing` writes a Missing table with rows in it, which the DfE
validator's Missing table rules pass; the period that spanned the last 31 March is open in that year's return and
ended in this one's; every return was offered its interview and its VIST triaged; loaded again, nothing is added."""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from frontdoor.missing.models import Episode, InterviewStatus
from frontdoor.missing.returns_rows import CollectionYear
from frontdoor.web.demo import load_demo_data
from frontdoor.web.demo_returns import _last_year_end
from support.validators import validate_903

pytestmark = pytest.mark.django_db


def current_year(today: date) -> int:
    return today.year + 1 if today.month >= 4 else today.year


def export(year: int, out: Path) -> list[dict[str, str]]:
    call_command("returns", "ssda903-missing", "--year", str(year), "--out", str(out), stdout=StringIO())
    label = CollectionYear(year).label.replace("-", "_")
    with (out / f"ssda903_missing_{label}.csv").open(newline="") as f:
        return list(csv.DictReader(f))


def test_the_demo_countys_missing_table_has_rows_this_year_and_passes_the_validator(demo, tmp_path) -> None:
    year = current_year(date.today())
    rows = export(year, tmp_path)
    children = {r["CHILD"] for r in rows}
    assert {"ESX100231", "ESX100187", "ESX100264"} <= children, rows
    assert any(r["MIS_END"] == "" for r in rows)  # Kayla is missing now
    result = validate_903(tmp_path, year)
    assert result["errors"] == [] and result["failed"] == [] and result["skipped"] == []


def test_the_period_spanning_the_last_31_march_is_open_then_and_ended_now(demo, tmp_path) -> None:
    today = date.today()
    year_end = _last_year_end(today)
    then = export(year_end.year, tmp_path / "then")
    now = export(year_end.year + 1, tmp_path / "now")
    start = f"30/03/{year_end.year}"
    assert [r["MIS_END"] for r in then if r["CHILD"] == "ESX100187" and r["MIS_START"] == start] == [""]
    assert [r["MIS_END"] for r in now if r["CHILD"] == "ESX100187" and r["MIS_START"] == start] == [
        f"02/04/{year_end.year}"
    ]
    assert validate_903(tmp_path / "then", year_end.year)["errors"] == []


def test_the_returns_demo_leaves_no_work_undone_and_adds_nothing_when_loaded_again(demo) -> None:
    mine = Episode.objects.filter(police_reference__startswith="ESP-DEMO-RET-")
    assert mine.count() == 3
    assert all(e.interview.status == InterviewStatus.DECLINED for e in mine)
    assert all(e.vist is not None for e in mine)
    counts = Episode.objects.count()
    load_demo_data()
    assert Episode.objects.count() == counts
