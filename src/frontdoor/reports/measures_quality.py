"""Quality: each child's voice recorded, and consent recorded with its rationale, on the referrals of a period."""

from __future__ import annotations

from django.db.models import Count, Q

from frontdoor.intake.models import ConsentStatus, ReferralChild
from frontdoor.reports.figures import Figure, Period, Row, register
from frontdoor.reports.measures_volumes import AGENCY, ALL, children_of_referrals, referrals_in


def voice(period: Period) -> list[Row]:
    """Every child on every referral counts once per referral: each child of a sibling group has their own voice."""
    children = ReferralChild.objects.filter(referral__in=referrals_in(period))
    recorded = children.exclude(wishes_and_feelings="")
    if not period.people:  # both counted in one pass: the scorecard and each part of a trend
        counts = children.order_by().aggregate(recorded=Count("id", filter=~Q(wishes_and_feelings="")), all=Count("id"))
        return [Row(ALL, count=counts["recorded"], of=counts["all"])]
    return [
        Row(
            ALL,
            count=recorded.count(),
            of=children.count(),
            people=tuple(sorted(set(recorded.filter(person__isnull=False).values_list("person_id", flat=True))))
            if period.people
            else (),
            of_people=tuple(sorted(set(children.filter(person__isnull=False).values_list("person_id", flat=True))))
            if period.people
            else (),
        )
    ]


def consent(period: Period) -> list[Row]:
    referrals = referrals_in(period)
    recorded = referrals.filter(
        Q(consent=ConsentStatus.GIVEN, consent_given_by__gt="")
        | Q(consent__in=[ConsentStatus.NOT_SOUGHT, ConsentStatus.DISPENSED], consent_rationale__gt="")
    )
    if not period.people:
        return [Row(ALL, count=recorded.count(), of=referrals.count())]
    ids = list(recorded.values_list("pk", flat=True))
    every = list(referrals.values_list("pk", flat=True))
    return [
        Row(
            ALL,
            count=len(ids),
            of=len(every),
            people=tuple(sorted(children_of_referrals(ids))),
            of_people=tuple(sorted(children_of_referrals(every))),
        )
    ]


register(
    Figure(
        "voice",
        "quality",
        "The child's voice recorded",
        "Children on the referrals received in the period whose wishes and feelings the referrer recorded. Each "
        "child counts on their own, so every child of a sibling group needs their own voice; a referrer who "
        "could not obtain it gives a reason, which is not counted as the voice.",
        "children",
        voice,
        by_agency=AGENCY,
    )
)
register(
    Figure(
        "consent",
        "quality",
        "Consent recorded with its rationale",
        "Referrals received in the period that record consent given and who gave it, or, when consent was not "
        "sought or was dispensed with, why.",
        "referrals",
        consent,
        by_agency=AGENCY,
    )
)
