"""Reads for Annex A: the rows of the lists frontdoor fills (1 contacts, 3 referrals, 5 section 47 enquiries and
conferences, 7 child protection plans, 8 children in care with the missing columns), for a collection year, each a
list of cells in its list's heading order. Each child put in the workbook is on the access audit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_accesses
from frontdoor.access.models import AuditOutcome
from frontdoor.intake.models import ReferralChild, VistPerson
from frontdoor.mash.models import Outcome, VistOutcome
from frontdoor.mash.models_conference import ConferenceOutcome
from frontdoor.mash.models_strategy import StrategyDecision, StrategyPerson
from frontdoor.missing.models import CareProfile, Episode
from frontdoor.missing.returns_rows import AWAY, MISSING, CollectionYear, periods
from frontdoor.people.models import IdentifierScheme, Person, PersonIdentifier
from frontdoor.reports import codes
from frontdoor.reports.annex_a_layout import ABUSE, GENDER, LISTS, YES_NO
from frontdoor.reports.exports_catalogue import episode_facts
from frontdoor.reports.exports_tables import SECTION_47
from frontdoor.reports.pseudonyms import age_on

ANNEX_A_ACTION = "statutory_return"
Cell = str | int | date | None


@dataclass(frozen=True)
class Child:
    child_id: str
    sex: str
    ethnicity: str
    born: date | None

    def common(self, on: date) -> list[Cell]:
        age = age_on(self.born, on)
        return [self.child_id, GENDER.get(self.sex, ""), self.ethnicity, self.born, age if age and age >= 0 else None]


def _bounds(year: CollectionYear) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(year.start, time.min))
    return start, timezone.make_aware(datetime.combine(year.end + timedelta(days=1), time.min))


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _source(kind: str | None) -> str:
    code = codes.source_code(kind)
    return f"{code}: {codes.source_words(code)}"


def _blank(cells: int) -> list[Cell]:
    return [None] * cells


def _children(person_ids: Iterable[int]) -> dict[int, Child]:
    ids = set(person_ids)
    la_ids: dict[int, str] = {}
    for person_id, value in (
        PersonIdentifier.objects.filter(person_id__in=ids, scheme=IdentifierScheme.LA_CHILD_ID)
        .order_by("person_id", "valid_from", "pk")
        .values_list("person_id", "value")
    ):
        la_ids[person_id] = value
    return {
        pk: Child(la_ids.get(pk) or f"FD{pk}", sex, ethnicity, born)
        for pk, sex, ethnicity, born in Person.objects.filter(pk__in=ids).values_list(
            "pk", "sex", "ethnicity", "date_of_birth"
        )
    }


def _within_12_months(moments: list[date], on: date) -> int:
    return sum(1 for m in moments if on - timedelta(days=365) < m <= on)


@dataclass
class Lists:
    rows: dict[int, list[list[Cell]]]
    unlinked_contacts: int


def read_annex_a(year: CollectionYear, actor: Actor) -> Lists:
    start, end = _bounds(year)
    contacts: list[tuple[int, datetime, str | None]] = []
    contacts += ReferralChild.objects.filter(
        person__isnull=False, referral__received_at__gte=start, referral__received_at__lt=end
    ).values_list("person_id", "referral__received_at", "referral__referrer_agency__kind")
    contacts += VistPerson.objects.filter(
        person__isnull=False, is_child=True, vist__received_at__gte=start, vist__received_at__lt=end
    ).values_list("person_id", "vist__received_at", "vist__api_client__agency__kind")
    unlinked = (
        ReferralChild.objects.filter(
            person__isnull=True, referral__received_at__gte=start, referral__received_at__lt=end
        ).count()
        + VistPerson.objects.filter(
            person__isnull=True, is_child=True, vist__received_at__gte=start, vist__received_at__lt=end
        ).count()
    )

    referrals: list[tuple[int, datetime, str | None]] = []
    referrals += ReferralChild.objects.filter(
        person__isnull=False, referral__mash_decision__outcome__in=[Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION]
    ).values_list("person_id", "referral__mash_decision__decided_at", "referral__referrer_agency__kind")
    referrals += VistPerson.objects.filter(
        person__isnull=False,
        is_child=True,
        vist__mash_triage__outcome__in=[VistOutcome.REFERRAL, VistOutcome.STRATEGY_DISCUSSION],
    ).values_list("person_id", "vist__mash_triage__triaged_at", "vist__api_client__agency__kind")

    s47_discussions = StrategyDecision.objects.filter(kind__in=SECTION_47).values_list("discussion_id", flat=True)
    enquiries: list[tuple[int, int, datetime]] = [
        (pk, person_id, held_at)
        for pk, person_id, held_at in StrategyPerson.objects.filter(
            discussion_id__in=s47_discussions, is_child=True, person__isnull=False, discussion__held_at__isnull=False
        ).values_list("pk", "person_id", "discussion__held_at")
        if held_at is not None and person_id is not None
    ]
    conferences = {
        child_id: (held_at, plan, plan_start, category)
        for child_id, held_at, plan, plan_start, category in ConferenceOutcome.objects.values_list(
            "child_id", "conference__held_at", "plan", "plan_start", "category"
        )
    }
    plans = [
        (person_id, held_at, plan_start, category)
        for person_id, held_at, plan_start, category in ConferenceOutcome.objects.filter(
            plan=True, child__person__isnull=False, conference__held_at__gte=start, conference__held_at__lt=end
        ).values_list("child__person_id", "conference__held_at", "plan_start", "category")
    ]
    in_care = list(
        CareProfile.objects.filter(in_care=True).order_by("person_id").values_list("person_id", "placement_since")
    )

    people = {p for p, *_ in contacts} | {p for p, *_ in referrals} | {p for _, p, _ in enquiries}
    people |= {p for p, *_ in plans} | {p for p, _ in in_care}
    children = _children(people)
    rows: dict[int, list[list[Cell]]] = defaultdict(list)

    for person_id, at, kind in sorted(contacts, key=lambda c: (c[1], c[0])):
        day = _local_day(at)
        rows[1].append([*children[person_id].common(day), day, _source(kind)])

    referred_on: dict[int, list[date]] = defaultdict(list)
    for person_id, at, _ in referrals:
        referred_on[person_id].append(_local_day(at))
    for person_id, at, kind in sorted(referrals, key=lambda r: (r[1], r[0])):
        if not start <= at < end:
            continue
        day = _local_day(at)
        count = _within_12_months(referred_on[person_id], day)
        rows[3].append([*children[person_id].common(day), day, _source(kind), "No", count, None, None])

    s47_on: dict[int, list[date]] = defaultdict(list)
    icpc_on: dict[int, list[date]] = defaultdict(list)
    for sp_pk, person_id, held_at in enquiries:
        s47_on[person_id].append(_local_day(held_at))
        if sp_pk in conferences:
            icpc_on[person_id].append(_local_day(conferences[sp_pk][0]))
    for sp_pk, person_id, held_at in sorted(enquiries, key=lambda e: (e[2], e[1])):
        if not start <= held_at < end:
            continue
        day = _local_day(held_at)
        conference = conferences.get(sp_pk)
        rows[5].append([
            *children[person_id].common(day), None, day, None,
            _local_day(conference[0]) if conference else None,
            YES_NO[conference[1]] if conference else None,
            _within_12_months(s47_on[person_id], day), _within_12_months(icpc_on[person_id], day), None, None,
        ])  # fmt: skip

    for person_id, held_at, plan_start, category in sorted(plans, key=lambda p: (p[1], p[0])):
        day = plan_start or _local_day(held_at)
        abuse = ABUSE.get(category or "")
        rows[7].append([*children[person_id].common(day), None, day, abuse, abuse, *_blank(8)])

    rows[8] = _children_in_care(year, in_care, children)
    with transaction.atomic():
        record_accesses(
            actor, Person.objects.filter(pk__in=people).order_by("pk").values_list("pk", flat=True),
            action=ANNEX_A_ACTION, purpose=f"Ofsted Annex A {year.label}", outcome=AuditOutcome.ALLOWED,
        )  # fmt: skip
    return Lists(rows=dict(rows), unlinked_contacts=unlinked)


def _children_in_care(
    year: CollectionYear, in_care: list[tuple[int, date | None]], children: dict[int, Child]
) -> list[list[Cell]]:
    """List 8: episodes that began in the 12 months to the end of the year, counted by their code (an episode whose
    category changed between missing and away counts once for each), and the interview after the latest missing."""
    since = timezone.make_aware(datetime.combine(year.end - timedelta(days=365), time.min))
    until = timezone.make_aware(datetime.combine(year.end + timedelta(days=1), time.min))
    person_ids = [p for p, _ in in_care]
    episodes: dict[int, list] = defaultdict(list)
    for episode in (
        Episode.objects.filter(person_id__in=person_ids, went_missing_at__gte=since, went_missing_at__lt=until)
        .select_related("category", "interview")
        .prefetch_related("transitions__category")
        .order_by("went_missing_at", "pk")
    ):
        episodes[episode.person_id].extend(periods(episode_facts(episode)))  # type: ignore[index]
    result = []
    for person_id, placement_since in in_care:
        found = episodes.get(person_id, [])
        missing = [p for p in found if p.code == MISSING]
        away = [p for p in found if p.code == AWAY]
        offered = accepted = None
        # Blank while the latest missing episode goes on, or no offer is recorded: not known, not "no".
        if missing and missing[-1].ended_at is not None and missing[-1].interview_offered is not None:
            offered = YES_NO[missing[-1].interview_offered]
            if missing[-1].interview_offered and missing[-1].interview_accepted is not None:
                accepted = YES_NO[missing[-1].interview_accepted]
        child = children[person_id]
        headings = LISTS[7].headings
        held: dict[str, Cell] = dict(zip(headings, child.common(year.end), strict=False))
        held["Start Date of Most Recent Placement"] = placement_since
        held[headings[-6]], held[headings[-5]] = len(missing), len(away)
        held[headings[-4]], held[headings[-3]] = offered, accepted
        result.append([held.get(h) for h in headings])
    return result
