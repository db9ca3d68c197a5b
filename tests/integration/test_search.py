"""Find a person: by name (sounds-like and typos), date of birth, NHS number, UPN, postcode; every search audited."""

from __future__ import annotations

import pytest

from frontdoor.access.models import AccessAudit
from frontdoor.people.models import SourceRecord

pytestmark = pytest.mark.django_db


def a_child(system: str = "health", **filters) -> SourceRecord:
    record = (
        SourceRecord.objects.filter(
            system=system, kind="child", person__isnull=False, date_of_birth__isnull=False, **filters
        )
        .exclude(postcode="")
        .order_by("id")
        .first()
    )
    assert record is not None
    return record


def results(client, **query) -> str:
    response = client.get("/search/", query)
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('data-testid="search-results"')[1].split("</table>")[0] if "search-results" in html else ""


def dob(record: SourceRecord) -> dict[str, str]:
    d = record.date_of_birth
    return {"date_of_birth_day": str(d.day), "date_of_birth_month": str(d.month), "date_of_birth_year": str(d.year)}


def test_by_name_and_date_of_birth_despite_a_typo(client, sign_in_as, linked_county) -> None:
    record = a_child()
    sign_in_as("mash_social_worker")
    typo = record.last_name[:-1] + ("e" if record.last_name[-1] != "e" else "a")
    found = results(client, name=f"{record.first_name} {typo}", **dob(record))
    assert f'href="/record/{record.person_id}/"' in found


def test_by_sound_alone(client, sign_in_as, linked_county) -> None:
    record = a_child()
    sign_in_as("mash_social_worker")
    found = results(client, name=f"{record.first_name.upper()} {record.last_name.lower()}")
    assert f'href="/record/{record.person_id}/"' in found


def test_by_nhs_number_upn_and_postcode(client, sign_in_as, linked_county) -> None:
    sign_in_as("mash_health")
    health = a_child(nhs_number__gt="")
    assert f'href="/record/{health.person_id}/"' in results(client, nhs_number=health.nhs_number)
    pupil = a_child("education")
    assert f'href="/record/{pupil.person_id}/"' in results(client, upn=pupil.upn)
    assert f'href="/record/{health.person_id}/"' in results(
        client, postcode=health.postcode.lower(), name=health.last_name
    )


def test_every_criterion_must_agree(client, sign_in_as, linked_county) -> None:
    record = a_child()
    sign_in_as("mash_social_worker")
    wrong_year = dob(record) | {"date_of_birth_year": str(record.date_of_birth.year - 7)}
    assert f'href="/record/{record.person_id}/"' not in results(client, name=record.last_name, **wrong_year)


def test_each_search_and_each_person_shown_is_audited(client, sign_in_as, linked_county) -> None:
    record = a_child()
    worker = sign_in_as("mash_social_worker")
    found = results(client, name=f"{record.first_name} {record.last_name}", **dob(record))
    shown = found.count('href="/record/')
    searches = AccessAudit.objects.filter(actor=worker, action="search")
    assert searches.count() == 1 and searches.get().purpose.startswith("search by name, date_of_birth")
    assert record.first_name not in searches.get().purpose  # the values searched for are not copied into the audit
    assert AccessAudit.objects.filter(actor=worker, action="search_result").count() == shown >= 1


def test_bad_input_is_named_beside_the_field(client, sign_in_as) -> None:
    sign_in_as("mash_social_worker")
    html = client.get("/search/", {"nhs_number": "1234567890", "postcode": "nowhere", "name": ""}).content.decode()
    assert "This is not a valid NHS number" in html and "Enter a real postcode" in html
    html = client.get("/search/", {"name": "", "upn": ""}).content.decode()
    assert "Enter a name, date of birth, NHS number, UPN or postcode to search for" in html
    html = client.get("/search/", {"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2015"})
    assert "Date of birth must be a real date" in html.content.decode()
    assert not AccessAudit.objects.filter(action="search").exists()


def test_a_referrer_cannot_search(client, sign_in_as) -> None:
    sign_in_as("school_dsl")
    assert client.get("/search/", {"name": "Smith"}).status_code == 403
