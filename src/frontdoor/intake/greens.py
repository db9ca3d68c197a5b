"""The "three green VISTs in three months" rule: a third green VIST about one child within three months is raised to
amber (repeated low-level concern is itself a concern), and its history: which greens counted, and when it rose.

`services.police` applies the rule as a VIST arrives; the MASH's VIST page shows `green_escalation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from frontdoor.intake.models import RiskGrade, Vist
from frontdoor.people.models import Agency

ESCALATING_GREENS = 3
ESCALATION_WINDOW = timedelta(days=91)


@dataclass(frozen=True)
class GreenEscalation:
    vist: Vist  # the green VIST raised to amber
    child: str  # the child who had three greens, as the VISTs name them
    escalated_at: datetime
    greens: list[Vist]  # the green VISTs counted, oldest first, this one last


def greens_about(vist: Vist) -> tuple[str, list[Vist]]:
    """The child of the VIST with the most green VISTs within the window, and those greens (this one included)."""
    since = vist.incident_at - ESCALATION_WINDOW
    best: tuple[str, list[Vist]] = ("", [])
    for child in vist.persons.filter(is_child=True):
        found = list(
            Vist.objects.filter(
                persons__is_child=True,
                persons__first_name__iexact=child.first_name.strip(),
                persons__last_name__iexact=child.last_name.strip(),
                persons__date_of_birth=child.date_of_birth,
                risk_grade=RiskGrade.GREEN,
                incident_at__gte=since,
                incident_at__lte=vist.incident_at,
            )
            .distinct()
            .order_by("incident_at", "id")
        )
        if len(found) > len(best[1]):
            best = (f"{child.first_name} {child.last_name}".strip() or "a child", found)
    return best


def green_escalation(vist: Vist) -> GreenEscalation | None:
    """Why a green VIST was raised to amber, and when: the greens about one child that made three in three months."""
    if vist.risk_grade != RiskGrade.GREEN or vist.effective_grade == RiskGrade.GREEN:
        return None
    child, greens = greens_about(vist)
    if len(greens) < ESCALATING_GREENS:
        return None
    return GreenEscalation(vist=vist, child=child, escalated_at=vist.received_at, greens=greens)


def list_green_escalations(force: Agency | None, since: datetime) -> list[GreenEscalation]:
    """A force's green VISTs raised to amber since `since`, latest first, each with the greens that counted."""
    if force is None:
        return []
    raised = Vist.objects.filter(
        api_client__agency=force,
        risk_grade=RiskGrade.GREEN,
        effective_grade=RiskGrade.AMBER,
        received_at__gte=since,
    ).order_by("-received_at", "-id")
    return [found for vist in raised if (found := green_escalation(vist)) is not None]
