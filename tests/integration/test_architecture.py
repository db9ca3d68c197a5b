"""The arrows between apps point one way, and the contracts that say so can fail.

The import-linter contracts in pyproject.toml are run by `make check`; these tests prove they bite (a scratch copy
of the package with one wrong import fails them) and check the one rule import-linter cannot say: no app imports
another app's views or forms (a page's code is the app's own; what others need is a selector, a service or a
registry).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
if os.environ.get("FRONTDOOR_TEST_DATABASE_URL", "").startswith("postgres"):
    pytest.skip("uses no database: it runs once, in the SQLite pass of make test", allow_module_level=True)

PAGE_MODULE = re.compile(r"^frontdoor\.(?!core\.)(\w+)\.(views\w*|forms)$")  # core.forms is the shared field kit


def _app(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_app_imports_another_apps_views_or_forms() -> None:
    graph = grimp.build_graph("frontdoor", cache_dir=None)
    crossings = []
    for module in sorted(graph.modules):
        page = PAGE_MODULE.match(module)
        if page is None:
            continue
        for importer in sorted(graph.find_modules_that_directly_import(module)):
            if _app(importer) != page.group(1) and importer.count(".") > 1:
                crossings.append(f"{importer} imports {module}")
    assert crossings == []


def _lint(tmp_path: Path, scratch: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """lint-imports over a scratch copy of the packages with extra modules written into them (paths under src/)."""
    src = tmp_path / "src"
    for package in ("frontdoor", "second_population"):
        shutil.copytree(ROOT / "src" / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    for relative, text in scratch.items():
        (src / relative).write_text(text)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


def test_the_contracts_hold_on_the_package_as_it_is(tmp_path: Path) -> None:
    result = _lint(tmp_path, {})
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.parametrize(
    ("where", "wrong_import", "contract"),
    [
        ("frontdoor/core/scratch.py", "import frontdoor.mash.models\n", "The shared kernel knows no capability"),
        (
            "frontdoor/intake/scratch.py",
            "import frontdoor.mash.services\n",
            "Capabilities depend along the declared order",
        ),
        (
            "frontdoor/mash/scratch.py",
            "import frontdoor.singleview.selectors\n",
            "Capabilities depend along the declared order",
        ),
        ("frontdoor/people/scratch.py", "import frontdoor.urls\n", "Capabilities depend along the declared order"),
        (
            "second_population/scratch.py",
            "import frontdoor.synth\n",
            "The second population is written apart: no frontdoor, no Django",
        ),
        (
            "second_population/scratch.py",
            "import django\n",
            "The second population is written apart: no frontdoor, no Django",
        ),
        (
            "frontdoor/linkage/scratch.py",
            "import second_population\n",
            "Only the benchmark and the tests use the second population",
        ),
    ],
)
def test_a_wrong_import_breaks_a_contract(tmp_path: Path, where: str, wrong_import: str, contract: str) -> None:
    result = _lint(tmp_path, {where: wrong_import})
    assert result.returncode == 1
    assert f"{contract} BROKEN" in result.stdout
