"""The access audit's cost on the request path, and how long `verify_audit` takes over many rows.

Each backend (PostgreSQL, SQLite) gets a fresh database. Then, in-process:
- `sequential`: N audited looks, each in its own transaction as a request writes it (the row, its MAC, its seal:
  inside the transaction on SQLite, just after commit on PostgreSQL); time per look, p50/p95.
- `concurrent`: T threads with their own connections doing the same at once; looks per second and p95, and how
  many rows were left for the worker (sealers after commit that found the head busy leave their rows to the one
  holding it, which looks again when it lets go).
- `verify`: `verify_chain` over every row written (with --verify-rows more are added first, in batches).
The last line printed is one JSON object.

    .venv/bin/python bench/audit.py [--looks 500] [--threads 8] [--verify-rows 100000] [--backends postgres,sqlite]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("FRONTDOOR_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "frontdoor_bench_audit"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(looks: int, threads: int, verify_rows: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections, transaction

    from frontdoor.access.audit import Actor, record_access, seal_chain, verify_chain
    from frontdoor.access.models import AccessAudit, PendingSeal

    call_command("migrate", verbosity=0)
    actor = Actor(user=None, role="", agency=None, request_id="bench")

    def look() -> float:
        started = time.perf_counter()
        with transaction.atomic():
            record_access(actor, None, action="search", purpose="bench", outcome="allowed")
        return (time.perf_counter() - started) * 1000

    sequential = [look() for _ in range(looks)]
    latencies: list[float] = []
    start = threading.Barrier(threads)

    def worker() -> None:
        try:
            start.wait()
            mine = [look() for _ in range(looks // threads)]
            latencies.extend(mine)
        finally:
            connections.close_all()

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    left_for_worker = PendingSeal.objects.count()
    seal_chain()
    while AccessAudit.objects.count() < verify_rows:
        with transaction.atomic():
            for _ in range(500):
                record_access(actor, None, action="search", purpose="bench", outcome="allowed")
        seal_chain()
    started = time.perf_counter()
    report = verify_chain(checkpoints=False)
    verify_seconds = time.perf_counter() - started
    return {
        "vendor": connection.vendor,
        "sequential_p50_ms": round(percentile(sequential, 0.5), 2),
        "sequential_p95_ms": round(percentile(sequential, 0.95), 2),
        "sequential_mean_ms": round(statistics.mean(sequential), 2),
        "concurrent_threads": threads,
        "concurrent_looks_per_s": round(len(latencies) / elapsed, 1),
        "concurrent_p95_ms": round(percentile(latencies, 0.95), 2),
        "left_for_worker": left_for_worker,
        "verified_rows": report.rows,
        "verified_ok": report.ok,
        "verify_seconds": round(verify_seconds, 2),
    }


def run_backend(backend: str, args: argparse.Namespace) -> dict:
    with tempfile.TemporaryDirectory(prefix="frontdoor-bench-audit-") as scratch:
        env = {**os.environ, "FRONTDOOR_ENV": "demo", "FRONTDOOR_VAR_DIR": scratch}
        env["DJANGO_SETTINGS_MODULE"] = "frontdoor.settings"
        if backend == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
                conn.execute(f"CREATE DATABASE {PG_DATABASE}")
            env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + PG_DATABASE
        else:
            env["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        command = [sys.executable, __file__, "--inner", str(args.looks), str(args.threads), str(args.verify_rows)]
        output = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
        if backend == "postgres":
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE}")
        return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--inner":
        print(json.dumps(measure(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--looks", type=int, default=500)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--verify-rows", type=int, default=0, help="write rows up to this many, then time verify")
    parser.add_argument("--backends", default="postgres,sqlite")
    args = parser.parse_args()
    results = {"machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"}
    for backend in args.backends.split(","):
        result = run_backend(backend, args)
        print(f"{backend}: {json.dumps(result)}", file=sys.stderr)
        results[backend] = result
    print(json.dumps(results))


if __name__ == "__main__":
    main()
