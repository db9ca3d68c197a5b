"""The demo's analyst exports and annual report: after the demo is loaded the analyst's home shows the exports with
the first one made (with rows in it), her page lists it and a fresh export downloads with the demo county's children
in it; the leaders' homes link the annual report, whose page has figures with numbers in them; loaded again,
nothing is added."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.reports.models import AnalystExport
from frontdoor.web.demo import load_demo_data

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, role: str) -> None:
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


def test_the_analysts_home_has_the_demo_countys_exports(demo, client) -> None:
    load_demo_data()
    (made,) = AnalystExport.objects.all()
    assert made.by.username == "analyst" and made.tables["ssd_person"] >= 10 and made.tables["ssd_contacts"] >= 10
    sign_in(client, "analyst", "analyst")
    home = client.get("/").content.decode()
    assert 'href="/reports/exports/"' in home
    assert re.search(r'data-testid="latest-export">The latest export was made .* by Nia Evans: [0-9,]+ rows', home)
    download = client.post("/reports/exports/", {"file_format": "csv"})
    person = zipfile.ZipFile(io.BytesIO(download.content)).read("ssd_person.csv").decode()
    assert len(person.splitlines()) > 10


def test_the_leaders_homes_link_the_annual_report_with_figures(demo, client) -> None:
    for username, role in (("mash.manager", "mash_manager"), ("scrutineer", "strategic_leader")):
        sign_in(client, username, role)
        assert 'href="/reports/annual/"' in client.get("/").content.decode()
    html = client.get("/reports/annual/").content.decode()
    numbers = re.findall(r'data-testid="number">(.*?)</td>', html, flags=re.S)
    assert len(numbers) >= 10 and int(numbers[0].replace(",", "")) >= 20
