"""The DfE returns' validators for tests: run in their own virtual environment (`make validators`) by subprocess.
Absent on a developer's machine, a test skips saying how to get them; in CI (where `make install` builds them) their
absence fails the test."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv-validators" / "bin" / "python"
SCRIPT = ROOT / "scripts" / "validate_903.py"


def validate_903(folder: Path, year: int) -> dict:
    """What `csc-validator-be-903` makes of the folder's ssda903_*.csv files, by the Missing table's rules."""
    if not PYTHON.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{PYTHON} is missing: CI builds it with `make install` (the validators target)")
        pytest.skip("the SSDA903 validator's environment is absent: run `make validators`")
    done = subprocess.run(
        [str(PYTHON), str(SCRIPT), "--year", str(year), str(folder)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return json.loads(done.stdout)


CIN_SCRIPT = ROOT / "scripts" / "validate_cin.py"


def validate_cin(xml: Path, year: int) -> dict:
    """What `csc-validator-be-cin` makes of the census XML: its errors and queries (a rule ending in Q) by child."""
    if not PYTHON.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{PYTHON} is missing: CI builds it with `make install` (the validators target)")
        pytest.skip("the DfE validators' environment is absent: run `make validators`")
    done = subprocess.run(
        [str(PYTHON), str(CIN_SCRIPT), "--year", str(year), str(xml)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return json.loads(done.stdout)


def errors_only(result: dict) -> list[dict]:
    """The findings that are errors, not queries, of the child and of the whole return."""
    return [e for e in result["errors"] + result["return_level"] if not e["query"]]
