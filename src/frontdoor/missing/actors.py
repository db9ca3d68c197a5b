"""What every missing use case shares about who acts: the refusal a step raises when it cannot be taken now, the
signed-in user a step needs, and the audit row each step writes against the episode's child."""

from __future__ import annotations

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome, User
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
