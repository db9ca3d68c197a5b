"""Reads for the identity review queue: the open pairs (people at stake first, a page at a time, with honest counts
and the pairs that share a reason), one pair side by side with the evidence per field and why it was kept apart,
the pairs that share a reason in full, and a person's records with the decisions about them. A look at a pair, at
pairs that share a reason, or at a person is audited like any other."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.matrix import Action
from frontdoor.access.models import AuditOutcome
from frontdoor.access.selectors import access_person
from frontdoor.linkage import refusals
from frontdoor.linkage.candidates import FIELDS as CANDIDATE_FIELDS
from frontdoor.linkage.candidates import scorer_for
from frontdoor.linkage.models import LinkDecision, MergeRequest, ReviewItem, ReviewReason, ReviewStatus
from frontdoor.linkage.preparation import from_source_record, prepare
from frontdoor.linkage.realtime import Score
from frontdoor.linkage.refusals import SharedReason, shared_reason
from frontdoor.linkage.words import field_words, level_words
from frontdoor.people.models import Person, SourceRecord

PER_PAGE = 50  # pairs a page of the queue lists

# The fields compared, in the order a person reads a record: (label, source record field, model comparison).
FIELDS = (
    ("First name", "first_name", "first_name"),
    ("Middle names", "middle_names", ""),
    ("Last name", "last_name", "last_name"),
    ("Date of birth", "date_of_birth", "dob"),
    ("Sex", "sex", "sex"),
    ("Postcode", "postcode", "postcode"),
    ("NHS number", "nhs_number", "nhs_number"),
    ("Unique pupil number", "upn", "upn"),
)


@dataclass(frozen=True)
class FieldComparison:
    label: str
    left: str
    right: str
    level: str = ""  # the comparison level the pair fell in, e.g. "Exact" or "Nickname"; empty if not compared
    weight: float | None = None  # what this field added to the match weight (negative: evidence against)
    derived: bool = False  # compares values worked out from the fields above, not a field of its own


@dataclass
class ReviewPair:
    item: ReviewItem
    left: SourceRecord
    right: SourceRecord
    score: Score
    fields: list[FieldComparison]
    left_person: Person | None
    right_person: Person | None
    decisions: list[LinkDecision] = field(default_factory=list)  # about this pair, newest first
    why: str = ""  # the rule that kept the two apart, with the values behind it, in words ("" if nothing did)

    @property
    def same_person(self) -> bool:
        return self.left.person_id is not None and self.left.person_id == self.right.person_id


@dataclass
class PersonLinks:
    person: Person
    records: list[SourceRecord]
    decisions: list[LinkDecision]  # live decisions about any of these records, newest first


@dataclass(frozen=True)
class ReasonGroup:
    reason: SharedReason
    count: int


@dataclass(frozen=True)
class QueueRow:
    item: ReviewItem
    at_stake: bool
    why: str  # the rule that kept the two apart, in words, with no one's details ("" if nothing did)


@dataclass
class ReviewQueue:
    rows: list[QueueRow]
    page: Page
    open: int  # pairs waiting for someone to decide
    at_stake: int  # of them, those about a person on an open referral or VIST
    settled: int  # pairs the runs settled, kept to be looked at
    settled_by: list[tuple[str, int]]  # why they were settled, in words, with how many
    groups: list[ReasonGroup]  # pairs of the list shown that share a reason, two or more


def count_open_review_items() -> int:
    return ReviewItem.objects.filter(status=ReviewStatus.OPEN).count()


def _stake(at_stake: QuerySet | None) -> Q:
    if at_stake is None:
        return Q(pk__in=[])
    return Q(left__person_id__in=at_stake) | Q(right__person_id__in=at_stake)


def list_review_queue(*, at_stake: QuerySet | None = None, page: int = 1, settled: bool = False) -> ReviewQueue:
    """The open pairs (or the settled ones), those about a person at stake first (`at_stake`: a query of the ids of
    people on an open referral or VIST), then strongest first; one page of PER_PAGE, with honest counts of the
    whole queue, what the runs settled and why, and the pairs that share a reason. Systems and reasons only: no
    one's details, so listing them is not a look at anyone."""
    status = ReviewStatus.SETTLED if settled else ReviewStatus.OPEN
    stake = _stake(at_stake)
    shown = (
        ReviewItem.objects.filter(status=status)
        .annotate(at_stake=Case(When(stake, then=Value(True)), default=Value(False), output_field=BooleanField()))
        .select_related("left", "right")
        .order_by("-at_stake", "-match_weight", "id")
    )
    current = Paginator(shown, PER_PAGE).get_page(page)
    open_items = ReviewItem.objects.filter(status=ReviewStatus.OPEN)
    settled_items = ReviewItem.objects.filter(status=ReviewStatus.SETTLED)
    by_words = Counter(
        _settled_words(reason, refusal, detail)
        for reason, refusal, detail in settled_items.values_list("reason", "refusal", "refusal_detail")
    )
    settled_by = sorted(by_words.items(), key=lambda row: (-row[1], row[0]))
    shared = Counter(
        shared_reason(item)
        for item in ReviewItem.objects.filter(status=status)
        .exclude(refusal="")
        .only("refusal", "refusal_detail", "others_agree")
    )
    groups = sorted(
        (ReasonGroup(reason, n) for reason, n in shared.items() if reason is not None and n > 1),
        key=lambda group: (-group.count, group.reason.slug),
    )
    rows = [
        QueueRow(item, item.at_stake, _queue_words(item))  # type: ignore[attr-defined]
        for item in current.object_list
    ]
    return ReviewQueue(
        rows=rows,
        page=current,
        open=open_items.count(),
        at_stake=open_items.filter(stake).count(),
        settled=settled_items.count(),
        settled_by=settled_by,
        groups=groups,
    )


def _queue_words(item: ReviewItem) -> str:
    """Why the pair is here, without anyone's details: the rule that kept them apart, or the band it fell in."""
    if item.refusal:
        return refusals.summary(item.refusal, item.refusal_detail)
    return refusals.IN_BAND if item.reason == ReviewReason.UNCERTAIN else ""


def _pair_words(item: ReviewItem) -> str:
    """Why the pair is here, with the values: the rule in full, or the match against the run's thresholds."""
    if item.refusal:
        return refusals.explain(item.refusal, item.refusal_detail)
    if item.reason == ReviewReason.UNCERTAIN:
        return refusals.in_band(item.match_probability, settings.FRONTDOOR_LINK_SPLIT_PROBABILITY, item.run.threshold)
    return ""


def _settled_words(reason: str, refusal: str, detail: dict) -> str:
    if reason == ReviewReason.LINKED and not refusal:
        return "Already one person through stronger matches with their other records"
    return refusals.summary(refusal, {"system": detail.get("system", "")})


def list_pairs_sharing(actor: Actor, reason: SharedReason) -> list[tuple[ReviewItem, str]]:
    """Every open or settled pair that shares this reason, strongest first, each with its reason in full (names,
    dates, numbers): a look at everyone on them, audited in the same transaction."""
    with transaction.atomic():
        candidates = (
            ReviewItem.objects.filter(status__in=[ReviewStatus.OPEN, ReviewStatus.SETTLED], refusal=reason.rule)
            .select_related("left__person", "right__person")
            .order_by("-match_weight", "id")
        )
        items = [item for item in candidates if reason.matches(item)]
        people = {p.pk: p for item in items for p in (item.left.person, item.right.person) if p is not None}
        for person in sorted(people.values(), key=lambda p: p.pk):
            record_access(
                actor, person, action="view_identity_review", purpose="identity review", outcome=AuditOutcome.ALLOWED
            )
        return [(item, refusals.explain(item.refusal, item.refusal_detail)) for item in items]


def _shown(value: object) -> str:
    if isinstance(value, date):
        return f"{value.day} {value:%B %Y}"
    return str(value or "")


def _compare(left: SourceRecord, right: SourceRecord, score: Score) -> list[FieldComparison]:
    evidence = {e.comparison: e for e in score.evidence}
    rows = []
    for label, name, comparison in FIELDS:
        seen = evidence.pop(comparison, None)
        rows.append(
            FieldComparison(
                label=label,
                left=_shown(getattr(left, name)),
                right=_shown(getattr(right, name)),
                level=level_words(comparison, seen.level) if seen else "",
                weight=seen.match_weight if seen else None,
            )
        )
    # Comparisons of values worked out from the fields above (the model may add some, such as birth year).
    for comparison, seen in evidence.items():
        rows.append(
            FieldComparison(
                field_words(comparison), "", "", level_words(comparison, seen.level), seen.match_weight, derived=True
            )
        )
    return rows


def get_review_pair(actor: Actor, item_id: int) -> ReviewPair:
    """One pair side by side, scored with its run's model; raises ReviewItem.DoesNotExist. Both people shown are
    audited in the same transaction."""
    with transaction.atomic():
        item = ReviewItem.objects.select_related("run", "left__person", "right__person").get(pk=item_id)
        left, right = item.left, item.right
        prepared = prepare(from_source_record(row) for row in _values(left.pk, right.pk)).to_pylist()
        score = scorer_for(item.run).score(prepared[0], prepared[1])
        shown = {p.pk: p for p in (left.person, right.person) if p is not None}
        for person in shown.values():
            record_access(
                actor, person, action="view_identity_review", purpose="identity review", outcome=AuditOutcome.ALLOWED
            )
        decisions = list(
            LinkDecision.objects.filter(left_id=item.left_id, right_id=item.right_id)
            .select_related("decided_by")
            .order_by("-decided_at", "-id")
        )
        return ReviewPair(
            item=item,
            left=left,
            right=right,
            score=score,
            fields=_compare(left, right, score),
            left_person=left.person,
            right_person=right.person,
            decisions=decisions,
            why=_pair_words(item),
        )


def _values(*ids: int) -> list[dict]:
    rows = {row["id"]: row for row in SourceRecord.objects.filter(pk__in=ids).values(*CANDIDATE_FIELDS)}
    return [rows[pk] for pk in ids]


def get_person_links(actor: Actor, person_id: int) -> PersonLinks:
    """A person's source records and the live decisions about them, through the same gate as their record: a
    legitimate relationship or break-glass, and identity in full (access_person raises Person.DoesNotExist,
    NeedsBreakGlass or PermissionDenied as it does for the child's page). Audited there."""
    access = access_person(actor, person_id, purpose="identity links")
    if not access.may("identity", Action.VIEW_FULL):
        raise PermissionDenied("identity links need identity in full")
    person = access.person
    records = list(SourceRecord.objects.filter(person=person).order_by("system", "source_id", "id"))
    ids = [r.pk for r in records]
    decisions = list(
        LinkDecision.objects.filter(Q(left_id__in=ids) | Q(right_id__in=ids), superseded_at__isnull=True)
        .select_related("decided_by")
        .order_by("-decided_at", "-id")
    )
    return PersonLinks(person=person, records=records, decisions=decisions)


def list_merge_requests() -> list[MergeRequest]:
    """Merges waiting for a second reviewer, oldest first (names only: each person's record is opened by link)."""
    return list(
        MergeRequest.objects.filter(approved__isnull=True)
        .select_related("person", "other", "requested_by")
        .order_by("requested_at", "id")
    )
