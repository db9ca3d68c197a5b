"""The access policy as data: every role is real, unknown permissions fail loudly, and the sensitive ones are narrow."""

from __future__ import annotations

import pytest

from frontdoor.access.role_permissions import PERMISSIONS, permissions_of, role_grants
from frontdoor.access.roles import Role


def test_every_role_named_in_the_policy_is_a_declared_role() -> None:
    for permission, roles in PERMISSIONS.items():
        assert roles, f"{permission} is granted to nobody"
        for role in roles:
            assert isinstance(role, Role), (permission, role)


def test_an_undeclared_permission_raises_rather_than_denying_quietly() -> None:
    with pytest.raises(KeyError, match=r"undeclared permission 'person\.delete'"):
        role_grants(Role.SYSTEM_ADMINISTRATOR, "person.delete")


@pytest.mark.parametrize("permission", sorted(PERMISSIONS))
def test_no_permission_is_granted_without_an_active_role(permission: str) -> None:
    assert role_grants(None, permission) is False
    assert role_grants("", permission) is False
    assert role_grants("not_a_role", permission) is False


def test_only_the_system_administrator_reaches_the_admin_site() -> None:
    assert [role for role in Role if role_grants(role, "admin.site")] == [Role.SYSTEM_ADMINISTRATOR]


def test_only_the_privacy_officer_reads_the_access_audit() -> None:
    assert [role for role in Role if role_grants(role, "audit.view")] == [Role.PRIVACY_OFFICER]


@pytest.mark.parametrize(
    "role",
    [
        Role.REFERRER,
        Role.SCHOOL_DSL,
        Role.ANALYST,
        Role.STRATEGIC_LEADER,  # a read-only scrutineer sees aggregates only
        Role.PARTNER_RESPONDER,
        Role.PRIVACY_OFFICER,
        Role.SYSTEM_ADMINISTRATOR,
    ],
)
def test_roles_outside_casework_cannot_open_a_persons_record(role: Role) -> None:
    assert not role_grants(role, "person.view")
    assert not role_grants(str(role), "person.view")  # the string held in a session works the same way


@pytest.mark.parametrize("role", [Role.MASH_SOCIAL_WORKER, Role.MASH_MANAGER, Role.EDT_WORKER])
def test_casework_roles_can_open_a_persons_record(role: Role) -> None:
    assert role_grants(role, "person.view")
    assert role_grants(str(role), "person.view")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_a_home_page(role: Role) -> None:
    assert role_grants(role, "home.view")
    assert "home.view" in permissions_of(role)
