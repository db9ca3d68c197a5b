"""The MACE workspace for tests: a cleared user, a child listed for MACE, intelligence linking children with persons
of concern, places, vehicles and phones, and a disruption action agreed."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.mace import services
from frontdoor.mace.models import DisruptionAction, Intelligence
from frontdoor.people.models import Person
from support.exploitation import HIGH, screen
from support.factories import PersonFactory
from support.missing import actor_for

TEEN = date(2010, 6, 1)


def cleared(role: str = "missing_exploitation_coordinator") -> Actor:
    return actor_for(role)


def listed_child(indicators: list[str] = HIGH, **fields) -> Person:
    """A child screened at high risk (so listed for MACE), born in 2010 unless told otherwise."""
    child = PersonFactory(date_of_birth=fields.pop("date_of_birth", TEEN), **fields)
    screen(child, indicators)
    return child


def intelligence(
    children: list[Person],
    entities: list[tuple[str, str]],
    *,
    actor: Actor | None = None,
    received_on: date | None = None,
    grading: str = "2BP",
    summary: str = "Seen together at the flat on several nights.",
) -> Intelligence:
    return services.record_intelligence(
        services.IntelligenceData(
            received_on=received_on or timezone.localdate(),
            summary=summary,
            source_evaluation=grading[0],
            assessment=grading[1],
            handling=grading[2],
            children=children,
            entities=entities,
        ),
        actor=actor or cleared(),
    )


def action(
    what: str = "Visit the flat with a closure notice", *, actor: Actor | None = None, **fields
) -> DisruptionAction:
    actor = actor or cleared()
    assert actor.user is not None
    return services.agree_action(services.ActionData(what, fields.pop("owner", actor.user), **fields), actor=actor)
