"""Reads for the children in need census: the referrals the MASH took further, the section 47 enquiries strategy
discussions started (with their conferences and plans), and the children they are about, as the plain facts
`cin_census_rows` turns into the return. Each child read is on the access audit, in the transaction of the read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor, record_accesses
from frontdoor.access.models import AuditOutcome
from frontdoor.intake.models import ReferralChild
from frontdoor.mash.models import Outcome
from frontdoor.mash.models_conference import ConferenceOutcome
from frontdoor.mash.models_strategy import SECTION_47, StrategyPerson, StrategyStatus
from frontdoor.mash.strategy_clocks import conference_due
from frontdoor.missing.returns_rows import CollectionYear
from frontdoor.missing.returns_selectors import RETURN_ACTION
from frontdoor.people.models import IdentifierScheme, Person, PersonIdentifier, PersonKind, SourceRecord, SourceSystem
from frontdoor.reports.cin_census_rows import CensusChild, EnquiryFacts, PlanFacts, ReferralFacts

TAKEN_FURTHER = (Outcome.ASSESSMENT, Outcome.STRATEGY_DISCUSSION)
HELD = (StrategyStatus.RECORDED, StrategyStatus.CIRCULATED)


@dataclass(frozen=True)
class CensusFacts:
    children: list[CensusChild]
    referrals: list[ReferralFacts]
    enquiries: list[EnquiryFacts]
    plan_starts: dict[int, list[date]]
    unlinked: int  # children on a referral or enquiry in the year not yet linked to a person in frontdoor


def _local(value: datetime) -> date:
    return timezone.localtime(value).date()


def _bounds(year: CollectionYear) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(year.start, time.min))
    return start, timezone.make_aware(datetime.combine(year.end + timedelta(days=1), time.min))


def _identifiers(person_ids: set[int], year: CollectionYear) -> dict[tuple[int, str], str]:
    schemes = [IdentifierScheme.LA_CHILD_ID, IdentifierScheme.UPN, IdentifierScheme.FORMER_UPN]
    found: dict[tuple[int, str], tuple[date, int, str]] = {}
    for ident in PersonIdentifier.objects.filter(person_id__in=person_ids, scheme__in=schemes):
        if (ident.valid_from and ident.valid_from > year.end) or (ident.valid_to and ident.valid_to < year.start):
            continue
        key, rank = (ident.person_id, ident.scheme), (ident.valid_from or date.min, ident.pk, ident.value)
        if key not in found or rank > found[key]:
            found[key] = rank
    return {key: rank[2] for key, rank in found.items()}


def _referrals(year: CollectionYear) -> tuple[list[ReferralFacts], int]:
    start, end = _bounds(year)
    rows = (
        ReferralChild.objects.filter(
            referral__received_at__gte=start,
            referral__received_at__lt=end,
            referral__mash_decision__outcome__in=TAKEN_FURTHER,
        )
        .select_related("referral__referrer_agency")
        .order_by("referral__received_at", "id")
    )
    facts, unlinked = [], 0
    for row in rows:
        if row.person_id is None:
            unlinked += 1
            continue
        facts.append(
            ReferralFacts(
                reference=row.referral.reference,
                person_id=row.person_id,
                received_on=_local(row.referral.received_at),
                agency_kind=row.referral.referrer_agency.kind,
            )
        )
    return facts, unlinked


def _enquiries(year: CollectionYear) -> tuple[list[EnquiryFacts], int]:
    start, end = _bounds(year)
    people = (
        StrategyPerson.objects.filter(
            is_child=True,
            discussion__status__in=HELD,
            discussion__held_at__gte=start,
            discussion__held_at__lt=end,
            discussion__decisions__kind__in=SECTION_47,
        )
        .select_related("discussion__referral", "discussion__vist", "discussion__conference")
        .distinct()
        .order_by("discussion__held_at", "id")
    )
    outcomes = {o.child_id: o for o in ConferenceOutcome.objects.filter(child__in=people)}
    facts, unlinked = [], 0
    for sp in people:
        if sp.person_id is None:
            unlinked += 1
            continue
        discussion = sp.discussion
        conference = getattr(discussion, "conference", None)
        outcome = outcomes.get(sp.pk)
        plan = None
        if conference is not None and outcome is not None and outcome.plan and outcome.plan_start is not None:
            plan = PlanFacts(outcome.plan_start, outcome.category, _local(conference.held_at))
        facts.append(
            EnquiryFacts(
                reference=discussion.reference,
                person_id=sp.person_id,
                started_on=_local(discussion.held_at),  # type: ignore[arg-type]
                target=_local(conference_due(discussion.held_at, discussion.expected_date_of_delivery)),  # type: ignore[arg-type]
                referral_reference=discussion.referral.reference if discussion.referral else "",
                vist_received_on=_local(discussion.vist.received_at) if discussion.vist else None,
                conference_on=_local(conference.held_at) if conference is not None else None,
                plan=plan,
            )
        )
    return facts, unlinked


def _social_care_records(person_ids: set[int]) -> dict[int, SourceRecord]:
    """Each child's latest record in the children's social care system's extract: where frontdoor's own record has
    no UPN, ethnicity or disability, the census takes the social care record's (it is that system's census)."""
    latest: dict[int, SourceRecord] = {}
    for record in SourceRecord.objects.filter(system=SourceSystem.CSC, person_id__in=person_ids).order_by(
        "extracted_at", "id"
    ):
        latest[record.person_id] = record  # type: ignore[index]
    return latest


def read_census_facts(actor: Actor, year: CollectionYear, purpose: str) -> CensusFacts:
    """The referrals taken further and the section 47 enquiries in the year, the children they are about (each on
    the access audit), and every plan frontdoor holds for those children (to count their previous plans)."""
    with transaction.atomic():
        referrals, unlinked_referrals = _referrals(year)
        enquiries, unlinked_enquiries = _enquiries(year)
        person_ids = {r.person_id for r in referrals} | {e.person_id for e in enquiries}
        ids = _identifiers(person_ids, year)
        plan_starts: dict[int, list[date]] = {}
        for person_id, started in ConferenceOutcome.objects.filter(
            plan=True, child__person_id__in=person_ids
        ).values_list("child__person_id", "plan_start"):
            if started is not None:
                plan_starts.setdefault(person_id, []).append(started)
        social_care = _social_care_records(person_ids)
        children = []
        for person in Person.objects.filter(pk__in=person_ids).order_by("pk"):
            csc = social_care.get(person.pk)
            held = csc.attributes if csc is not None and isinstance(csc.attributes, dict) else {}
            children.append(
                CensusChild(
                    person_id=person.pk,
                    child_id=ids.get((person.pk, IdentifierScheme.LA_CHILD_ID), ""),
                    sex=person.sex,
                    date_of_birth=person.date_of_birth,
                    expected_date_of_delivery=person.expected_date_of_delivery,
                    date_of_death=person.date_of_death,
                    unborn=person.kind == PersonKind.UNBORN,
                    ethnicity=person.ethnicity or str(held.get("ethnicity", "")).strip(),
                    disabilities=tuple(
                        (person.disabilities or str(held.get("disability", ""))).replace(",", " ").split()
                    ),
                    upn=ids.get((person.pk, IdentifierScheme.UPN), "") or (csc.upn if csc is not None else ""),
                    former_upn=ids.get((person.pk, IdentifierScheme.FORMER_UPN), ""),
                )
            )
        record_accesses(
            actor, [c.person_id for c in children], action=RETURN_ACTION, purpose=purpose, outcome=AuditOutcome.ALLOWED
        )
    return CensusFacts(children, referrals, enquiries, plan_starts, unlinked_referrals + unlinked_enquiries)
