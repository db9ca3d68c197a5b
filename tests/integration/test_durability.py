"""The service refuses to start where an acknowledged write could be lost, or with a placeholder secret or audit
key."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

from frontdoor.core.durability import durability_problems

GOOD_SECRET = "k" * 30 + "-production-secret-" + "q" * 30
GOOD_AUDIT_KEY = "a" * 20 + "-production-audit-key-" + "z" * 20


def preflight(tmp_path, **env: str) -> subprocess.CompletedProcess:
    child_env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "FRONTDOOR_TEST_DATABASE_URL"}}
    child_env.update({"FRONTDOOR_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "frontdoor.settings"})
    if env.get("FRONTDOOR_ENV") == "production":
        child_env["FRONTDOOR_AUDIT_KEY"] = GOOD_AUDIT_KEY
    child_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "frontdoor.cli", "preflight"],
        env=child_env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_starts_with_durable_sqlite(tmp_path) -> None:
    result = preflight(tmp_path, FRONTDOOR_ENV="production", SECRET_KEY=GOOD_SECRET)
    assert result.returncode == 0, result.stderr
    assert "preflight ok" in result.stdout


@pytest.mark.parametrize("weak", ["NORMAL", "OFF"])
def test_production_refuses_weakened_sqlite_synchronous(tmp_path, weak) -> None:
    result = preflight(tmp_path, FRONTDOOR_ENV="production", SECRET_KEY=GOOD_SECRET, FRONTDOOR_SQLITE_SYNCHRONOUS=weak)
    assert result.returncode != 0
    assert "refusing to start" in result.stderr and "synchronous" in result.stderr


@pytest.mark.parametrize("secret", ["", "changeme", "django-insecure-" + "a" * 50, "short-but-random-1234"])
def test_production_refuses_a_placeholder_or_missing_secret(tmp_path, secret) -> None:
    result = preflight(tmp_path, FRONTDOOR_ENV="production", SECRET_KEY=secret)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("key", ["", "changeme", "too-short-for-a-key", GOOD_SECRET])
def test_production_refuses_a_missing_placeholder_or_reused_audit_key(tmp_path, key) -> None:
    result = preflight(tmp_path, FRONTDOOR_ENV="production", SECRET_KEY=GOOD_SECRET, FRONTDOOR_AUDIT_KEY=key)
    assert result.returncode != 0
    assert "FRONTDOOR_AUDIT_KEY must be set" in result.stderr


def test_the_demo_generates_and_keeps_its_own_secret_and_audit_key(tmp_path) -> None:
    assert preflight(tmp_path, FRONTDOOR_ENV="demo").returncode == 0
    first = (tmp_path / "secret-key").read_text()
    key = (tmp_path / "audit-key").read_text()
    assert len(first) >= 50 and len(key) >= 48 and key not in first
    assert oct((tmp_path / "audit-key").stat().st_mode & 0o777) == "0o600"
    assert preflight(tmp_path, FRONTDOOR_ENV="demo").returncode == 0
    assert (tmp_path / "secret-key").read_text() == first and (tmp_path / "audit-key").read_text() == key


@pytest.mark.django_db
def test_the_live_connection_is_durable() -> None:
    assert durability_problems(connection) == []


@pytest.mark.django_db(transaction=True)  # SQLite will not change its safety level inside a transaction
def test_the_check_sees_a_weakened_connection() -> None:
    """The mechanism itself: weaken the live connection and the check names the setting."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=NORMAL")
            try:
                assert any("synchronous" in p for p in durability_problems(connection))
            finally:
                cursor.execute("PRAGMA synchronous=FULL")
        else:
            cursor.execute("SET synchronous_commit=off")
            try:
                assert any("synchronous_commit" in p for p in durability_problems(connection))
            finally:
                cursor.execute("SET synchronous_commit=on")


def test_production_refuses_postgres_with_synchronous_commit_off(tmp_path) -> None:
    url = os.environ.get("FRONTDOOR_TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("runs in the PostgreSQL pass of make test")
    weak = url + ("&" if "?" in url else "?") + "options=-c%20synchronous_commit%3Doff"
    result = preflight(tmp_path, FRONTDOOR_ENV="production", SECRET_KEY=GOOD_SECRET, DATABASE_URL=weak)
    assert result.returncode != 0
    assert "synchronous_commit is off" in result.stderr
    good = preflight(tmp_path, FRONTDOOR_ENV="production", SECRET_KEY=GOOD_SECRET, DATABASE_URL=url)
    assert good.returncode == 0, good.stderr
