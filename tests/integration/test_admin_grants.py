"""No administrator gives anyone, least of all themselves, a child's record alone: roles that read children's records
wait for a second administrator, an administrator's own grants are refused, and every grant is audited and alerted."""

from __future__ import annotations

import pytest

from frontdoor.access import services
from frontdoor.access.models import AccessAudit, LegitimateRelationship, RoleGrant, RoleGrantRequest
from frontdoor.access.roles import Role
from frontdoor.core.models import OutboxMessage
from support.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(roles=[Role.PRIVACY_OFFICER])


def test_an_administrator_cannot_give_themselves_a_role_or_a_child(client, sign_in_as, officer) -> None:
    admin = sign_in_as(Role.SYSTEM_ADMINISTRATOR)
    with pytest.raises(services.GrantRefused):
        services.grant_role_as_administrator(admin, admin, Role.MASH_SOCIAL_WORKER)
    own_page = client.get(f"/admin/access/user/{admin.pk}/change/").content.decode()
    # The admin site offers no way round the service either: no role can be added to one's own account there.
    assert 'name="role_grants-MAX_NUM_FORMS" value="0"' in own_page
    child = PersonFactory()
    response = client.post(
        "/admin/access/legitimaterelationship/add/",
        {"person": child.pk, "user": admin.pk, "kind": "caseload", "role": "", "started_at_0": "01/12/2026",
         "started_at_1": "09:00:00"},
        follow=True,
    )  # fmt: skip
    assert "You cannot give yourself or your own team a relationship" in response.content.decode()
    assert not LegitimateRelationship.objects.filter(person=child).exists()
    assert not RoleGrant.objects.filter(user=admin, role=Role.MASH_SOCIAL_WORKER).exists()


def test_a_role_that_reads_childrens_records_waits_for_a_second_administrator(officer) -> None:
    first, second = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]), UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR])
    worker = UserFactory()
    waiting = services.grant_role_as_administrator(first, worker, Role.MASH_SOCIAL_WORKER)
    assert isinstance(waiting, RoleGrantRequest) and Role.MASH_SOCIAL_WORKER not in worker.current_roles()
    with pytest.raises(services.GrantRefused, match="Another administrator must decide"):
        services.decide_role_request(first, waiting.pk, approve=True)
    with pytest.raises(services.GrantRefused):
        services.decide_role_request(worker, waiting.pk, approve=True)  # nor the user, were they an administrator
    services.decide_role_request(second, waiting.pk, approve=True)
    assert Role.MASH_SOCIAL_WORKER in worker.current_roles()
    assert RoleGrant.objects.get(user=worker, role=Role.MASH_SOCIAL_WORKER).granted_by == second
    actions = list(AccessAudit.objects.order_by("id").values_list("action", "actor_id"))
    assert actions == [("request_role", first.pk), ("approve_role", second.pk)]
    assert OutboxMessage.objects.filter(recipient=officer).count() == 2
    with pytest.raises(services.GrantRefused, match="already been decided"):
        services.decide_role_request(second, waiting.pk, approve=False)


def test_a_refused_role_is_never_granted() -> None:
    first, second = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]), UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR])
    worker = UserFactory()
    waiting = services.grant_role_as_administrator(first, worker, Role.MASH_POLICE)
    services.decide_role_request(second, waiting.pk, approve=False)
    assert worker.current_roles() == []


def test_a_role_that_reads_no_childs_record_is_granted_at_once_and_audited(officer) -> None:
    admin, analyst = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]), UserFactory()
    assert not services.reads_childrens_records(Role.ANALYST)
    assert isinstance(services.grant_role_as_administrator(admin, analyst, Role.ANALYST), RoleGrant)
    assert analyst.current_roles() == [Role.ANALYST]
    assert AccessAudit.objects.filter(actor=admin, action="grant_role").count() == 1
    assert OutboxMessage.objects.filter(recipient=officer, kind="access.role_granted").count() == 1


def test_a_relationship_given_by_an_administrator_is_on_the_persons_record(officer) -> None:
    admin, worker, child = UserFactory(roles=[Role.SYSTEM_ADMINISTRATOR]), UserFactory(), PersonFactory()
    services.add_relationship_as_administrator(
        admin, LegitimateRelationship(person=child, user=worker, kind="caseload")
    )
    look = AccessAudit.objects.get(action="add_relationship")
    assert (look.person, look.actor) == (child, admin)
    assert OutboxMessage.objects.filter(recipient=officer, kind="access.relationship_added").count() == 1
    with pytest.raises(services.GrantRefused):  # nor to the administrator's own agency as a team
        services.add_relationship_as_administrator(
            admin, LegitimateRelationship(person=child, agency=admin.agency, kind="team_queue")
        )
