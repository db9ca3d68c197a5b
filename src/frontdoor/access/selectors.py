"""Reads about users and roles, and every read of a person's data, which is checked and audited here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, RoleGrant, User
from frontdoor.access.policy import role_grants
from frontdoor.people.models import Address, Person, PersonIdentifier, Relationship


def user_holds_role(user: User, role: str) -> bool:
    return user.is_active and RoleGrant.objects.filter(user=user, role=role, revoked_at__isnull=True).exists()


def list_roles(user: User) -> list[str]:
    return user.current_roles()


def active_users_with_role(role: str) -> list[User]:
    """Users who hold `role` now and can sign in, in a stable order (escalation and notification recipients)."""
    return list(
        User.objects.filter(is_active=True, role_grants__role=role, role_grants__revoked_at__isnull=True)
        .order_by("id")
        .distinct()
    )


@dataclass
class PersonRecord:
    person: Person
    identifiers: list[PersonIdentifier] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)


def get_person_record(actor: Actor, person_id: int, purpose: str) -> PersonRecord:
    """A person's record for `actor`, audited in the same transaction; raises if absent or not permitted.

    A refusal is audited too. If the audit row cannot be written, nothing is returned.
    """
    with transaction.atomic():
        person = Person.objects.get(pk=person_id)
        allowed = role_grants(actor.role, "person.view")
        outcome = AuditOutcome.ALLOWED if allowed else AuditOutcome.DENIED
        record_access(actor, person, action="view_person", purpose=purpose, outcome=outcome)
        if allowed:
            record = PersonRecord(
                person=person,
                identifiers=list(person.identifiers.select_related("agency").order_by("scheme", "valid_from", "id")),
                addresses=list(person.addresses.order_by("-valid_from", "id")),
                relationships=list(
                    Relationship.objects.filter(relative=person).select_related("person").order_by("kind", "id")
                )
                + list(Relationship.objects.filter(person=person).select_related("relative").order_by("kind", "id")),
            )
    # Raised outside the transaction, so the refusal's audit row is kept.
    if not allowed:
        raise PermissionDenied("person.view")
    return record
