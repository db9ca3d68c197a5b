"""The unborn: marked "Unborn" wherever a child is listed, and their "wishes and feelings" said to be the parents'
views and wishes on every page and in the API's documentation."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.roles import Role
from frontdoor.intake import holdings, services
from frontdoor.intake.models import Referral
from frontdoor.people.models import PersonKind
from support.arrivals import referral_data, submit
from support.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

DUE = timezone.localdate() + timedelta(days=70)
VIEWS = "Mum wants to keep the baby and to have help with the flat."
UNBORN_TAG = 'govuk-tag--purple"> Unborn </strong>'


def act_as(client, user, role: str) -> None:
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()


def text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return " ".join(unescape(response.content.decode()).split())


@pytest.fixture
def dsl():
    return UserFactory(first_name="Dana", last_name="Hollis", roles=[Role.SCHOOL_DSL])


def refer_unborn_and_sibling(dsl) -> Referral:
    """A referral of an unborn baby (no first name yet) and their born brother."""
    return services.submit_referral(
        services.ReferralData(
            referrer_name="Dana Hollis",
            referrer_role="DSL",
            concern="Mum is expecting and the house is not safe.",
            level_of_need=3,
            consent="given",
            consent_given_by="Mother",
            consent_covers="Mother and children",
            children=[
                services.ChildData(last_name="Kowalski", expected_date_of_delivery=DUE, wishes_and_feelings=VIEWS),
                services.ChildData(
                    first_name="Olek",
                    last_name="Kowalski",
                    date_of_birth=timezone.localdate() - timedelta(days=8 * 365),
                    wishes_and_feelings="I want a bigger bed.",
                ),
            ],
        ),
        actor=Actor(user=dsl, role=Role.SCHOOL_DSL, agency=dsl.agency),
        channel="web",
    )


def test_the_unborn_are_marked_wherever_a_referral_lists_its_children(client, dsl) -> None:
    referral = refer_unborn_and_sibling(dsl)
    sam = UserFactory(first_name="Sam", last_name="Okafor", roles=[Role.MASH_SOCIAL_WORKER])
    act_as(client, sam, Role.MASH_SOCIAL_WORKER)

    queue = text(client, "/mash/")
    row = queue.split(f'data-reference="{referral.reference}"')[1].split("</tr>")[0]
    assert f'Kowalski <strong class="govuk-tag {UNBORN_TAG}, Olek Kowalski' in row
    assert row.count("Unborn") == 1  # the brother is not marked

    page = text(client, f"/mash/referrals/{referral.reference}/")
    voices = page.split("What each child has said")[1].split("Already known")[0]
    assert voices.count(UNBORN_TAG) == 1 and "The parents' views and wishes (the baby is not born yet):" in voices
    assert VIEWS in voices and "I want a bigger bed." in voices
    summary = page.split("The referral in full")[1]
    assert "Parents' views and wishes" in summary and "Wishes and feelings" in summary  # one of each
    assert summary.count(UNBORN_TAG) == 1
    known = page.split("Already known")[1].split("The referral in full")[0]
    assert known.count(UNBORN_TAG) == 1

    decide = text(client, f"/mash/referrals/{referral.reference}/decision/")
    assert f'About Kowalski <strong class="govuk-tag {UNBORN_TAG}, Olek Kowalski.' in decide

    act_as(client, dsl, Role.SCHOOL_DSL)
    mine = text(client, "/referrals/")
    assert f'Kowalski <strong class="govuk-tag {UNBORN_TAG}, Olek Kowalski' in mine
    home = text(client, "/")
    assert f'Kowalski <strong class="govuk-tag {UNBORN_TAG}, Olek Kowalski' in home
    detail = text(client, f"/referrals/{referral.reference}/")
    assert "Parents' views and wishes" in detail and detail.count(UNBORN_TAG) == 1


def test_a_child_who_is_born_is_never_marked_unborn(client, dsl) -> None:
    ruby = services.ChildData(
        first_name="Ruby",
        last_name="Ashdown",
        date_of_birth=timezone.localdate() - timedelta(days=400),
        wishes_not_obtained_reason="Too young to say.",
    )
    submit(dsl, referral_data(ruby))
    act_as(client, UserFactory(roles=[Role.MASH_SOCIAL_WORKER]), Role.MASH_SOCIAL_WORKER)
    assert "Unborn" not in text(client, "/mash/")
    act_as(client, dsl, Role.SCHOOL_DSL)
    assert "Unborn" not in text(client, "/referrals/")


def test_the_chronology_says_an_unborn_babys_record_holds_the_parents_views(dsl) -> None:
    referral = refer_unborn_and_sibling(dsl)
    baby = PersonFactory(kind=PersonKind.UNBORN, first_name="", date_of_birth=None, expected_date_of_delivery=DUE)
    brother = PersonFactory()
    unborn_child, born_child = referral.children.order_by("id")
    unborn_child.person, born_child.person = baby, brother
    unborn_child.save()
    born_child.save()
    [line] = holdings.chronology(baby.pk)
    assert line.detail.endswith("; the parents' views recorded")
    [line] = holdings.chronology(brother.pk)
    assert line.detail.endswith("; their own wishes and feelings recorded")


def test_the_api_documents_what_wishes_and_feelings_hold_for_an_unborn_baby(client) -> None:
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["ChildIn"]
    wishes = schema["properties"]["wishes_and_feelings"]["description"]
    assert "For an unborn baby" in wishes and "the parents' views and wishes" in wishes
    assert "expectant mother" in wishes
    assert "parents' views" in schema["properties"]["wishes_not_obtained_reason"]["description"]
    assert "expected_date_of_delivery" in schema["description"]
