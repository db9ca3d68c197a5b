"""Test configuration shared by every depth.

The integration tests run against SQLite by default and against PostgreSQL when FRONTDOOR_TEST_DATABASE_URL is
set (make test does both). Where PostgreSQL cannot be reached the run is skipped with the reason shown, except
under CI=true, where a missing PostgreSQL fails the run.
"""

from __future__ import annotations

import os

import pytest


def _postgres_unreachable() -> str | None:
    url = os.environ.get("FRONTDOOR_TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        return None
    import psycopg

    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as exc:
        return f"PostgreSQL at {url} is not reachable ({type(exc).__name__})"
    return None


def pytest_configure(config: pytest.Config) -> None:
    reason = _postgres_unreachable()
    if reason and os.environ.get("CI") == "true":
        pytest.exit(f"CI=true but {reason}", returncode=1)
    config._frontdoor_pg_skip = reason  # type: ignore[attr-defined]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = getattr(config, "_frontdoor_pg_skip", None)
    if reason:
        for item in items:
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_report_header(config: pytest.Config) -> str:
    url = os.environ.get("FRONTDOOR_TEST_DATABASE_URL", "")
    return f"frontdoor database: {'PostgreSQL ' + url if url else 'SQLite (file, WAL, synchronous=FULL)'}"


# --- No personal data in any e-mail, in the whole suite ----------------------------------------------------------

MAIL_LEDGER = {"sent": 0}


@pytest.fixture(autouse=True)
def _no_personal_data_in_e_mails(monkeypatch):
    """Scan every e-mail any test sends, as it is sent (Django's test backend), and fail the test that sent one
    carrying personal data: names, dates of birth, NHS numbers or postcodes (see support.mail)."""
    from django.core.mail.backends import locmem

    from support.mail import MailScan

    scan = MailScan()
    send = locmem.EmailBackend.send_messages

    def scanned(self, messages):
        scan.scan(list(messages))
        return send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", scanned)
    yield scan
    MAIL_LEDGER["sent"] += scan.sent
    assert scan.problems == [], f"personal data in e-mails: {scan.problems}"


def pytest_terminal_summary(terminalreporter) -> None:
    if MAIL_LEDGER["sent"]:
        terminalreporter.write_line(f"e-mails: {MAIL_LEDGER['sent']} sent, each scanned for personal data")


# --- The audit chain's checkpoints: each test its own file, never the checkout's var/ -----------------------------


@pytest.fixture(autouse=True)
def _own_audit_checkpoints(settings, tmp_path):
    """A worker job a test runs may checkpoint the audit chain; written to the shared var/ file, that checkpoint would
    make a later run's chain (another database, or a fresh test database) look truncated."""
    settings.FRONTDOOR_AUDIT_CHECKPOINTS = tmp_path / "audit-checkpoints.jsonl"
