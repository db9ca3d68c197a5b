"""Find a person by a name from any community: another transliteration (Mohammed for Muhammad), the family name
first (Nguyen Thi Lan for Lan Nguyen), the diacritics left out (Wojcik for Wójcik)."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.people.phonetic import phonetic_key
from support.factories import PersonFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db


def held(first: str, last: str, **fields):
    person = PersonFactory(first_name=first, last_name=last, date_of_birth=date(2016, 4, 9))
    return SourceRecordFactory(
        person=person,
        first_name=first,
        last_name=last,
        first_name_key=phonetic_key(first),
        last_name_key=phonetic_key(last),
        date_of_birth=date(2016, 4, 9),
        **fields,
    )


def found(client, name: str, **query) -> str:
    response = client.get("/search/", {"name": name, **query})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="search-results"' in html, "no results table: nothing was found"
    return html.split('data-testid="search-results"')[1].split("</table>")[0]


def test_mohammed_finds_muhammad(client, sign_in_as) -> None:
    record = held("Muhammad", "Rahman")
    sign_in_as("mash_social_worker")
    assert f'href="/record/{record.person_id}/"' in found(client, "Mohammed Rahman")


def test_the_family_name_first_finds_the_given_name_first(client, sign_in_as) -> None:
    record = held("Lan", "Nguyen")
    sign_in_as("mash_social_worker")
    assert f'href="/record/{record.person_id}/"' in found(client, "Nguyen Thi Lan")


def test_without_diacritics_finds_them(client, sign_in_as) -> None:
    record = held("Zofia", "Wójcik")
    sign_in_as("mash_social_worker")
    results = found(client, "Zofia Wojcik", date_of_birth_day="9", date_of_birth_month="4", date_of_birth_year="2016")
    assert f'href="/record/{record.person_id}/"' in results


def test_an_unrelated_name_is_not_found(client, sign_in_as) -> None:
    held("Muhammad", "Rahman")
    sign_in_as("mash_social_worker")
    response = client.get("/search/", {"name": "Oliver Smith"})
    assert response.status_code == 200
    assert "Rahman" not in response.content.decode()
