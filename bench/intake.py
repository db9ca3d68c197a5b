"""Intake throughput: acknowledged referrals per second and latency, 32 concurrent clients over HTTP.

Each backend (PostgreSQL, SQLite) gets a fresh database, `frontdoor serve` on 127.0.0.1, and an asyncio load
generator holding 32 keep-alive connections, each posting referrals with unique Idempotency-Keys for a fixed
time. Every 201 is an acknowledged referral: stored with its audit row, outbox rows and clock. Afterwards the
database is checked: referrals stored == 201s counted. The last line printed is one JSON object.

    .venv/bin/python bench/intake.py [--seconds 20] [--clients 32] [--workers 4] [--threads 4]
                                     [--backends postgres,sqlite]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PG_ADMIN_URL = os.environ.get("FRONTDOOR_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
BODY = json.dumps(
    {
        "referrer": {"name": "Rosa Fielding", "role": "Health visitor", "email": "rosa@example.org"},
        "children": [
            {
                "first_name": "Maisie",
                "last_name": "Ashdown",
                "date_of_birth": "2014-06-11",
                "nhs_number": "9434765919",
                "postcode": "ES3 7QP",
                "wishes_and_feelings": "She wants it to stop.",
            },
            {
                "first_name": "Ruby",
                "last_name": "Ashdown",
                "date_of_birth": "2019-09-03",
                "wishes_not_obtained_reason": "Too young to say.",
            },
        ],
        "adults": [{"name": "Claire Ashdown", "relationship": "Mother", "parental_responsibility": True}],
        "concern": {"description": "Domestic abuse reported by the children.", "presenting_issues": ["domestic_abuse"]},
        "level_of_need": 4,
        "consent": {"status": "dispensed", "rationale": "Telling the parents would increase the risk."},
    }
).encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: list[str], env: dict) -> str:
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, cwd=ROOT).stdout


def prepare(backend: str, var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDOOR_TEST")}
    env.update(
        {"FRONTDOOR_ENV": "demo", "FRONTDOOR_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "frontdoor.settings"}
    )
    if backend == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS frontdoor_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE frontdoor_bench")
        env["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/frontdoor_bench"
    else:
        env["DATABASE_URL"] = f"sqlite:///{var_dir / 'bench.sqlite3'}"
    run([str(BIN / "frontdoor"), "migrate", "--verbosity", "0"], env)
    script = (
        "from frontdoor.access.services import create_api_client, grant_role;"
        "from frontdoor.people.models import Agency;"
        "from frontdoor.access.models import User;"
        "a=Agency.objects.create(name='Bench Health', kind='community_health');"
        "u=User.objects.create(username='manager', agency=a); grant_role(u, 'mash_manager');"
        "print(create_api_client('bench', a, ['referrals:write'])[1])"
    )
    env["BENCH_TOKEN"] = run([str(BIN / "frontdoor"), "shell", "-c", script], env).strip().splitlines()[-1]
    return env


async def client(port: int, token: str, until: float, latencies: list[float], errors: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.perf_counter() < until:
            head = (
                f"POST /api/v1/referrals HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
                f"Idempotency-Key: bench-{uuid.uuid4()}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(BODY)}\r\n\r\n"
            ).encode()
            started = time.perf_counter()
            writer.write(head + BODY)
            await writer.drain()
            status_line = await asyncio.wait_for(reader.readline(), timeout=30)
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            await reader.readexactly(length)
            if not status_line:
                raise ConnectionError("the server closed the connection")
            status = int(status_line.split()[1])
            if status == 201:
                latencies.append(time.perf_counter() - started)
            else:
                errors.append(status)
    finally:
        writer.close()


def measure(backend: str, seconds: float, clients: int, workers: int, threads: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = prepare(backend, Path(tmp))
        port = free_port()
        log = (Path(tmp) / "server.log").open("w")  # a file, not a pipe: a full pipe would block the server
        server = subprocess.Popen(
            [
                str(BIN / "frontdoor"),
                "serve",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--threads",
                str(threads),
            ],
            env={**env, "FRONTDOOR_LOG_LEVEL": "WARNING"},
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(port)
            latencies: list[float] = []
            errors: list[int] = []

            async def load() -> None:
                until = time.perf_counter() + seconds
                await asyncio.gather(
                    *(client(port, env["BENCH_TOKEN"], until, latencies, errors) for _ in range(clients))
                )

            started = time.perf_counter()
            asyncio.run(load())
            elapsed = time.perf_counter() - started
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.close()
        if errors:
            print(f"{backend}: non-201 statuses {sorted(set(errors))}; server log tail:", file=sys.stderr)
            print((Path(tmp) / "server.log").read_text()[-2000:], file=sys.stderr)
        stored = int(
            run(
                [
                    str(BIN / "frontdoor"),
                    "shell",
                    "-c",
                    "from frontdoor.intake.models import Referral; print(Referral.objects.count())",
                ],
                env,
            ).split()[-1]
        )
    latencies.sort()
    quantile = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return {
        "acked": len(latencies),
        "stored": stored,
        "errors": len(errors),
        "acked_per_s": round(len(latencies) / elapsed, 1),
        "p50_ms": round(quantile(0.50), 1),
        "p99_ms": round(quantile(0.99), 1),
        "mean_ms": round(statistics.mean(latencies) * 1000, 1) if latencies else None,
    }


def wait_for(port: int) -> None:
    import http.client

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    raise RuntimeError("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--backends", default="postgres,sqlite")
    args = parser.parse_args()
    result: dict = {
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": args.workers,
        "threads": args.threads,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    for backend in args.backends.split(","):
        figures = measure(backend, args.seconds, args.clients, args.workers, args.threads)
        print(f"{backend}: {json.dumps(figures)}", file=sys.stderr)
        assert figures["stored"] == figures["acked"], (
            f"{backend}: {figures['acked']} acknowledged but {figures['stored']} stored"
        )
        for name, value in figures.items():
            result[f"{name}_{backend}"] = value
    print(json.dumps(result))


if __name__ == "__main__":
    main()
