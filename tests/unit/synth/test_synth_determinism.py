"""The same seed and arguments give byte-identical files; a different seed gives a different county."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from frontdoor.synth import SynthOptions, generate


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_same_seed_same_bytes_different_seed_different(tmp_path: Path) -> None:
    options = SynthOptions(children=400, seed=5)
    generate(options, tmp_path / "a")
    generate(options, tmp_path / "b")
    generate(SynthOptions(children=400, seed=6), tmp_path / "c")
    first, second, other = _hashes(tmp_path / "a"), _hashes(tmp_path / "b"), _hashes(tmp_path / "c")
    assert len(first) >= 14
    assert first == second
    differing = [name for name in first if other.get(name) != first[name]]
    assert "truth/people.csv" in differing and "police/incidents.csv" in differing
    assert "csc/episodes.csv" in differing and "health/bundle-00001.json" in differing


def test_rerun_into_the_same_directory_leaves_no_stale_bundles(tmp_path: Path) -> None:
    generate(SynthOptions(children=1200, seed=2), tmp_path)
    assert (tmp_path / "health" / "bundle-00002.json").exists()
    generate(SynthOptions(children=100, seed=2), tmp_path)
    assert not (tmp_path / "health" / "bundle-00002.json").exists()


def test_extract_date_fixes_the_span_not_today(tmp_path: Path) -> None:
    generate(SynthOptions(children=150, seed=3, extract_date=date(2025, 3, 31), years=2), tmp_path)
    manifest = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert '"extract_date": "2025-03-31"' in manifest and '"window_start": "2023-04-01"' in manifest
    census = (tmp_path / "education" / "census.csv").read_text(encoding="utf-8").splitlines()
    assert all(line.split(",")[15] == "2025-SPR" for line in census[1:])


def test_the_error_scale_changes_the_records_not_the_people(tmp_path: Path) -> None:
    generate(SynthOptions(children=300, seed=9, error_scale=0), tmp_path / "clean")
    generate(SynthOptions(children=300, seed=9), tmp_path / "noisy")
    clean, noisy = _hashes(tmp_path / "clean"), _hashes(tmp_path / "noisy")
    assert clean["truth/people.csv"] == noisy["truth/people.csv"]
    assert clean["police/incidents.csv"] == noisy["police/incidents.csv"]
    assert clean["education/census.csv"] != noisy["education/census.csv"]
