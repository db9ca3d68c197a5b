"""The administration site: reference data and accounts, for the system administrator role only."""

from __future__ import annotations

import pytest

from frontdoor.access.roles import Role
from frontdoor.people.models import Agency

pytestmark = pytest.mark.django_db

PAGES = [
    "/admin/",
    "/admin/people/agency/",
    "/admin/people/agency/add/",
    "/admin/people/school/",
    "/admin/access/user/",
    "/admin/access/apiclient/",
    "/admin/core/closureday/",
    "/admin/core/schoolcalendar/add/",
    "/admin/core/clock/",
    "/admin/core/outboxmessage/",
]


@pytest.mark.parametrize("path", PAGES)
def test_the_system_administrator_reaches_every_admin_page(client, sign_in_as, path) -> None:
    sign_in_as(Role.SYSTEM_ADMINISTRATOR)  # not a Django superuser or staff: the role is what counts
    assert client.get(path).status_code == 200


def test_the_administrator_can_add_an_agency(client, sign_in_as) -> None:
    sign_in_as(Role.SYSTEM_ADMINISTRATOR)
    response = client.post(
        "/admin/people/agency/add/",
        {
            "name": "Esterbury Housing",
            "kind": "housing",
            "postcode": "es1 2ab",
            "active": "on",
            "school-TOTAL_FORMS": "0",
            "school-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Agency.objects.get(name="Esterbury Housing").postcode == "ES1 2AB"


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM_ADMINISTRATOR])
def test_no_other_role_gets_in(client, sign_in_as, role) -> None:
    sign_in_as(role, is_staff=True, is_superuser=True)  # even Django's own flags do not open it
    response = client.get("/admin/people/agency/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_an_administrator_with_another_active_role_is_kept_out(client, sign_in_as) -> None:
    sign_in_as(Role.MASH_MANAGER, other_roles=(Role.SYSTEM_ADMINISTRATOR,))
    assert client.get("/admin/").status_code == 302


def test_clocks_cannot_be_edited_by_hand(client, sign_in_as) -> None:
    sign_in_as(Role.SYSTEM_ADMINISTRATOR)
    assert client.get("/admin/core/clock/add/").status_code == 403
