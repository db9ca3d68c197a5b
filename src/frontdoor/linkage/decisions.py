"""What every correction to identity resolution shares: the error a decision refuses with, recording people's
must-link and cannot-link decisions, moving records between people, and auditing each person touched. The use
cases are in review (pairs of records) and merging (whole people)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.linkage.candidates import scorer_for
from frontdoor.linkage.evidence import refresh_evidence
from frontdoor.linkage.models import LinkageRun, LinkDecision, LinkKind, ReviewItem
from frontdoor.linkage.persons import FIELDS, new_person
from frontdoor.people.models import Person, SourceRecord

Pair = tuple[int, int]


class ReviewError(Exception):
    """A decision that cannot be made as asked. The message is shown beside `field`; it names no one."""

    def __init__(self, message: str, *, field: str = "reason") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def ordered(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def require(actor: Actor, reason: str) -> str:
    if actor.user is None or not actor.role:
        raise ReviewError("Only a signed-in member of staff acting in a role can make this decision", field="")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Enter the reason for your decision")
    return reason


def decide(
    actor: Actor,
    pairs: Iterable[Pair],
    kind: str,
    action: str,
    reason: str,
    item: ReviewItem | None = None,
) -> list[LinkDecision]:
    """Record a decision about each pair, superseding any live decision about the same pair."""
    now = timezone.now()
    in_order = sorted({ordered(a, b) for a, b in pairs if a != b})
    if not in_order:
        return []
    same_pair = Q()
    for left, right in in_order:
        same_pair |= Q(left_id=left, right_id=right)
    LinkDecision.objects.filter(same_pair, superseded_at__isnull=True).update(superseded_at=now)
    return LinkDecision.objects.bulk_create(
        [
            LinkDecision(
                left_id=left,
                right_id=right,
                kind=kind,
                action=action,
                reason=reason,
                decided_by=actor.user,
                decided_role=actor.role or "",
                decided_at=now,
                review_item=item,
            )
            for left, right in in_order
        ]
    )


def audit(actor: Actor, person_ids: Iterable[int | None], action: str) -> None:
    for person in Person.objects.filter(pk__in={p for p in person_ids if p}).order_by("id"):
        record_access(actor, person, action=action, purpose="identity review", outcome=AuditOutcome.ALLOWED)


def rescore(person_ids: Iterable[int | None]) -> None:
    """The moved records' people scored afresh against their principals, so the child's page explains the links
    as they are now."""
    run = LinkageRun.objects.order_by("-started_at", "-id").first()
    refresh_evidence(person_ids, run, scorer_for(run) if run else None)


def records_of(person_id: int) -> list[int]:
    return list(SourceRecord.objects.filter(person_id=person_id).order_by("id").values_list("id", flat=True))


def live(kind: str, among: Iterable[int]) -> list[Pair]:
    ids = list(among)
    return list(
        LinkDecision.objects.filter(kind=kind, superseded_at__isnull=True, left_id__in=ids, right_id__in=ids)
        .order_by("id")
        .values_list("left_id", "right_id")
    )


def kept_apart(ours: list[int], theirs: list[int], *, ignoring: Pair | None = None) -> Pair | None:
    """A live cannot-link between the two sets of records, if there is one."""
    between = {*ours, *theirs}
    mine, other = set(ours), set(theirs)
    for pair in live(LinkKind.CANNOT_LINK, between):
        if pair != ignoring and ((pair[0] in mine and pair[1] in other) or (pair[0] in other and pair[1] in mine)):
            return pair
    return None


def join(person_a: int, person_b: int) -> tuple[int, int, list[int]]:
    """Move the records of the smaller person to the larger (ties: the older id); returns (kept, emptied, records)."""
    records_a, records_b = records_of(person_a), records_of(person_b)
    if (len(records_b), -person_b) > (len(records_a), -person_a):
        person_a, person_b, records_a, records_b = person_b, person_a, records_b, records_a
    SourceRecord.objects.filter(pk__in=records_b).update(person_id=person_a, updated_at=timezone.now())
    return person_a, person_b, records_a + records_b


def new_person_for(record_ids: list[int]) -> Person:
    """A new person for these records, from the most authoritative system's details."""
    rows = list(SourceRecord.objects.filter(pk__in=record_ids).order_by("id").values(*FIELDS))
    person = new_person(rows)
    person.save()
    return person


def clash_message(pair: Pair) -> str:
    return (
        f"An earlier decision says records {pair[0]} and {pair[1]} are different people, so these cannot be one "
        "person. Review that decision first"
    )
