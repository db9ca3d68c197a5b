"""All-year validation: the returns check page and `frontdoor returns validate` make the year's returns from today's
data, run the DfE's validators and list each child with something to put right, in the rules' words; the analyst
sees each child by their local authority child id, the MASH manager with the way to their page (by name where
they have a relationship with the child, else asked for their reason there); each child
opened is on the access audit; and the analyst's home leads there."""

from __future__ import annotations

from datetime import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from frontdoor.access.models import AccessAudit, LegitimateRelationship, RelationshipKind
from frontdoor.access.roles import Role
from frontdoor.core.calendars import LONDON
from frontdoor.mash.models_strategy import StrategyDiscussion
from frontdoor.reports.views_validation import PURPOSE
from support.cin import census_dataset
from support.validators import PYTHON
from support.words import visible_text

pytestmark = pytest.mark.django_db

CHECK = "/reports/returns/check/"
IN_JUNE = datetime(2026, 6, 1, 10, tzinfo=LONDON)  # this year is 2026-27, last year 2025-26


@pytest.fixture
def dataset():
    if not PYTHON.exists():
        pytest.skip("the DfE validators' environment is absent: run `make validators`")
    return census_dataset()


def check_page(client, year: str = "2026") -> str:
    with time_machine.travel(IN_JUNE):
        response = client.get(CHECK, {"year": year})
    assert response.status_code == 200
    return visible_text(response.content)


def test_the_analyst_sees_each_child_to_put_right_by_their_child_id_in_the_rules_words(
    client, sign_in_as, dataset
) -> None:
    sign_in_as(Role.ANALYST)
    text = check_page(client)
    assert "What was checked for 2025-26" in text
    assert "Children in need census: the DfE's 2025-26 rules" in text
    assert "Children looked after return: the Missing table" in text
    assert "1 error to fix, for 2 children with something to fix or check." in text
    assert "Local authority child id ESX1002" in text and "Local authority child id ESX1001" in text
    assert "Left out Children in need census: Not in the return: the child's disability" in text
    assert "A Section 47 module is recorded and there is no assessment on the episode (rule 2991Q)" in text
    assert "Your role sees this child by their local authority child id only" in text
    assert "Maisie" not in text and "Ashdown" not in text


def test_the_mash_manager_has_the_way_to_each_childs_page_and_each_look_is_audited(client, sign_in_as, dataset) -> None:
    manager = sign_in_as(Role.MASH_MANAGER)
    maisie = dataset["maisie"]
    LegitimateRelationship.objects.create(
        person=maisie, user=manager, kind=RelationshipKind.CASELOAD, started_at=datetime(2025, 1, 1, tzinfo=LONDON)
    )
    with time_machine.travel(IN_JUNE):
        response = client.get(CHECK, {"year": "2026"})
    html = response.content.decode()
    tyler = dataset["tyler"]
    assert f'href="/record/{tyler.pk}/"' in html
    # No working relationship with Tyler on record: his page asks the manager's reason before it opens.
    assert "their page asks for your reason before it opens" in visible_text(html)
    # Maisie is in the manager's caseload: her name, her page, and the strategy discussion behind the enquiry's query.
    discussion = StrategyDiscussion.objects.get()
    assert f'<a class="govuk-link" href="/record/{maisie.pk}/">Maisie Ashdown</a>' in html
    assert f'href="/mash/strategy/{discussion.reference}/"' in html
    looked = AccessAudit.objects.filter(actor=manager, action="view_person", purpose__startswith=PURPOSE)
    assert {a.person_id for a in looked} == {tyler.pk, maisie.pk}


def test_a_year_not_offered_is_a_form_error_by_the_field(client, sign_in_as) -> None:
    sign_in_as(Role.ANALYST)
    with time_machine.travel(IN_JUNE):
        response = client.get(CHECK, {"year": "1999"})
    assert response.status_code == 400
    assert "Select the year to check" in visible_text(response.content)


def test_the_page_before_a_check_offers_this_year_and_last(client, sign_in_as) -> None:
    sign_in_as(Role.ANALYST)
    with time_machine.travel(IN_JUNE):
        text = visible_text(client.get(CHECK).content)
    assert "This year, 1 April 2026 to 31 March 2027 (2026-27)" in text
    assert "Last year, 1 April 2025 to 31 March 2026 (2025-26)" in text
    assert "What was checked" not in text


def test_the_analysts_home_leads_to_the_check(client, sign_in_as) -> None:
    sign_in_as(Role.ANALYST)
    with time_machine.travel(IN_JUNE):
        text = visible_text(client.get("/").content)
    assert "Check this year's statutory returns" in text
    assert "the children in need census and the Missing table for 2026-27 (due after 31 March 2027)" in text


def test_the_command_lists_the_children_by_child_id(dataset) -> None:
    printed = StringIO()
    call_command("returns", "validate", "--year", "2026", stdout=printed)
    out = printed.getvalue()
    assert "1 error and 1 to check, for 2 children." in out
    assert "Child ESX1002:\n  Left out, Children in need census: Not in the return" in out
    assert f"    Record their disability on their page: /record/{dataset['tyler'].pk}/disability/\n" in out
    assert "To check, Children in need census (rule 2991Q): A Section 47 module is recorded" in out
    assert "Maisie" not in out
