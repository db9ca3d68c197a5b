"""A child's disability, recorded and corrected on their page: the summary row with its "Change" link, the GOV.UK
form (yes with the census's categories in words, no, or not known), errors by the field, the change audited in
words, refused to a role that may not edit the child's social care record; what the census and the figures by
disability then read; and the all-year check's finding linking to the form."""

from __future__ import annotations

from datetime import datetime
from html import unescape

import pytest
import time_machine

from frontdoor.access import services as access_services
from frontdoor.access.models import AccessAudit, LegitimateRelationship, RelationshipKind
from frontdoor.access.roles import Role
from frontdoor.core.calendars import LONDON
from frontdoor.people.disability import CATEGORIES
from frontdoor.people.models import Person, SourceSystem
from frontdoor.reports.fairness import profiles
from frontdoor.singleview.disability import RECORD_ACTION
from support.cin import census_dataset
from support.factories import PersonFactory, SourceRecordFactory
from support.validators import PYTHON
from support.words import visible_text

pytestmark = pytest.mark.django_db


def form_url(person: Person) -> str:
    return f"/record/{person.pk}/disability/"


def open_page(client, sign_in_as, child, role: str = Role.MASH_SOCIAL_WORKER) -> str:
    user = sign_in_as(role)
    access_services.add_to_caseload(child, user=user)
    response = client.get(f"/record/{child.pk}/")
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_the_childs_page_says_the_disability_is_not_recorded_with_the_way_to_change_it(client, sign_in_as) -> None:
    child = PersonFactory(disabilities="")
    html = open_page(client, sign_in_as, child)
    row = html.split('data-testid="disability"', 1)[1].split("</dl>", 1)[0]
    assert "Disability" in row and "Not recorded yet" in row
    assert f'href="{form_url(child)}"' in row and "Change" in visible_text(row)


def test_the_form_shows_the_census_categories_in_words_never_their_codes(client, sign_in_as) -> None:
    child = PersonFactory(disabilities="")
    open_page(client, sign_in_as, child)
    response = client.get(form_url(child))
    assert response.status_code == 200
    text = visible_text(response.content)
    assert "Does the child have a disability?" in text
    assert all(words in text for words, _hint in CATEGORIES.values())
    assert "Yes" in text and "No" in text and "Not known" in text
    for code in ("MOB", "HAND", "COMM", "AUT", "DDA", "NONE"):
        assert code not in text.split()


def test_saving_yes_with_categories_records_the_codes_audits_the_change_in_words_and_shows_them(
    client, sign_in_as
) -> None:
    child = PersonFactory(disabilities="")
    open_page(client, sign_in_as, child)
    saved = client.post(form_url(child), {"has_disability": "yes", "categories": ["HEAR", "MOB"]})
    assert saved.status_code == 302 and saved["Location"] == f"/record/{child.pk}/"
    child.refresh_from_db()
    assert child.disabilities == "MOB HEAR"  # in the census's order, whatever order they were ticked in
    (audit,) = AccessAudit.objects.filter(person=child, action=RECORD_ACTION)
    assert audit.purpose == "recorded the child's disability: mobility and hearing (was not recorded yet)"
    assert audit.actor_id is not None and audit.outcome == "allowed"
    after = visible_text(client.get(f"/record/{child.pk}/").content)
    assert "Disability Mobility and hearing" in after
    # Corrected: the child has none after all.
    client.post(form_url(child), {"has_disability": "no"})
    child.refresh_from_db()
    assert child.disabilities == "NONE"
    assert AccessAudit.objects.filter(person=child, action=RECORD_ACTION).first().purpose == (
        "recorded the child's disability: no disability (was mobility and hearing)"
    )
    # The form opens on what is recorded.
    again = client.get(form_url(child)).content.decode()
    assert 'value="no" checked' in again


def test_yes_with_no_category_is_an_error_by_the_categories_and_nothing_is_saved(client, sign_in_as) -> None:
    child = PersonFactory(disabilities="")
    open_page(client, sign_in_as, child)
    response = client.post(form_url(child), {"has_disability": "yes"})
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert "There is a problem" in html and 'id="id_categories-error"' in html
    assert "Select at least one category for the child's disability" in html
    assert 'href="#id_categories"' in html  # the summary's link lands on the first box
    nothing = client.post(form_url(child), {})
    assert "Select whether the child has a disability" in nothing.content.decode()
    child.refresh_from_db()
    assert child.disabilities == ""
    assert not AccessAudit.objects.filter(person=child, action=RECORD_ACTION).exists()


def test_not_known_clears_what_frontdoor_held(client, sign_in_as) -> None:
    child = PersonFactory(disabilities="AUT")
    open_page(client, sign_in_as, child)
    client.post(form_url(child), {"has_disability": "not_known", "categories": ["LD"]})
    child.refresh_from_db()
    assert child.disabilities == ""


def test_the_social_care_records_disability_shows_until_frontdoor_records_its_own(client, sign_in_as) -> None:
    child = PersonFactory(disabilities="")
    SourceRecordFactory(person=child, system=SourceSystem.CSC, attributes={"disability": "COMM"})
    html = open_page(client, sign_in_as, child)
    assert "Communication (from the council's social care record)" in visible_text(html)
    form = client.get(form_url(child)).content.decode()
    assert 'value="yes" checked' in form and 'value="COMM" checked' in form


@pytest.mark.parametrize("role", [Role.MASH_POLICE, Role.EARLY_HELP_WORKER, Role.ANALYST, Role.REFERRER])
def test_a_role_that_may_not_edit_a_childs_social_care_record_is_refused(client, sign_in_as, role: str) -> None:
    child = PersonFactory(disabilities="")
    user = sign_in_as(role)
    access_services.add_to_caseload(child, user=user)
    assert client.get(form_url(child)).status_code == 403
    assert client.post(form_url(child), {"has_disability": "no"}).status_code == 403
    child.refresh_from_db()
    assert child.disabilities == ""
    if role == Role.MASH_POLICE:  # sees the row, without the way to change it
        page = client.get(f"/record/{child.pk}/").content.decode()
        assert 'data-testid="disability"' in page and form_url(child) not in page


def test_the_figures_by_disability_read_what_was_recorded(client, sign_in_as) -> None:
    child = PersonFactory(disabilities="")
    assert [p.disability for p in profiles([child.pk])] == ["Not recorded"]
    open_page(client, sign_in_as, child)
    client.post(form_url(child), {"has_disability": "yes", "categories": ["LD"]})
    assert [p.disability for p in profiles([child.pk])] == ["Disabled"]


IN_JUNE = datetime(2026, 6, 1, 10, tzinfo=LONDON)


def test_the_checks_finding_links_to_the_form_and_once_recorded_the_child_is_returned(client, sign_in_as) -> None:
    if not PYTHON.exists():
        pytest.skip("the DfE validators' environment is absent: run `make validators`")
    dataset = census_dataset()
    tyler = dataset["tyler"]
    manager = sign_in_as(Role.MASH_MANAGER)
    LegitimateRelationship.objects.create(
        person=tyler, user=manager, kind=RelationshipKind.CASELOAD, started_at=datetime(2025, 1, 1, tzinfo=LONDON)
    )
    with time_machine.travel(IN_JUNE):
        html = client.get("/reports/returns/check/", {"year": "2026"}).content.decode()
    card = unescape(html.split(f'href="/record/{tyler.pk}/"', 1)[1].split('data-testid="child"', 1)[0])
    assert "the child's disability (or that they have none) is not recorded" in card
    assert f'<a class="govuk-link" href="{form_url(tyler)}" data-testid="fix">Record the child\'s disability</a>' in (
        card
    )
    with time_machine.travel(IN_JUNE):
        assert client.post(form_url(tyler), {"has_disability": "no"}).status_code == 302
        after = visible_text(client.get("/reports/returns/check/", {"year": "2026"}).content)
    assert "the child's disability (or that they have none) is not recorded" not in after


def test_the_analyst_has_no_link_to_a_form_they_may_not_use(client, sign_in_as) -> None:
    if not PYTHON.exists():
        pytest.skip("the DfE validators' environment is absent: run `make validators`")
    census_dataset()
    sign_in_as(Role.ANALYST)
    with time_machine.travel(IN_JUNE):
        html = client.get("/reports/returns/check/", {"year": "2026"}).content.decode()
    assert "the child's disability" in unescape(html) and 'data-testid="fix"' not in html
