"""What each capability holds about a person, for the pages that show everything about them (the child's page, a
subject access request) without naming the capabilities.

A capability registers a `PersonProvider` in its `AppConfig.ready()` (intake registers referrals, VISTs and
incidents; the MASH its decisions). Each part is optional. The reader has already checked access and audited the
look; a provider only reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from frontdoor.people.models import Person


@dataclass
class Entry:
    """One line of a person's chronology."""

    at: datetime
    ended_at: datetime | None
    what: str
    detail: str
    agency: str  # the filter heading: "Police", "Front door"
    category: str  # the access policy's data category this line belongs to
    source: str  # the system and its own id, so anyone can find it at source
    link: str = ""
    decision: bool = False  # a decision about the person: also listed under "Recent decisions"


@dataclass(frozen=True)
class PersonProvider:
    name: str
    # The person's lines in the chronology.
    chronology: Callable[[int], list[Entry]] | None = None
    # What the person is on, as (clock subject type, subject id): their open deadlines are those subjects' clocks.
    subjects: Callable[[int], list[tuple[str, str]]] | None = None
    # Everything held about the person, for a subject access request: one plain dict per item.
    subject_access: Callable[[Person], list[dict[str, Any]]] | None = None
    # Of these people, the children whose own wishes and feelings are on record.
    voice_recorded: Callable[[list[int]], set[int]] | None = None
    # What someone acting in a role may start about the person from their page, as (words, link): "Convene a
    # strategy discussion". Called with (role, person id) once the page's access has been checked.
    actions: Callable[[str | None, int], list[tuple[str, str]]] | None = None


def list_person_actions(role: str | None, person_id: int) -> list[tuple[str, str]]:
    """Every capability's actions on a person's page for this role, in registration order."""
    return [a for provider in _PROVIDERS.values() if provider.actions for a in provider.actions(role, person_id)]


_PROVIDERS: dict[str, PersonProvider] = {}


def register_person_provider(provider: PersonProvider) -> None:
    _PROVIDERS[provider.name] = provider


def list_person_providers() -> list[PersonProvider]:
    return list(_PROVIDERS.values())
