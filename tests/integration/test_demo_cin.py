"""The demo's children in need census: after the demo loads, this year's census holds the children the MASH took
further (the Ashdowns' section 47 enquiry, Oliwia Kowalski's plan), passes the DfE's schema and the DfE validator
finds no error in it, nor in the Missing table; Olek Kowalski, whose disability is not recorded, is left out and
said so, and the MASH manager's check links to the form on his page that records it; and the analyst's home leads to
the check."""

from __future__ import annotations

from datetime import date
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command
from lxml import etree

from frontdoor.access.audit import Actor
from frontdoor.access.roles import Role
from frontdoor.people.models import Person
from frontdoor.reports.validation import check_year, collection_year_of
from support.demo import home_of
from support.validators import errors_only, validate_cin
from support.words import visible_text

pytestmark = pytest.mark.django_db


def test_the_demo_countys_census_has_children_and_passes_the_schema_and_the_dfe_rules(
    demo, tmp_path, client, sign_in_as
) -> None:
    year = collection_year_of(date.today())
    out = tmp_path / "census.xml"
    printed = StringIO()
    call_command("returns", "cin", "--year", str(year), "--out", str(out), stdout=printed)
    assert "The file passes the DfE's schema (CIN_schema_2026.xsd)." in printed.getvalue()
    assert "Child ESX200202: Not in the return: the child's disability" in printed.getvalue()
    root = etree.fromstring(out.read_bytes())
    ids = {c.findtext("ChildIdentifiers/LAchildID") for c in root.findall("Children/Child")}
    assert {"ESX200101", "ESX200102", "ESX200103", "ESX200201"} <= ids
    assert root.findall("Children/Child/CINdetails/Section47")
    assert root.findall("Children/Child/CINdetails/ChildProtectionPlans")
    result = validate_cin(out, year)
    assert errors_only(result) == []

    # The year's check: both validators ran, no child has a validator's error, and Olek is the one to put right.
    check = check_year(Actor(user=None, role="", agency=None, request_id="test"), year)
    assert len(check.ran) == 2 and check.not_run == []
    assert [f for c in check.children for f in c.findings if f.rule and not f.query] == []
    (olek,) = [c for c in check.children if c.errors]
    assert olek.child_id == "ESX200202" and olek.findings[0].left_out

    sign_in_as(Role.ANALYST)
    assert "Check this year's statutory returns" in visible_text(client.get("/").content)


def test_the_demo_managers_check_links_to_the_form_that_records_oleks_disability(demo, client) -> None:
    olek = Person.objects.get(first_name="Olek", last_name="Kowalski")
    assert olek.disabilities == ""  # the analyst's work item: left as the demo loads it
    home_of(client, "mash.manager", Role.MASH_MANAGER)
    html = client.get("/reports/returns/check/", {"year": str(collection_year_of(date.today()))}).content.decode()
    card = unescape(html.split(f'href="/record/{olek.pk}/"', 1)[1].split('data-testid="child"', 1)[0])
    assert "the child's disability (or that they have none) is not recorded" in card
    assert f'href="/record/{olek.pk}/disability/" data-testid="fix">Record the child\'s disability</a>' in card
    form = client.get(f"/record/{olek.pk}/disability/")
    assert form.status_code == 200 and "Does the child have a disability?" in visible_text(form.content)
