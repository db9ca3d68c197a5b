"""Volumes: what came to the front door in a period, and what the MASH made of it.

A contact is what arrives: a referral (the web form or the partner API) or a police VIST. It becomes a referral to
children's social care when the MASH decides on an assessment or a strategy discussion (a referral), or triages a
VIST as a referral or a strategy discussion (`mash.Decision`, `mash.VistTriage`)."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from django.db.models import Count, Q, QuerySet

from frontdoor.intake.models import Referral, ReferralChild, Vist, VistPerson
from frontdoor.mash.models import Decision, Outcome, VistOutcome, VistTriage
from frontdoor.people.models import Agency
from frontdoor.reports.figures import Figure, Period, Row, register

ALL = "All agencies"
REFERRAL_OUTCOMES = (Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION)
VIST_REFERRAL_OUTCOMES = (VistOutcome.REFERRAL, VistOutcome.STRATEGY_DISCUSSION)


def referrals_in(period: Period) -> QuerySet[Referral]:
    found = Referral.objects.filter(received_at__gte=period.start, received_at__lt=period.end).order_by()
    return found.filter(referrer_agency_id=period.agency_id) if period.agency_id else found


def vists_in(period: Period) -> QuerySet[Vist]:
    found = Vist.objects.filter(received_at__gte=period.start, received_at__lt=period.end).order_by()
    return found.filter(api_client__agency_id=period.agency_id) if period.agency_id else found


CHUNK = 2000  # ids per query: a year's contacts would pass more than a statement may take (SQLite's 32,766)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for at in range(0, len(ids), CHUNK):
        yield ids[at : at + CHUNK]


def children_of_referrals(ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(list(ids)):
        rows = ReferralChild.objects.filter(referral_id__in=chunk, person__isnull=False)
        found.update(rows.values_list("person_id", flat=True))
    return found


def children_of_vists(ids: list[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(list(ids)):
        rows = VistPerson.objects.filter(vist_id__in=chunk, is_child=True, person__isnull=False)
        found.update(rows.values_list("person_id", flat=True))
    return found


def _people(period: Period, referrals: list[int], vists: list[int]) -> tuple[int, ...]:
    if not period.people:
        return ()
    return tuple(sorted(children_of_referrals(referrals) | children_of_vists(vists)))


def _by_agency(found: QuerySet, agency: str) -> dict[int, int]:
    """How many of `found` each agency sent, grouped on the agency's id (no join: a join on the agency's name let
    SQLite search the period once for every agency)."""
    return dict(found.values_list(agency).annotate(n=Count("id")).values_list(agency, "n"))


def contacts(period: Period) -> list[Row]:
    """Counted and their children found per agency in the database, a handful of queries however many contacts."""
    referrals = _by_agency(referrals_in(period), "referrer_agency_id")
    vists = _by_agency(vists_in(period), "api_client__agency_id")
    names = dict(Agency.objects.filter(pk__in=set(referrals) | set(vists)).values_list("pk", "name"))
    children: dict[int, set[int]] = defaultdict(set)
    if period.people:
        referred = ReferralChild.objects.filter(referral__in=referrals_in(period), person__isnull=False).order_by()
        for agency, person_id in referred.values_list("referral__referrer_agency_id", "person_id"):
            children[agency].add(person_id)
        named = VistPerson.objects.filter(vist__in=vists_in(period), is_child=True, person__isnull=False).order_by()
        for agency, person_id in named.values_list("vist__api_client__agency_id", "person_id"):
            children[agency].add(person_id)
    everyone = set().union(*children.values()) if children else set()
    rows = [Row(ALL, count=sum(referrals.values()) + sum(vists.values()), people=tuple(sorted(everyone)))]
    for agency in sorted(set(referrals) | set(vists), key=lambda pk: (names.get(pk, ""), pk)):
        mine_r, mine_v = referrals.get(agency, 0), vists.get(agency, 0)
        rows.append(
            Row(
                names.get(agency, "Agency not recorded"),
                count=mine_r + mine_v,
                people=tuple(sorted(children[agency])),
                note=_kinds(mine_r, mine_v),
            )
        )
    return rows


def _kinds(referrals: int, vists: int) -> str:
    parts = []
    if referrals:
        parts.append(f"{referrals} {'referral' if referrals == 1 else 'referrals'}")
    if vists:
        parts.append(f"{vists} {'VIST' if vists == 1 else 'VISTs'}")
    return " and ".join(parts)


def conversion(period: Period) -> list[Row]:
    if not period.people:
        d = (
            Decision.objects.filter(referral__in=referrals_in(period))
            .order_by()
            .aggregate(all=Count("id"), referred=Count("id", filter=Q(outcome__in=REFERRAL_OUTCOMES)))
        )
        t = (
            VistTriage.objects.filter(vist__in=vists_in(period))
            .order_by()
            .aggregate(all=Count("id"), referred=Count("id", filter=Q(outcome__in=VIST_REFERRAL_OUTCOMES)))
        )
        return [Row(ALL, count=d["referred"] + t["referred"], of=d["all"] + t["all"])]
    decided = list(Decision.objects.filter(referral__in=referrals_in(period)).values_list("referral_id", "outcome"))
    triaged = list(VistTriage.objects.filter(vist__in=vists_in(period)).values_list("vist_id", "outcome"))
    referred = [pk for pk, outcome in decided if outcome in REFERRAL_OUTCOMES]
    vists_referred = [pk for pk, outcome in triaged if outcome in VIST_REFERRAL_OUTCOMES]
    return [
        Row(
            ALL,
            count=len(referred) + len(vists_referred),
            of=len(decided) + len(triaged),
            people=_people(period, referred, vists_referred),
            of_people=_people(period, [pk for pk, _o in decided], [pk for pk, _o in triaged]),
        )
    ]


def outcomes(period: Period) -> list[Row]:
    """Every decision and VIST triage made in the period, by its outcome in words (the same words merge)."""
    made: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    decisions = Decision.objects.filter(decided_at__gte=period.start, decided_at__lt=period.end)
    triages = VistTriage.objects.filter(triaged_at__gte=period.start, triaged_at__lt=period.end)
    if period.agency_id:
        decisions = decisions.filter(referral__referrer_agency_id=period.agency_id)
        triages = triages.filter(vist__api_client__agency_id=period.agency_id)
    if not period.people:  # counted in the database; the lists stand for how many
        for outcome, n in _by_outcome(decisions):
            made[Outcome(outcome).label][0].extend([0] * n)
        for outcome, n in _by_outcome(triages):
            made[VistOutcome(outcome).label][1].extend([0] * n)
    else:
        for referral_id, outcome in decisions.values_list("referral_id", "outcome"):
            made[Outcome(outcome).label][0].append(referral_id)
        for vist_id, outcome in triages.values_list("vist_id", "outcome"):
            made[VistOutcome(outcome).label][1].append(vist_id)
    total = sum(len(r) + len(v) for r, v in made.values())
    everyone = _people(period, [pk for r, _v in made.values() for pk in r], [pk for _r, v in made.values() for pk in v])
    return [
        Row(label, count=len(r) + len(v), of=total, people=_people(period, r, v), of_people=everyone)
        for label, (r, v) in sorted(made.items())
    ]


def _by_outcome(found: QuerySet) -> list[tuple[str, int]]:
    return list(found.order_by().values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n"))


def re_referrals(period: Period) -> list[Row]:
    """Children referred to children's social care in the period who had been referred in the 12 months before."""
    decisions = Decision.objects.filter(outcome__in=REFERRAL_OUTCOMES)
    referred_at: dict[int, list] = defaultdict(list)
    rows = (
        ReferralChild.objects.filter(
            person__isnull=False,
            referral__mash_decision__in=decisions,
            referral__received_at__lt=period.end,
            # An earlier referral counts within the 12 months before one in the period: nothing older matters.
            referral__mash_decision__decided_at__gte=period.start - timedelta(days=366),
        )
        .order_by()
        .values_list("person_id", "referral__mash_decision__decided_at", "referral__referrer_agency_id")
    )
    in_period: set[int] = set()
    for person_id, decided_at, agency_id in rows:
        referred_at[person_id].append(decided_at)
        if period.start <= decided_at < period.end and (not period.agency_id or agency_id == period.agency_id):
            in_period.add(person_id)
    again = set()
    for person_id in in_period:
        moments = sorted(referred_at[person_id])
        for earlier, later in itertools.pairwise(moments):
            if period.start <= later < period.end and later - earlier <= timedelta(days=365):
                again.add(person_id)
    return [
        Row(
            ALL,
            count=len(again),
            of=len(in_period),
            people=tuple(sorted(again)),
            of_people=tuple(sorted(in_period)) if period.people else (),
        )
    ]


AGENCY = "the agency that sent the contact"

register(
    Figure(
        "contacts",
        "volumes",
        "Contacts by source agency",
        "Referrals (from the web form or the partner API) and police VISTs received in the period, by the agency "
        "that sent them. The children behind the number are the children named on them.",
        "contacts",
        contacts,
        by_agency=AGENCY,
        parts="after_first",
    )
)
register(
    Figure(
        "conversion",
        "volumes",
        "Contacts that became a referral to children's social care",
        "Of the contacts received in the period that the MASH has decided on, how many it decided should go to "
        "children's social care: a referral decided as an assessment or a strategy discussion, or a VIST triaged "
        "as a referral or a strategy discussion. Contacts still waiting for a decision are not counted.",
        "contacts",
        conversion,
        by_agency=AGENCY,
    )
)
register(
    Figure(
        "outcomes",
        "volumes",
        "Outcomes of the MASH's decisions",
        "Every decision on a referral and every VIST triage the MASH made in the period, by what it decided.",
        "decisions",
        outcomes,
        by_agency=AGENCY,
        parts="all",
    )
)
register(
    Figure(
        "re_referrals",
        "volumes",
        "Re-referrals within 12 months",
        "Of the children the MASH referred to children's social care in the period, how many it had also referred "
        "in the 12 months before. Counted for referrals only, among the children frontdoor has identified.",
        "children",
        re_referrals,
        by_agency=AGENCY,
    )
)
