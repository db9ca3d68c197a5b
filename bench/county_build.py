"""What the benchmarks over a whole synthetic county share: the county built (generate, ingest every extract, link
into people) into a scratch directory or one kept with --keep and reused while it has as many children, the
environment its `frontdoor` commands run in, and the percentile the results report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTDOOR = str(ROOT / ".venv" / "bin" / "frontdoor")


def build(directory: Path, children: int, seed: int, env: dict[str, str]) -> dict[str, float]:
    """Generate, ingest and link a county into the database under `directory`; seconds per step."""
    seconds = {}
    county = directory / "county"
    steps = [
        ("migrate", [FRONTDOOR, "migrate", "-v0"]),
        ("synth", [FRONTDOOR, "synth", "--children", str(children), "--seed", str(seed), "--out", str(county)]),
        ("ingest", [FRONTDOOR, "ingest", "all", str(county), "--no-progress"]),
        ("link", [FRONTDOOR, "link"]),
    ]
    for name, command in steps:
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        seconds[name] = round(time.perf_counter() - started, 1)
        print(f"{name}: {seconds[name]} s", file=sys.stderr)
    (directory / "built.json").write_text(json.dumps({"children": children, "seed": seed, "seconds": seconds}))
    return seconds


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@dataclass
class County:
    """A built county: its directory, the seconds each build step took, and the scratch directory to clean up."""

    directory: Path
    build_seconds: dict[str, float]
    scratch: tempfile.TemporaryDirectory[str] | None

    def cleanup(self) -> None:
        if self.scratch is not None:
            self.scratch.cleanup()


def county_database(keep: Path | None, children: int, seed: int, prefix: str) -> County:
    """The county's database, built (or a kept one brought up to date), with this process's environment pointing
    Django at it (the demo preset, its var directory, warnings only in the log)."""
    scratch = None
    if keep:
        directory = keep.resolve()
        directory.mkdir(parents=True, exist_ok=True)
    else:
        scratch = tempfile.TemporaryDirectory(prefix=prefix)
        directory = Path(scratch.name)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDOOR_TEST")}
    env.update(
        {
            "FRONTDOOR_ENV": "demo",
            "FRONTDOOR_VAR_DIR": str(directory),
            "DJANGO_SETTINGS_MODULE": "frontdoor.settings",
            "FRONTDOOR_LOG_LEVEL": "WARNING",
        }
    )
    built = json.loads((directory / "built.json").read_text()) if (directory / "built.json").exists() else None
    if built is None or built["children"] != children:
        build_seconds = build(directory, children, seed, env)
    else:
        build_seconds = built["seconds"]
        subprocess.run(
            [FRONTDOOR, "migrate", "-v0"], env=env, cwd=ROOT, check=True
        )  # a kept database, brought up to date
    os.environ.update(env)
    return County(directory, build_seconds, scratch)
