"""Reads about users and roles, and every read of a person's data, which is checked and audited here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.matrix import Action, Relationship, allowed_actions, decide, get_policy
from frontdoor.access.models import AccessAudit, AuditBasis, AuditOutcome, BreakGlass, RoleGrant, User
from frontdoor.access.relationships import find_legitimate_relationship, has_legitimate_relationship
from frontdoor.core import outbox
from frontdoor.people.models import Address, Person, PersonIdentifier
from frontdoor.people.models import Relationship as PersonRelationship

__all__ = [
    "LookLimitReached",
    "NeedsBreakGlass",
    "PersonAccess",
    "access_person",
    "active_users_with_role",
    "find_legitimate_relationship",
    "find_live_break_glass",
    "get_person_record",
    "has_legitimate_relationship",
    "list_roles",
    "user_holds_role",
]


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


# --- One person, through the access policy -------------------------------------------------------------------

SEEING_ACTIONS = frozenset({Action.VIEW_FULL, Action.VIEW_SUMMARY, Action.VIEW_PSEUDONYMISED})


class LookLimitReached(PermissionDenied):
    """Refused: the user has opened as many different people's records as their role may in the period (bulk
    browsing); they may open those again, and others once the period has passed."""

    def __init__(self, limit: int, seconds: int):
        super().__init__("look limit reached")
        self.limit, self.seconds = limit, seconds


def look_limit(role: str | None) -> tuple[int, int]:
    """(people, seconds): how many different people one user in this role may open in that many seconds."""
    return settings.FRONTDOOR_LOOK_LIMIT_BY_ROLE.get(role or "", settings.FRONTDOOR_LOOK_LIMIT)


def _over_the_look_limit(user: User, role: str | None, person_id: int) -> tuple[int, int] | None:
    limit, seconds = look_limit(role)
    since = timezone.now() - timedelta(seconds=seconds)
    others = (
        AccessAudit.objects.filter(
            actor=user, active_role=role or "", action="view_person", outcome=AuditOutcome.ALLOWED, at__gte=since
        )
        .exclude(person_id=person_id)
        .values("person_id")
        .distinct()
        .count()
    )
    return (limit, seconds) if others >= limit else None


def _alert_look_limit(user: User, seconds: int) -> None:
    """Tell every privacy officer once per period per user: no personal data, the detail is behind the sign-in."""
    window = int(timezone.now().timestamp()) // seconds
    for officer in active_users_with_role("privacy_officer"):
        outbox.enqueue(
            kind="access.look_limit",
            dedupe_key=f"look-limit:{user.pk}:{window}:{officer.pk}",
            recipient=officer,
            subject="A user reached the limit on opening records",
            body="Someone opened many different people's records in a short time and was stopped. Review it.",
            link_path="/access/reviews/",
        )


class NeedsBreakGlass(PermissionDenied):
    """Refused for want of a legitimate relationship; the user's role may break glass to see the person."""

    def __init__(self, person_id: int):
        super().__init__("needs a legitimate relationship or break-glass")
        self.person_id = person_id


@dataclass(frozen=True)
class PersonAccess:
    """What the acting user may do with each data category of one person, and on what basis."""

    person: Person
    role: str | None
    relationship: Relationship
    actions: Mapping[str, frozenset[Action]]
    audit: AccessAudit
    break_glass: BreakGlass | None = None
    # Refused some detail for want of a relationship, and this role may break glass to see it.
    break_glass_available: bool = False

    def may(self, category: str, action: str = Action.VIEW_FULL) -> bool:
        return Action(action) in self.actions[category]

    @property
    def full_categories(self) -> list[str]:
        return [c for c, acts in self.actions.items() if Action.VIEW_FULL in acts]

    @property
    def summary_categories(self) -> list[str]:
        return [c for c, acts in self.actions.items() if Action.VIEW_SUMMARY in acts and Action.VIEW_FULL not in acts]

    @property
    def pseudonymised_categories(self) -> list[str]:
        return [c for c, acts in self.actions.items() if Action.VIEW_PSEUDONYMISED in acts]


def find_live_break_glass(user: User, role: str, person_id: int) -> BreakGlass | None:
    """The user's unexpired break-glass on this person in this role, or None."""
    return (
        BreakGlass.objects.filter(user=user, role=role, person_id=person_id, expires_at__gt=timezone.now())
        .order_by("-expires_at")
        .first()
    )


def access_person(actor: Actor, person_id: int, purpose: str) -> PersonAccess:
    """What `actor` may see of person `person_id`, with one access-audit row written in the same transaction.

    Decided by the access policy (role x agency kind x category x action) and the actor's relationship with the
    person: a legitimate relationship, an unexpired break-glass, or none. Returns a PersonAccess whose
    `may(category, action)` the page must consult for every category it shows. Raises Person.DoesNotExist for
    an unknown id (not audited), NeedsBreakGlass when nothing may be seen without a relationship but the role
    may break glass, LookLimitReached when the user has opened as many people as their role may in the period
    (bulk browsing; the privacy officer is alerted), and PermissionDenied when nothing may be seen at all; every
    refusal is audited (the row
    is committed before the exception leaves, so call it outside any transaction.atomic() of your own). If the
    audit row cannot be written, nothing is returned.
    """
    with transaction.atomic():
        person = Person.objects.get(pk=person_id)
        role, user = actor.role, actor.user
        over = _over_the_look_limit(user, role, person.pk) if user is not None else None
        if over is not None:
            denied = AuditOutcome.DENIED
            record_access(actor, person, action="view_person", purpose="look limit reached", outcome=denied)
            _alert_look_limit(user, over[1])  # type: ignore[arg-type]
    if over is not None:
        raise LookLimitReached(*over)  # outside the transaction, so the refusal and the alert are kept
    with transaction.atomic():
        kind = actor.agency.kind if actor.agency is not None else None
        relationship, grant, reason = Relationship.NONE, None, None
        if user is not None and role:
            reason = find_legitimate_relationship(user, person, role)
            if reason:
                relationship = Relationship.LEGITIMATE
            else:
                grant = find_live_break_glass(user, role, person.pk)
                relationship = Relationship.BREAK_GLASS if grant else Relationship.NONE
        policy = get_policy()
        actions = {c: allowed_actions(role, kind, c, relationship, policy) for c in policy.categories}
        visible = any(acts & SEEING_ACTIONS for acts in actions.values())
        bg_available = relationship == Relationship.NONE and any(
            decide(role, kind, c, Action.VIEW_FULL, relationship, policy).break_glass_would_allow
            for c in policy.categories
        )
        basis = {
            Relationship.LEGITIMATE: AuditBasis.RELATIONSHIP,
            Relationship.BREAK_GLASS: AuditBasis.BREAK_GLASS,
        }.get(relationship, AuditBasis.POLICY)
        row = record_access(
            actor,
            person,
            action="view_person",
            purpose=f"{purpose} ({reason})"[:200] if reason else purpose,
            outcome=AuditOutcome.ALLOWED if visible else AuditOutcome.DENIED,
            basis=basis,
            break_glass=grant,
        )
    # Raised outside the transaction, so the refusal's audit row is kept.
    if not visible:
        raise NeedsBreakGlass(person.pk) if bg_available else PermissionDenied("person")
    return PersonAccess(person, role, relationship, actions, row, grant, bg_available)


@dataclass
class PersonRecord:
    person: Person
    access: PersonAccess | None = None
    identifiers: list[PersonIdentifier] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    relationships: list[PersonRelationship] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.access is not None and self.access.may("identity", Action.VIEW_FULL)


def get_person_record(actor: Actor, person_id: int, purpose: str) -> PersonRecord:
    """A person's identity record for `actor`, audited once through `access_person`; raises as it does.

    Identifiers, addresses and relationships are filled only when the policy gives identity in full;
    otherwise the record holds the summary (name and date of birth) alone.
    """
    access = access_person(actor, person_id, purpose)
    person = access.person
    record = PersonRecord(person=person, access=access)
    if record.full:
        record.identifiers = list(person.identifiers.select_related("agency").order_by("scheme", "valid_from", "id"))
        record.addresses = list(person.addresses.order_by("-valid_from", "id"))
        record.relationships = list(
            PersonRelationship.objects.filter(relative=person).select_related("person").order_by("kind", "id")
        ) + list(PersonRelationship.objects.filter(person=person).select_related("relative").order_by("kind", "id"))
    return record
