"""The demo partnership: safe to load twice, a sign-in for every role, working API tokens and realistic families."""

from __future__ import annotations

import json
import stat
from collections import defaultdict
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from frontdoor.access.models import ApiClient, RoleGrant, User
from frontdoor.access.roles import Role
from frontdoor.access.services import authenticate_api_token
from frontdoor.core.api import SCOPES
from frontdoor.core.identifiers import nhs_number_is_valid
from frontdoor.people.models import (
    Address,
    Agency,
    IdentifierScheme,
    Person,
    PersonIdentifier,
    PersonKind,
    Relationship,
    RelationshipKind,
    School,
)
from frontdoor.web.demo import DEMO_PASSWORD, load_demo_data

pytestmark = pytest.mark.django_db

COUNTED = (Agency, School, User, RoleGrant, ApiClient, Person, PersonIdentifier, Address, Relationship)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def test_loading_the_demo_twice_changes_nothing(demo) -> None:
    first = counts()
    second_credentials = load_demo_data()
    assert counts() == first
    assert second_credentials.api_tokens == demo.api_tokens
    assert second_credentials.users == demo.users
    assert all(n > 0 for n in first.values()), first


def test_reloading_restores_a_demo_user_who_was_disabled(demo) -> None:
    User.objects.filter(username="referrer").update(is_active=False)
    load_demo_data()
    assert authenticate(username="referrer", password=DEMO_PASSWORD) is not None


def test_every_role_has_a_demo_user(demo) -> None:
    demo_usernames = {u["username"] for u in demo.users}
    for role in Role:
        holders = User.objects.filter(
            username__in=demo_usernames, role_grants__role=role, role_grants__revoked_at__isnull=True
        )
        assert holders.exists(), f"no demo user holds {role}"


def test_the_credentials_list_the_roles_each_user_really_holds(demo) -> None:
    for entry in demo.users:
        user = User.objects.get(username=entry["username"])
        assert sorted(entry["roles"]) == user.current_roles()


def test_every_demo_user_can_sign_in_with_the_demo_password(demo) -> None:
    assert demo.users
    for entry in demo.users:
        assert entry["password"] == DEMO_PASSWORD
        user = authenticate(username=entry["username"], password=entry["password"])
        assert user is not None, entry["username"]
        assert user.username == entry["username"]
        assert authenticate(username=entry["username"], password="wrong-password-123") is None


def test_each_api_token_authenticates_its_client(demo) -> None:
    assert set(demo.api_tokens) == set(ApiClient.objects.values_list("name", flat=True))
    for name, token in demo.api_tokens.items():
        client = authenticate_api_token(token)
        assert client is not None, name
        assert client.name == name
        client.refresh_from_db()
        assert client.last_used_at is not None  # use is recorded
        assert set(client.scopes) <= set(SCOPES), f"{name} holds undeclared scopes"
    assert authenticate_api_token(next(iter(demo.api_tokens.values())) + "x") is None


def test_the_api_tokens_are_stored_only_as_hashes(demo) -> None:
    for name, token in demo.api_tokens.items():
        client = ApiClient.objects.get(name=name)
        assert token not in (client.token_hash, client.token_prefix)
        assert client.token_prefix == token[:10]


def test_the_demo_command_writes_the_credentials_file(settings, tmp_path) -> None:
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    path = tmp_path / "demo-credentials.json"
    assert path.exists()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # passwords and tokens: owner only
    data = json.loads(path.read_text())
    assert set(data) == {"users", "api_tokens"}
    assert data["users"]
    for entry in data["users"]:
        assert set(entry) == {"username", "password", "roles"}
        assert isinstance(entry["roles"], list) and entry["roles"]
        assert all(role in Role.values for role in entry["roles"])
        assert authenticate(username=entry["username"], password=entry["password"]) is not None
    assert data["api_tokens"]
    for client, token in data["api_tokens"].items():
        assert authenticate_api_token(token).name == client
    assert str(path) in out.getvalue()


# --- the synthetic families ---------------------------------------------------------------------------------


def test_there_is_a_sibling_group_of_three_or_more(demo) -> None:
    siblings = defaultdict(set)
    for rel in Relationship.objects.filter(kind=RelationshipKind.SIBLING):
        siblings[rel.person_id].add(rel.relative_id)
        siblings[rel.relative_id].add(rel.person_id)
    groups = [{pid, *others} for pid, others in siblings.items()]
    largest = max(groups, key=len)
    assert len(largest) >= 3
    for pid in largest:  # everyone in the group is linked to everyone else
        assert siblings[pid] >= largest - {pid}


def test_there_are_twins(demo) -> None:
    children = defaultdict(list)
    for child in Person.objects.filter(kind=PersonKind.CHILD):
        children[(child.last_name, child.date_of_birth)].append(child.first_name)
    twins = [names for names in children.values() if len(names) >= 2 and len(set(names)) == len(names)]
    assert twins, "no two children share a surname and date of birth"


def test_there_is_an_unborn_child_with_an_expected_delivery_date(demo) -> None:
    unborn = Person.objects.filter(kind=PersonKind.UNBORN)
    assert unborn.exists()
    for person in unborn:
        assert person.expected_date_of_delivery is not None
        assert person.expected_date_of_delivery > date.today()
        assert person.date_of_birth is None
        person.full_clean()
        assert Relationship.objects.filter(relative=person, kind=RelationshipKind.PARENT).exists()


def test_every_demo_child_has_a_valid_test_range_nhs_number(demo) -> None:
    numbers = []
    # A child whose number is being traced has the reason recorded instead (demo_nhsnumber), as the 2026 Act allows.
    for child in Person.objects.filter(kind=PersonKind.CHILD, nhs_number_absences__isnull=True):
        identifier = PersonIdentifier.objects.get(person=child, scheme=IdentifierScheme.NHS_NUMBER)
        assert nhs_number_is_valid(identifier.value), identifier.value
        assert identifier.value.startswith("999"), identifier.value
        numbers.append(identifier.value)
    assert numbers
    assert len(set(numbers)) == len(numbers), "two demo children share an NHS number"
    assert Person.objects.filter(kind=PersonKind.CHILD, nhs_number_absences__isnull=False).count() == 1


def test_every_demo_record_passes_its_own_validation(demo) -> None:
    for model in (Agency, School, Person, PersonIdentifier, Address, Relationship):
        for instance in model.objects.all():
            instance.full_clean()


def test_reloading_a_missing_family_gives_its_children_their_own_nhs_numbers(demo) -> None:
    before = dict(
        PersonIdentifier.objects.filter(person__last_name="Kowalski").values_list("person__first_name", "value")
    )
    Person.objects.filter(last_name="Kowalski").delete()
    load_demo_data()
    after = dict(
        PersonIdentifier.objects.filter(person__last_name="Kowalski").values_list("person__first_name", "value")
    )
    numbers = list(PersonIdentifier.objects.filter(scheme=IdentifierScheme.NHS_NUMBER).values_list("value", flat=True))
    assert len(set(numbers)) == len(numbers), "two demo children share an NHS number"
    assert Person.objects.filter(kind=PersonKind.CHILD, nhs_number_absences__isnull=False).count() == 1
    assert after == before
