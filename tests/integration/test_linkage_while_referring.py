"""A linkage run never blocks the front door: while a long run links the county, referrals sent through the API
from another thread all succeed, some of them stored while the run computes, and none waiting anywhere near as long
as the run's pause (on SQLite, where one writer holds the database, and on PostgreSQL).

The run is made long by a pause inside its compute phase (the engine's work, which a real county makes minutes
long) and by writing in small batches, so the referrals meet both phases. A run that held one transaction
throughout would hold SQLite's write lock for the whole pause, and every referral would wait for it. The bound on
a referral's wait is half the pause, not a service time: on two cores busy with the engine a referral can take a
second without anything blocking it, and how fast a referral is stored is the benchmarks' business."""

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

PAUSE_SECONDS = 3.0  # twice the longest a referral may wait


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


def send_referral(client: Client, token: str, number: int) -> tuple[int, float, float]:
    """The response's status, and when the request was sent and answered."""
    started = time.perf_counter()
    response = client.post(
        "/api/v1/referrals",
        referral_body(number),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_IDEMPOTENCY_KEY=f"while-linking-{number:05d}",
    )
    return response.status_code, started, time.perf_counter()


@pytest.mark.django_db(transaction=True)
def test_referrals_go_through_while_a_long_linkage_run_works(ingested_county, monkeypatch) -> None:
    agency = AgencyFactory(name="Esterbury Community Health", kind="community_health")
    _, token = access_services.create_api_client("health", agency, ["referrals:write"])
    real_link = engine.link
    computing = threading.Event()
    paused: list[float] = []  # when the run's pause began and ended

    def slow_link(*args, **kwargs):
        computing.set()
        result = real_link(*args, **kwargs)
        paused.append(time.perf_counter())
        time.sleep(PAUSE_SECONDS)  # the engine's minutes on a real county
        paused.append(time.perf_counter())
        return result

    monkeypatch.setattr(engine, "link", slow_link)
    monkeypatch.setattr(services, "WRITE_BATCH", 25)  # many short write transactions, not a few
    assert send_referral(Client(), token, 0)[0] == 201  # warm up: the first request loads the URLconf and API
    sent: list[tuple[int, float, float]] = []  # (status, sent, answered) of each referral sent during the run
    stop, errors = threading.Event(), []

    def refer() -> None:
        client = Client()
        try:
            computing.wait(timeout=60)
            number = 1
            while not stop.is_set():
                sent.append(send_referral(client, token, number))
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
    assert [status for status, _sent, _answered in sent] == [201] * len(sent)
    pause_began, pause_ended = paused
    assert any(pause_began <= began and answered <= pause_ended for _status, began, answered in sent), (
        "a referral should have been stored while the run computed"
    )
    assert max(answered - began for _status, began, answered in sent) < PAUSE_SECONDS / 2
    assert len(sent) >= 10, "referrals should have been sent throughout the run"
    assert counts.records == SourceRecord.objects.count()
    assert not SourceRecord.objects.filter(person__isnull=True).exists()
