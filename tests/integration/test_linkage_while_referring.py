"""A linkage run never blocks the front door: while a long run links the county, referrals sent through the API
from another thread all succeed, none waiting more than a second (on SQLite, where one writer holds the database,
and on PostgreSQL).

The run is made long by a pause inside its compute phase (the engine's work, which a real county makes minutes
long) and by writing in small batches, so the referrals meet both phases. A run that held one transaction
throughout would hold SQLite's write lock for the whole pause, and every referral would wait for it."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection
from django.test import Client

from frontdoor.access import services as access_services
from frontdoor.linkage import engine, services
from frontdoor.people.models import SourceRecord
from support.factories import AgencyFactory

PAUSE_SECONDS = 3.0  # three times the longest a referral may wait


def referral_body(number: int) -> dict:
    return {
        "referrer": {"name": "Rosa Fielding", "role": "Health visitor", "email": "rosa@example.org"},
        "children": [
            {
                "first_name": "Maisie",
                "last_name": "Ashdown",
                "date_of_birth": "2014-06-11",
                "sex": "F",
                "postcode": "es3 7qp",
                "wishes_and_feelings": f"Maisie said she wants her mum to stop shouting ({number}).",
            }
        ],
        "adults": [{"name": "Claire Ashdown", "relationship": "Mother", "parental_responsibility": True}],
        "concern": {"description": "Domestic abuse reported by the children.", "presenting_issues": ["domestic_abuse"]},
        "level_of_need": 4,
        "consent": {"status": "dispensed", "rationale": "Telling the parents would increase the risk."},
    }


def send_referral(client: Client, token: str, number: int) -> tuple[int, float]:
    started = time.perf_counter()
    response = client.post(
        "/api/v1/referrals",
        referral_body(number),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=f"while-linking-{number:05d}",
    )
    return response.status_code, time.perf_counter() - started


@pytest.mark.django_db(transaction=True)
def test_referrals_go_through_while_a_long_linkage_run_works(ingested_county, monkeypatch) -> None:
    agency = AgencyFactory(name="Esterbury Community Health", kind="community_health")
    _, token = access_services.create_api_client("health", agency, ["referrals:write"])
    real_link = engine.link
    computing = threading.Event()

    def slow_link(*args, **kwargs):
        computing.set()
        result = real_link(*args, **kwargs)
        time.sleep(PAUSE_SECONDS)  # the engine's minutes on a real county
        return result

    monkeypatch.setattr(engine, "link", slow_link)
    monkeypatch.setattr(services, "WRITE_BATCH", 25)  # many short write transactions, not a few
    assert send_referral(Client(), token, 0)[0] == 201  # warm up: the first request loads the URLconf and API
    sent: list[tuple[int, float]] = []  # (status, seconds) of each referral sent while the run was going
    stop, errors = threading.Event(), []

    def refer() -> None:
        client = Client()
        try:
            computing.wait(timeout=60)
            number = 1
            while not stop.is_set():
                status, seconds = send_referral(client, token, number)
                sent.append((status, seconds))
                number += 1
                time.sleep(0.1)
        except BaseException as exc:  # reported below: an exception in a thread would otherwise vanish
            errors.append(exc)
        finally:
            connection.close()

    referrer = threading.Thread(target=refer)
    referrer.start()
    try:
        counts = services.link_source_records()
    finally:
        stop.set()
        referrer.join(timeout=60)
    assert errors == []
    assert [status for status, _seconds in sent] == [201] * len(sent)
    assert max(seconds for _status, seconds in sent) < 1.0
    assert len(sent) >= 10, "referrals should have been sent throughout the run"
    assert counts.records == SourceRecord.objects.count()
    assert not SourceRecord.objects.filter(person__isnull=True).exists()
