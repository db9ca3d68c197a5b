"""Nothing acknowledged is ever lost: referrals stream in while the server (gunicorn) is SIGKILLed and restarted.

Runs against the same database as the rest of the integration pass (SQLite, then PostgreSQL). Clients retry with
the same Idempotency-Key until they get a 201; afterwards every acknowledged reference must be stored exactly once.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from frontdoor.access import services as access_services
from frontdoor.intake.models import IdempotencyKey, Referral
from support.factories import AgencyFactory

MIN_ACKS = 500
MIN_KILLS = 5
CLIENTS = 6
DEADLINE_SECONDS = 240

BODY = {
    "referrer": {"name": "Rosa Fielding", "role": "Health visitor"},
    "children": [
        {
            "first_name": "Maisie",
            "last_name": "Ashdown",
            "date_of_birth": "2014-06-11",
            "wishes_and_feelings": "Scared.",
        }
    ],
    "concern": {"description": "Domestic abuse."},
    "level_of_need": 4,
    "consent": {"status": "dispensed", "rationale": "Risk of significant harm."},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or "postgres"
    return (
        f"postgresql://{user}@{settings.get('HOST') or '127.0.0.1'}:{settings.get('PORT') or 5432}/{settings['NAME']}"
    )


class Server:
    def __init__(self, port: int, var_dir: Path):
        self.port = port
        self.env = {k: v for k, v in os.environ.items() if k not in {"FRONTDOOR_TEST_DATABASE_URL"}}
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": "frontdoor.settings",
                "FRONTDOOR_ENV": "demo",
                "FRONTDOOR_VAR_DIR": str(var_dir),
                "DATABASE_URL": database_url(),
                "SECRET_KEY": "crash-test-secret-" + "x" * 40,
            }
        )
        self.process: subprocess.Popen | None = None
        self.log = var_dir / "server.log"

    def start(self) -> None:
        self.process = subprocess.Popen(
            # The server `frontdoor serve` runs: gunicorn's master and its threaded workers, killed together.
            [
                sys.executable,
                "-m",
                "gunicorn",
                "frontdoor.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--log-level",
                "warning",
            ],
            env=self.env,
            stdout=self._log_file(),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
            finally:
                conn.close()
        raise RuntimeError("server did not start:\n" + self.log.read_text()[-3000:])

    def _log_file(self):
        self._log = self.log.open("a")
        return self._log

    def kill(self) -> None:
        if self.process:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self._log.close()


def submit(port: int, token: str, key: str) -> dict | None:
    """One attempt: the 201 body, or None if the server was down or answered 503."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(
            "POST",
            "/api/v1/referrals",
            body=json.dumps(BODY),
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key, "Content-Type": "application/json"},
        )
        response = conn.getresponse()
        payload = response.read()
    except (OSError, http.client.HTTPException):  # refused, reset, cut short: the server was killed mid-request
        return None
    finally:
        conn.close()
    if response.status == 201:
        return json.loads(payload)
    if response.status != 503:  # never a bare 500, never a 4xx for a retry: recorded, and failed on below
        raise UnexpectedAnswer(f"{response.status}: {payload[:300]!r}")
    return None


class UnexpectedAnswer(Exception):
    pass


@pytest.mark.django_db(transaction=True)
def test_every_acknowledged_referral_survives_repeated_sigkill(tmp_path) -> None:
    agency = AgencyFactory(name="Esterbury Community Health", kind="community_health")
    _, token = access_services.create_api_client("crash", agency, ["referrals:write"])
    server = Server(free_port(), tmp_path)
    server.start()
    acked: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()
    unexpected: list[str] = []
    kills = 0

    def client() -> None:
        while not stop.is_set():
            key = f"crash-{uuid.uuid4()}"
            while not stop.is_set():
                try:
                    body = submit(server.port, token, key)
                except UnexpectedAnswer as exc:
                    with lock:
                        unexpected.append(str(exc))
                    body = None
                if body is not None:
                    with lock:
                        acked[key] = body["reference"]
                    break
                time.sleep(0.05)  # retry the same key, as a partner system would

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    for t in threads:
        t.start()
    started = time.monotonic()
    try:
        while (kills < MIN_KILLS or len(acked) < MIN_ACKS) and time.monotonic() - started < DEADLINE_SECONDS:
            time.sleep(1.0 if kills < MIN_KILLS else 0.2)
            if kills < MIN_KILLS:
                server.kill()
                kills += 1
                server.start()
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=15)
        server.kill()

    assert unexpected == [], f"answers other than 201 or 503: {unexpected[:5]}\n" + server.log.read_text()[-3000:]
    assert kills >= MIN_KILLS
    assert len(acked) >= MIN_ACKS, f"only {len(acked)} acknowledgements in {DEADLINE_SECONDS} s"
    stored = dict(Referral.objects.values_list("reference", "id"))
    missing = [ref for ref in acked.values() if ref not in stored]
    assert missing == [], f"{len(missing)} acknowledged referrals are missing"
    assert Referral.objects.filter(reference__in=acked.values()).count() == len(acked)  # each exactly once
    claims = dict(IdempotencyKey.objects.filter(key__in=acked).values_list("key", "response_body"))
    assert {key: body["reference"] for key, body in claims.items()} == acked
    # Nothing half-stored either: every referral has its key (one transaction), none without.
    assert Referral.objects.count() == IdempotencyKey.objects.count()
    print(f"\ncrash test on {connection.vendor}: {len(acked)} acknowledged, {kills} SIGKILLs, 0 lost")
