"""What initial child protection conferences decided: the children made subject to a child protection plan, and the
category of abuse of each plan (`mash.ConferenceOutcome`, one outcome per child per conference)."""

from __future__ import annotations

from collections import defaultdict

from frontdoor.mash.models_conference import CategoryOfAbuse, ConferenceOutcome
from frontdoor.reports import measures_volumes  # noqa: F401 (registered first: this figure follows the volumes)
from frontdoor.reports.figures import Figure, Period, Row, register


def plans(period: Period) -> list[Row]:
    """Children whose conference was held in the period: how many were made subject to a plan, and by category."""
    outcomes = ConferenceOutcome.objects.filter(
        conference__held_at__gte=period.start, conference__held_at__lt=period.end
    ).values_list("plan", "category", "child__person_id")
    decided = 0
    children: set[int] = set()
    with_plan: list[int | None] = []
    by_category: dict[str, list[int | None]] = defaultdict(list)
    for plan, category, person_id in outcomes:
        decided += 1
        if person_id is not None:
            children.add(person_id)
        if plan:
            with_plan.append(person_id)
            by_category[category].append(person_id)
    if not decided:
        return []
    rows = [
        Row(
            "Made subject to a child protection plan",
            count=len(with_plan),
            of=decided,
            people=tuple(sorted({p for p in with_plan if p is not None})),
            of_people=tuple(sorted(children)) if period.people else (),
        )
    ]
    for category in CategoryOfAbuse:
        found = by_category.get(category.value, [])
        if found:
            rows.append(
                Row(
                    f"Plan under {category.label.lower()}",
                    count=len(found),
                    people=tuple(sorted({p for p in found if p is not None})),
                )
            )
    return rows


register(
    Figure(
        "plans",
        "volumes",
        "Children made subject to a child protection plan at the initial conference",
        "Children whose initial child protection conference was held in the period, and how many of them the "
        "conference made subject to a child protection plan; then the plans by the category of abuse the "
        "conference recorded. Each child counts once for each conference about them.",
        "children",
        plans,
        parts="after_first",
    )
)
