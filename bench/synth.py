"""Time `frontdoor synth` for the 130,000-children county and print one JSON line.

    .venv/bin/python bench/synth.py                          # 130,000 children, seed 1
    .venv/bin/python bench/synth.py --children 1000
    .venv/bin/python bench/synth.py --linkage-records 1000000

Prints children, seconds, peak_rss_mb (the process's maximum resident set, from getrusage) and the row count of
every file (for health bundles, the number of entries). Output goes to a temporary directory unless --out is given.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from frontdoor.synth import SynthOptions, generate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=130_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--linkage-records", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    options = SynthOptions(children=args.children, seed=args.seed, linkage_records=args.linkage_records)
    with tempfile.TemporaryDirectory(prefix="synth-bench-") as scratch:
        out = args.out or Path(scratch)
        started = time.perf_counter()
        result = generate(options, out)
        seconds = time.perf_counter() - started
        size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    bundles = {name: rows for name, rows in result.files.items() if name.startswith("health/bundle-")}
    rows = {name: count for name, count in result.files.items() if name not in bundles}
    rows["health/bundle-*.json"] = sum(bundles.values())
    line = {
        "children": result.children,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "output_mb": round(size_mb, 1),
        "people": result.people,
        "person_records": result.person_records,
        "health_bundles": len(bundles),
        "health_resources": result.resources,
        "rows": rows,
    }
    json.dump(line, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
