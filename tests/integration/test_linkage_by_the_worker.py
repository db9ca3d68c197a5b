"""A record an agency sends through the API is on the child's page within five seconds while the worker runs its
jobs, with no `frontdoor link`: the worker's link_pending_records links it to the child."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import OperationalError, connection
from django.test import Client

from frontdoor.access import services as access_services
from frontdoor.core.registry import list_jobs
from frontdoor.linkage.models import LinkageRun
from frontdoor.people.models import Person, SourceRecord
from support.factories import AgencyFactory

HEADER = "PersonID,PersonType,Forename,Surname,DateOfBirth,ExpectedDateOfBirth,Gender,Ethnicity,UPN,NHSNumber,"
HEADER += "AddressLine1,Postcode,LastUpdated\n"


def run_the_workers_jobs(stop: threading.Event, errors: list[BaseException]) -> None:
    """The loop `frontdoor worker` runs: every registered job on its schedule, on a one-second tick, a job that failed
    run again on the next (the worker logs and carries on; here only a locked database is let pass)."""
    next_run = dict.fromkeys((job.name for job in list_jobs()), 0.0)
    try:
        while not stop.is_set():
            now = time.monotonic()
            for job in list_jobs():
                if now >= next_run[job.name]:
                    try:
                        job.run()
                    except OperationalError as exc:
                        # SQLite's one writer: a job that waited out the busy timeout behind another (the test
                        # suite's other pass shares the cores) runs again on the next tick, as the worker's does.
                        if "locked" not in str(exc):
                            raise
                        continue
                    next_run[job.name] = now + job.every_seconds
            stop.wait(1.0)
    except BaseException as exc:  # reported by the test: an exception in a thread would otherwise vanish
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_record_sent_through_the_api_is_on_the_childs_page_within_five_seconds(
    linked_county, client, sign_in_as
) -> None:
    child = (
        SourceRecord.objects.filter(system="health", kind="child", person__isnull=False, date_of_birth__isnull=False)
        .exclude(nhs_number="")
        .order_by("id")
        .first()
    )
    assert child is not None and child.date_of_birth is not None
    worker = sign_in_as("mash_social_worker")
    access_services.add_to_caseload(Person.objects.get(pk=child.person_id), user=worker)
    _, token = access_services.create_api_client(
        "csc", AgencyFactory(name="Esterbury Children's Services", kind="childrens_social_care"), ["records:write"]
    )
    gender = {"M": "1", "F": "2"}.get(child.sex, "9")
    extract = HEADER + (
        f"CSC-BY-API-1,CHILD,{child.first_name},{child.last_name},{child.date_of_birth.isoformat()},,{gender},,,"
        f"{child.nhs_number},1 Test Street,{child.postcode},\n"
    )
    page = f"/record/{child.person_id}/"
    assert "CSC-BY-API-1" not in client.get(page).content.decode()
    runs = LinkageRun.objects.count()

    stop, errors = threading.Event(), []
    jobs = threading.Thread(target=run_the_workers_jobs, args=(stop, errors))
    jobs.start()
    try:
        response = Client().post(
            "/api/v1/extracts/csc/persons", extract, content_type="text/csv", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        sent = time.monotonic()
        assert response.status_code == 200, response.content
        assert response.json()["records"]["created"] == 1
        shown = False
        while not shown and time.monotonic() - sent < 5.0:
            time.sleep(0.25)
            shown = "CSC-BY-API-1" in client.get(page).content.decode()
        waited = time.monotonic() - sent
    finally:
        stop.set()
        jobs.join(timeout=30)
    assert errors == []
    assert shown, "the record should be on the child's page within five seconds"
    assert waited < 5.0
    assert LinkageRun.objects.count() == runs  # linked by the worker, not by a run
