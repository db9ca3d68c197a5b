"""Every read of a person's data writes an access-audit row in the same transaction; no audit, no read."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError

from frontdoor.access import selectors, services
from frontdoor.access.audit import Actor
from frontdoor.access.models import AccessAudit, AuditOutcome
from frontdoor.access.roles import Role
from support.factories import AddressFactory, IdentifierFactory, PersonFactory, RelationshipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_viewing_a_person_records_who_looked_in_which_role_and_why(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    child = PersonFactory(first_name="Maisie", last_name="Ashdown")
    IdentifierFactory(person=child)
    AddressFactory(person=child)
    RelationshipFactory(relative=child)
    services.add_to_caseload(child, user=user)

    response = client.get(f"/people/{child.pk}/", HTTP_X_REQUEST_ID="req-12345678")

    assert response.status_code == 200
    assert "Maisie Ashdown" in response.content.decode()
    row = AccessAudit.objects.get()
    assert (row.actor, row.active_role, row.agency, row.person) == (
        user,
        "mash_social_worker",
        user.agency,
        child,
    )
    assert (row.action, row.outcome, row.request_id) == ("view_person", AuditOutcome.ALLOWED, "req-12345678")
    assert row.purpose == "view person record (in the caseload)"  # the relationship the look rested on
    assert row.basis == "relationship"
    assert response["X-Request-ID"] == "req-12345678"


def test_each_look_is_a_row(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_HEALTH)
    child = PersonFactory()
    services.add_to_caseload(child, user=user)
    for _ in range(3):
        client.get(f"/people/{child.pk}/")
    assert AccessAudit.objects.filter(person=child).count() == 3


def test_if_the_audit_write_fails_the_read_fails_and_shows_nothing(client, sign_in_as, monkeypatch) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    child = PersonFactory(first_name="Tyler")
    services.add_to_caseload(child, user=user)

    def refuse(*args, **kwargs):
        raise DatabaseError("audit table unavailable")

    monkeypatch.setattr(AccessAudit.objects, "create", refuse)
    client.raise_request_exception = False
    response = client.get(f"/people/{child.pk}/")
    assert response.status_code == 500
    assert "Tyler" not in response.content.decode()


def test_the_selector_refuses_and_audits_a_role_without_permission() -> None:
    user = UserFactory(roles=[Role.REFERRER])
    child = PersonFactory()
    actor = Actor(user=user, role=Role.REFERRER, agency=user.agency, request_id="r-00000001")
    with pytest.raises(PermissionDenied):
        selectors.get_person_record(actor, child.pk, purpose="curious")
    row = AccessAudit.objects.get()
    assert row.outcome == AuditOutcome.DENIED and row.person == child


def test_a_role_without_permission_gets_403_and_sees_nothing(client, sign_in_as) -> None:
    sign_in_as(Role.SCHOOL_DSL)
    child = PersonFactory(first_name="Ruby")
    response = client.get(f"/people/{child.pk}/")
    assert response.status_code == 403
    assert "Ruby" not in response.content.decode()


def test_an_unknown_person_is_404_and_not_audited(client, sign_in_as) -> None:
    sign_in_as(Role.MASH_SOCIAL_WORKER)
    assert client.get("/people/999999/").status_code == 404
    assert not AccessAudit.objects.exists()


def test_confidential_addresses_are_not_shown(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    child = PersonFactory()
    services.add_to_caseload(child, user=user)
    AddressFactory(person=child, line1="Refuge, 9 Hidden Road", postcode="ES9 9ZZ", confidential=True)
    html = client.get(f"/people/{child.pk}/").content.decode()
    assert "Hidden Road" not in html and "ES9 9ZZ" not in html
    assert "Confidential address" in html


def test_family_members_are_links_and_their_names_are_escaped(client, sign_in_as) -> None:
    user = sign_in_as(Role.MASH_SOCIAL_WORKER)
    child = PersonFactory()
    services.add_to_caseload(child, user=user)
    parent = PersonFactory(first_name="<b>Bold</b>", kind="adult")
    RelationshipFactory(person=parent, relative=child)
    html = client.get(f"/people/{child.pk}/").content.decode()
    assert f'<a class="govuk-link" href="/people/{parent.pk}/">&lt;b&gt;Bold&lt;/b&gt;' in html
