"""`frontdoor synth` is a thin wrapper: it parses the arguments, writes the county and says what it wrote."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_the_command_writes_a_county_and_prints_a_summary(tmp_path: Path) -> None:
    stdout = StringIO()
    call_command("synth", "--children", "200", "--seed", "1", "--out", str(tmp_path), stdout=stdout)
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["people"]["child"] == 200
    assert manifest["arguments"] == {
        "children": 200,
        "seed": 1,
        "years": 5,
        "start_date": "2021-11-01",
        "extract_date": "2026-10-31",
        "linkage_records": None,
        "error_scale": 1.0,
    }
    for name in ("truth/people.csv", "csc/persons.csv", "police/vists.csv", "education/census.csv"):
        assert (tmp_path / name).is_file()
    assert (tmp_path / "health" / "bundle-00001.json").is_file()
    output = stdout.getvalue()
    assert "200 child" in output and "person records" in output and " s " in output


def test_the_command_passes_dates_scale_and_linkage_mode(tmp_path: Path) -> None:
    call_command(
        "synth",
        "--children=50",
        "--seed=2",
        f"--out={tmp_path}",
        "--years=2",
        "--extract-date=2025-06-30",
        "--error-scale=0",
        "--linkage-records=600",
        stdout=StringIO(),
    )
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["window_start"] == "2023-07-01" and manifest["extract_date"] == "2025-06-30"
    assert set(manifest["error_rates"].values()) == {0.0}
    assert sum(manifest["person_records"].values()) >= 600


def test_the_command_rejects_impossible_arguments(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="years"):
        call_command("synth", "--children=10", f"--out={tmp_path}", "--years=0", stdout=StringIO())
