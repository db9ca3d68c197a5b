"""The demo's consistent child identifier: after `make demo` the Ashdown children's pages say a health record verifies
their NHS number, Kai Brennan's says why his is absent, and the privacy officer's and the analyst's homes give the
coverage figure with the count behind it; loaded again, nothing is added."""

from __future__ import annotations

import re
from html import unescape

import pytest

from frontdoor.access import services as access_services
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.people.identifier_coverage import nhs_number_coverage
from frontdoor.people.models import NhsNumberAbsence, Person, SourceRecord
from frontdoor.web.demo import load_demo_data

pytestmark = pytest.mark.django_db


def page_as(client, username: str, role: str, path: str) -> str:
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()
    return " ".join(re.sub(r"<[^>]+>", " ", unescape(client.get(path).content.decode())).split())


def test_the_demo_shows_verified_numbers_a_recorded_absence_and_the_coverage_figure(demo, client) -> None:
    coverage = nhs_number_coverage()
    assert coverage.children >= 3 and 0 < coverage.verified < coverage.children
    figure = f"{coverage.percent}% of children open to children's social care have a verified NHS number: " \
        f"{coverage.verified} of {coverage.children}."  # fmt: skip
    assert figure in page_as(client, "privacy", "privacy_officer", "/")
    assert figure in page_as(client, "analyst", "analyst", "/")
    worker = User.objects.get(username="mash.sw")
    maisie = Person.objects.get(first_name="Maisie", last_name="Ashdown")
    kai = Person.objects.get(first_name="Kai", last_name="Brennan")
    for child in (maisie, kai):
        access_services.add_to_caseload(child, user=worker)
    page = page_as(client, "mash.sw", "mash_social_worker", f"/record/{maisie.pk}/")
    assert "verified by a health record (Riverside Medical Practice) since 12 March 2024" in page
    page = page_as(client, "mash.sw", "mash_social_worker", f"/record/{kai.pk}/")
    assert "NHS number: Not yet known: tracing requested." in page and "Recorded by Sam Okafor" in page


def test_loading_the_demo_again_adds_nothing(demo) -> None:
    counts = (SourceRecord.objects.count(), NhsNumberAbsence.objects.count(), nhs_number_coverage())
    load_demo_data()
    assert (SourceRecord.objects.count(), NhsNumberAbsence.objects.count(), nhs_number_coverage()) == counts
