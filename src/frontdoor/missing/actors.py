"""What every missing use case shares about who acts and who is told: the refusal a step raises when it cannot be
taken now, the signed-in user a step needs, the audit row each step writes against the episode's child, and the
notification everyone holding a role is sent."""

from __future__ import annotations

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
from frontdoor.access.selectors import active_users_with_role
from frontdoor.core import outbox
from frontdoor.missing.models import Episode


class MissingRefused(Exception):
    """The step cannot be taken now (the episode has moved on); the message says why, in words."""


def signed_in_user(actor: Actor) -> User:
    """The user recording the step; refused when it comes from a partner system with no user."""
    if actor.user is None:
        raise MissingRefused("Only a signed-in user can record this")
    return actor.user


def audit_episode(actor: Actor, episode: Episode, action: str) -> None:
    record_access(actor, episode.person, action=action, purpose=episode.reference, outcome=AuditOutcome.ALLOWED)


def tell_role(role: str, *, kind: str, dedupe_key: str, subject: str, link_path: str) -> None:
    """A notification (through the outbox, in the caller's transaction) to each active user holding `role`, once per
    user under `dedupe_key`; the subject names no child."""
    for user in active_users_with_role(role):
        outbox.enqueue(
            kind=kind, dedupe_key=f"{dedupe_key}:{user.pk}", recipient=user, subject=subject, link_path=link_path
        )
