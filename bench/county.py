"""The synthetic county end to end: generate N children's county, then ingest every system's extract.

Each phase runs as its own process (as a user would run the commands); the figures are wall time, peak
resident memory of each phase, and the records and events stored per system. Last line: one JSON object.

    .venv/bin/python bench/county.py [--children 130000] [--seed 1] [--database sqlite|postgres]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTDOOR = str(ROOT / ".venv" / "bin" / "frontdoor")
PG_ADMIN_URL = os.environ.get("FRONTDOOR_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def phase(args: list[str], env: dict) -> tuple[float, float, str]:
    """Run one command; its wall time, its own peak RSS in MB (from wait4), and its output."""
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if process.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{output[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=130_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDOOR_TEST")}
        env.update(
            {
                "FRONTDOOR_ENV": "demo",
                "FRONTDOOR_VAR_DIR": tmp,
                "DJANGO_SETTINGS_MODULE": "frontdoor.settings",
                "FRONTDOOR_LOG_LEVEL": "WARNING",
            }
        )
        if args.database == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS frontdoor_county WITH (FORCE)")
                conn.execute("CREATE DATABASE frontdoor_county")
            env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/frontdoor_county"
        out = Path(tmp) / "county"
        subprocess.run([FRONTDOOR, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        synth_s, synth_mb, _ = phase(
            [FRONTDOOR, "synth", "--children", str(args.children), "--seed", str(args.seed), "--out", str(out)], env
        )
        ingest_s, ingest_mb, report = phase([FRONTDOOR, "ingest", "all", str(out), "--no-progress"], env)
        print(report, file=sys.stderr)
        again_s, _, again = phase([FRONTDOOR, "ingest", "all", str(out), "--no-progress"], env)
        counts = json.loads(
            subprocess.run(
                [
                    FRONTDOOR,
                    "shell",
                    "-c",
                    "import json; from django.db.models import Count;"
                    "from frontdoor.people.models import SourceRecord, SourceEvent;"
                    "r=dict(SourceRecord.objects.values_list('system').annotate(n=Count('id')));"
                    "e=dict(SourceEvent.objects.values_list('system').annotate(n=Count('id')));"
                    "print(json.dumps({'records': r, 'events': e}))",
                ],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        truth = {}
        with (out / "truth" / "records.csv").open() as f:
            next(f)
            for line in f:
                system = line.split(",", 1)[0]
                truth[system] = truth.get(system, 0) + 1
    result = {
        "children": args.children,
        "database": args.database,
        "synth_seconds": round(synth_s, 1),
        "synth_peak_mb": round(synth_mb, 1),
        "ingest_seconds": round(ingest_s, 1),
        "ingest_peak_mb": round(ingest_mb, 1),
        "reingest_seconds": round(again_s, 1),
        "reingest_unchanged": "0 new, 0 updated" in again,
        "records": counts["records"],
        "events": counts["events"],
        "complete": counts["records"] == truth,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
