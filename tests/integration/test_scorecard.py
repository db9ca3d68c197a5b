"""The scorecard page: its filter (errors by the field), each figure with its definition, red/amber/green where a
target is set; leaders drill down to the children behind a number, each look audited and cut by their access; the
scrutineer sees aggregates only, small numbers suppressed."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.test import override_settings

from frontdoor.access.models import AccessAudit
from frontdoor.access.roles import Role
from frontdoor.intake.models import ReferralChild
from frontdoor.reports.figures import FIGURES
from support import reports
from support.arrivals import refer
from support.factories import PersonFactory
from support.words import visible_text

pytestmark = pytest.mark.django_db

BORN = date(2016, 4, 2)
MARCH = "period=custom&start_day=1&start_month=3&start_year=2026&end_day=31&end_month=3&end_year=2026"


def text_of(response) -> str:
    return " ".join(unescape(visible_text(response.content)).split())


def seen(html: str) -> str:
    """What a sighted reader sees of a piece of a page, in one line (visually hidden text and captions left out)."""
    html = re.sub(r'<span class="govuk-visually-hidden">.*?</span>|<caption.*?</caption>', " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def figure_html(html: str, key: str) -> str:
    return html.split(f'id="figure-{key}"', 1)[1].split('id="figure-', 1)[0].split('id="not-yet-measured"', 1)[0]


def test_the_manager_sees_every_figure_with_its_definition_and_exact_numbers(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.MASH_MANAGER)
    response = client.get(f"/reports/scorecard/?{MARCH}")
    assert response.status_code == 200
    html = response.content.decode()
    text = text_of(response)
    assert "From 1 March 2026 to 31 March 2026" in text
    for heading in ("Volumes", "Timeliness", "Quality", "Not yet measured"):
        assert heading in text
    assert html.count('data-testid="figure"') == len(FIGURES)
    assert "Referrals (from the web form or the partner API) and police VISTs received in the period" in text
    contacts = figure_html(html, "contacts")
    assert re.search(r'href="/reports/scorecard/contacts/0/\?period=custom[^"]*">5<', contacts)
    # MASH checks by agency: police 1 of 2 (Red), health 1 of 1 (Green).
    checks = seen(figure_html(html, "checks"))
    assert "Esterbury Community Health 1 of 1 100% Green" in checks
    assert "Esterbury Police 1 of 2 50% Red" in checks
    assert "Green at 90% or more answered in time, amber from 75%, red below." in checks
    assert "fewer than" not in text


@override_settings(FRONTDOOR_REPORTS_CHECKS_GREEN=100, FRONTDOOR_REPORTS_CHECKS_AMBER=50)
def test_the_targets_are_configurable(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.MASH_MANAGER)
    html = client.get(f"/reports/scorecard/?{MARCH}").content.decode()
    checks = seen(figure_html(html, "checks"))
    assert "Esterbury Police 1 of 2 50% Amber" in checks


def test_the_scrutineer_sees_small_numbers_suppressed_and_no_child(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.STRATEGIC_LEADER)
    response = client.get(f"/reports/scorecard/?{MARCH}")
    assert response.status_code == 200
    html, text = response.content.decode(), text_of(response)
    assert 'href="/reports/scorecard/contacts/' not in html and "/reports/scorecard/" + "checks/" not in html
    contacts = seen(figure_html(html, "contacts"))
    assert "All agencies 5" in contacts  # 5 is not small
    assert "Esterbury Police fewer than 5" in contacts
    conversion = seen(figure_html(html, "conversion"))
    assert "fewer than 5 of fewer than 5" in conversion and "%" not in conversion  # the share is withheld too
    vist = seen(figure_html(html, "vist-lag"))
    assert "Not shown: it rests on fewer than 5 incidents" in vist and "10 hours" not in vist
    assert 'A number from 1 to 4 is shown as "fewer than 5"' in text
    assert client.get(f"/reports/scorecard/contacts/0/?{MARCH}").status_code == 403


@override_settings(FRONTDOOR_REPORTS_SMALL_NUMBER=3)
def test_the_threshold_is_configurable(client, sign_in_as) -> None:
    reports.build()
    sign_in_as(Role.STRATEGIC_LEADER)
    html = client.get(f"/reports/scorecard/?{MARCH}").content.decode()
    contacts = seen(figure_html(html, "contacts"))
    assert "Esterbury Police fewer than 3" in contacts and "Esterbury Community Health fewer than 3" in contacts
    conversion = seen(figure_html(html, "conversion"))
    assert "all but fewer than 3 of 4" in conversion and "75%" not in conversion


@override_settings(FRONTDOOR_REPORTS_SMALL_NUMBER=2)
def test_one_small_number_among_parts_of_a_total_is_not_left_to_be_worked_out(client, sign_in_as) -> None:
    # Contacts: 5 in all; health 1 (small under 2), police 2, school 2. Health alone suppressed would be 5 - 2 - 2:
    # the smallest other part (police, the first of the two) is withheld too.
    reports.build()
    sign_in_as(Role.STRATEGIC_LEADER)
    html = client.get(f"/reports/scorecard/?{MARCH}").content.decode()
    contacts = seen(figure_html(html, "contacts"))
    assert "All agencies 5" in contacts and "Esterbury Community Health fewer than 2" in contacts
    assert "Esterbury Police not shown, so that a small number beside it cannot be worked out" in contacts
    assert "Kiln Lane Primary School 2" in contacts


def test_the_agency_filter_cuts_the_figures_divided_by_agency(client, sign_in_as) -> None:
    data = reports.build()
    sign_in_as(Role.MASH_MANAGER)
    html = client.get(f"/reports/scorecard/?{MARCH}&agency={data.police.pk}").content.decode()
    contacts = seen(figure_html(html, "contacts"))
    assert "All agencies 2" in contacts and "Kiln Lane" not in contacts
    assert "for Esterbury Police where a figure is divided by agency" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("period=custom", "id_start", "Enter the from date"),
        ("period=custom&start_day=1&start_month=3&start_year=2026", "id_end", "Enter the to date"),
        (
            "period=custom&start_day=5&start_month=3&start_year=2026&end_day=1&end_month=3&end_year=2026",
            "id_end",
            "The to date must be the same as or after the from date",
        ),
        ("period=custom&start_day=31&start_month=2&start_year=2026", "id_start", "The from date must be a real date"),
        ("period=tomorrow", "id_period", "Select the period"),
        ("period=this_month&agency=999999", "id_agency", "Select an agency"),
    ],
)
def test_a_bad_filter_is_an_error_by_its_field(client, sign_in_as, query: str, field: str, message: str) -> None:
    sign_in_as(Role.STRATEGIC_LEADER)
    response = client.get(f"/reports/scorecard/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#{field}"' in html and message in unescape(html)
    assert 'data-testid="figure"' not in html


@pytest.mark.parametrize("period", ["this_month", "last_month", "last_12_months"])
def test_each_named_period_shows_the_figures(client, sign_in_as, period: str) -> None:
    refer(first_name="Maisie", last_name="Ashdown", date_of_birth=BORN)
    sign_in_as(Role.MASH_MANAGER)
    response = client.get(f"/reports/scorecard/?period={period}")
    assert response.status_code == 200 and response.content.decode().count('data-testid="figure"') == len(FIGURES)


def test_a_leader_drills_down_to_the_children_behind_a_number_each_look_audited(client, sign_in_as) -> None:
    seen, unseen = PersonFactory(first_name="Maisie", last_name="Ashdown"), PersonFactory(first_name="Tom")
    reference = refer(first_name="Maisie", last_name="Ashdown", date_of_birth=BORN)
    ReferralChild.objects.filter(referral__reference=reference).update(person=seen)
    # A referral decided long ago (outside the MASH's relationship) of a child the manager has no relationship with.
    reports_people = reports.build().people
    old = reports_people["P1"]
    manager = sign_in_as(Role.MASH_MANAGER)
    response = client.get("/reports/scorecard/?period=this_month")
    html = response.content.decode()
    assert 'href="/reports/scorecard/contacts/0/?period=this_month"' in html
    drill = client.get("/reports/scorecard/contacts/0/?period=this_month")
    assert drill.status_code == 200
    text = text_of(drill)
    assert "Maisie Ashdown" in text and "Tom" not in text
    looks = AccessAudit.objects.filter(actor=manager, person=seen, purpose__startswith="Scorecard: Contacts")
    assert looks.exists()
    # March's children: those still in the MASH's queues are the manager's to see; P4, on a VIST triaged long ago,
    # is not (no relationship): withheld, said so, and the refusal on record.
    march = client.get(f"/reports/scorecard/contacts/0/?{MARCH}")
    assert march.status_code == 200
    said = text_of(march)
    assert "P1 Scorecard" in said and "P4 Scorecard" not in said
    assert "1 child on this page is behind the number but your access does not show them" in said
    assert AccessAudit.objects.filter(actor=manager, person=old).exists()
    refused = reports_people["P4"]
    assert AccessAudit.objects.filter(actor=manager, person=refused, outcome="denied").exists()
    assert unseen.pk not in AccessAudit.objects.filter(actor=manager).values_list("person_id", flat=True)


def test_an_unknown_figure_or_row_is_not_found(client, sign_in_as) -> None:
    sign_in_as(Role.MASH_MANAGER)
    assert client.get("/reports/scorecard/no-such-figure/0/?period=this_month").status_code == 404
    assert client.get("/reports/scorecard/contacts/99/?period=this_month").status_code == 404


@pytest.mark.parametrize("role", [r.value for r in Role if r not in (Role.MASH_MANAGER, Role.STRATEGIC_LEADER)])
def test_no_other_role_sees_the_scorecard(client, sign_in_as, role: str) -> None:
    sign_in_as(role)
    assert client.get("/reports/scorecard/").status_code == 403


def test_a_number_whose_children_nobody_has_identified_says_so(client, sign_in_as) -> None:
    refer(first_name="Maisie", last_name="Ashdown", date_of_birth=BORN)  # her record not linked to a person yet
    sign_in_as(Role.MASH_MANAGER)
    html = client.get("/reports/scorecard/?period=this_month").content.decode()
    assert 'href="/reports/scorecard/contacts/0/?period=this_month"' in html  # the count may be opened
    opened = client.get("/reports/scorecard/contacts/0/?period=this_month")
    assert opened.status_code == 200
    assert "No child behind this number is one frontdoor has identified" in text_of(opened)
