"""People's corrections to identity resolution: confirm or reject a pair of records, merge two people, split a
person. Each is one use case in one transaction: it changes who the records belong to now, records the decision as
must-link or cannot-link pairs (which every later linkage run applies first, so no re-run undoes it), and writes an
access-audit row for every person it touches.

Decisions are kept as history: a later decision about the same pair supersedes the earlier one.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.audit import Actor, record_access
from frontdoor.access.models import AuditOutcome
from frontdoor.linkage.candidates import scorer_for
from frontdoor.linkage.evidence import refresh_evidence
from frontdoor.linkage.models import LinkageRun, LinkDecision, LinkKind, ReviewAction, ReviewItem, ReviewStatus
from frontdoor.linkage.persons import FIELDS, new_person
from frontdoor.linkage.refusals import SharedReason
from frontdoor.people.models import Person, SourceRecord

logger = logging.getLogger(__name__)

Pair = tuple[int, int]

# Pairs people may decide: those waiting, and those a run settled (people's word outranks the run's).
DECIDABLE = (ReviewStatus.OPEN, ReviewStatus.SETTLED)


class ReviewError(Exception):
    """A decision that cannot be made as asked. The message is shown beside `field`; it names no one."""

    def __init__(self, message: str, *, field: str = "reason") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _ordered(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def _require(actor: Actor, reason: str) -> str:
    if actor.user is None or not actor.role:
        raise ReviewError("Only a signed-in member of staff acting in a role can make this decision", field="")
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Enter the reason for your decision")
    return reason


def _decide(
    actor: Actor,
    pairs: Iterable[Pair],
    kind: str,
    action: str,
    reason: str,
    item: ReviewItem | None = None,
) -> list[LinkDecision]:
    """Record a decision about each pair, superseding any live decision about the same pair."""
    now = timezone.now()
    ordered = sorted({_ordered(a, b) for a, b in pairs if a != b})
    if not ordered:
        return []
    same_pair = Q()
    for left, right in ordered:
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
            for left, right in ordered
        ]
    )


def _audit(actor: Actor, person_ids: Iterable[int | None], action: str) -> None:
    for person in Person.objects.filter(pk__in={p for p in person_ids if p}).order_by("id"):
        record_access(actor, person, action=action, purpose="identity review", outcome=AuditOutcome.ALLOWED)


def _rescore(person_ids: Iterable[int | None]) -> None:
    """The moved records' people scored afresh against their principals, so the child's page explains the links
    as they are now."""
    run = LinkageRun.objects.order_by("-started_at", "-id").first()
    refresh_evidence(person_ids, run, scorer_for(run) if run else None)


def _records_of(person_id: int) -> list[int]:
    return list(SourceRecord.objects.filter(person_id=person_id).order_by("id").values_list("id", flat=True))


def _live(kind: str, among: Iterable[int]) -> list[Pair]:
    ids = list(among)
    return list(
        LinkDecision.objects.filter(kind=kind, superseded_at__isnull=True, left_id__in=ids, right_id__in=ids)
        .order_by("id")
        .values_list("left_id", "right_id")
    )


def _kept_apart(ours: list[int], theirs: list[int], *, ignoring: Pair | None = None) -> Pair | None:
    """A live cannot-link between the two sets of records, if there is one."""
    between = {*ours, *theirs}
    mine, other = set(ours), set(theirs)
    for pair in _live(LinkKind.CANNOT_LINK, between):
        if pair != ignoring and ((pair[0] in mine and pair[1] in other) or (pair[0] in other and pair[1] in mine)):
            return pair
    return None


def _join(person_a: int, person_b: int) -> tuple[int, int, list[int]]:
    """Move the records of the smaller person to the larger (ties: the older id); returns (kept, emptied, records)."""
    records_a, records_b = _records_of(person_a), _records_of(person_b)
    if (len(records_b), -person_b) > (len(records_a), -person_a):
        person_a, person_b, records_a, records_b = person_b, person_a, records_b, records_a
    SourceRecord.objects.filter(pk__in=records_b).update(person_id=person_a, updated_at=timezone.now())
    return person_a, person_b, records_a + records_b


def _locked_records(ids: Iterable[int]) -> dict[int, SourceRecord]:
    wanted = set(ids)
    found = {r.pk: r for r in SourceRecord.objects.select_for_update().filter(pk__in=wanted).order_by("id")}
    if set(found) != wanted:
        raise ReviewError("One of these records no longer exists: it may have been removed by its agency", field="")
    return found


def _item(item_id: int | None) -> ReviewItem | None:
    if item_id is None:
        return None
    item = ReviewItem.objects.select_for_update().get(pk=item_id)
    if item.status not in DECIDABLE:
        raise ReviewError("Someone has already decided this pair", field="decision")
    return item


def _close(item: ReviewItem | None, pair: Pair) -> None:
    """The item is decided, and so is any other open or settled item about the same pair."""
    open_items = ReviewItem.objects.filter(status__in=DECIDABLE, left_id=pair[0], right_id=pair[1])
    if item is not None:
        open_items = open_items | ReviewItem.objects.filter(pk=item.pk)
    open_items.update(status=ReviewStatus.DECIDED)


def confirm_pair(actor: Actor, left_id: int, right_id: int, *, reason: str, item_id: int | None = None) -> int:
    """Two records are one person: their people become one now (must-link). Returns that person's id."""
    reason = _require(actor, reason)
    pair = _ordered(left_id, right_id)
    if pair[0] == pair[1]:
        raise ReviewError("Choose two different records", field="")
    with transaction.atomic():
        item = _item(item_id)
        records = _locked_records(pair)
        people = [records[pair[0]].person_id, records[pair[1]].person_id]
        if people[0] is None or people[1] is None:
            raise ReviewError("These records have not been linked to people yet: run linkage first", field="")
        kept = people[0]
        if people[0] != people[1]:
            clash = _kept_apart(_records_of(people[0]), _records_of(people[1]), ignoring=pair)
            if clash:
                raise ReviewError(_clash_message(clash), field="decision")
            kept, _emptied, _moved = _join(people[0], people[1])
            _rescore([kept])
        _decide(actor, [pair], LinkKind.MUST_LINK, ReviewAction.CONFIRM, reason, item)
        _close(item, pair)
        _audit(actor, people, "identity_confirm")
    logger.info("identity_pair_confirmed", extra={"left": pair[0], "right": pair[1], "person_id": kept})
    return kept


def reject_pair(actor: Actor, left_id: int, right_id: int, *, reason: str, item_id: int | None = None) -> int | None:
    """Two records are different people (cannot-link). If they are one person now, one record (with any records
    confirmed as the same as it) leaves: to the person its other confirmed links point to, or to a new person.
    Returns the id of the person the moved record went to, or None if nothing moved."""
    reason = _require(actor, reason)
    pair = _ordered(left_id, right_id)
    if pair[0] == pair[1]:
        raise ReviewError("Choose two different records", field="")
    with transaction.atomic():
        item = _item(item_id)
        records = _locked_records(pair)
        person_id = records[pair[0]].person_id
        _decide(actor, [pair], LinkKind.CANNOT_LINK, ReviewAction.REJECT, reason, item)
        destination = None
        if person_id is not None and person_id == records[pair[1]].person_id:
            destination = _split_off(person_id, pair)
            _rescore([person_id, destination])
        _close(item, pair)
        _audit(actor, [person_id, destination], "identity_reject")
    logger.info("identity_pair_rejected", extra={"left": pair[0], "right": pair[1], "person_id": destination})
    return destination


def _split_off(person_id: int, pair: Pair) -> int:
    """Move one record of the pair out of the person, with the records confirmed as the same as it."""
    members = _records_of(person_id)
    confirmed = _live(LinkKind.MUST_LINK, members)
    groups = {uid: _component(uid, confirmed) for uid in pair}
    if pair[0] in groups[pair[1]]:
        raise ReviewError(
            "Earlier decisions confirmed these two records as one person through other records. "
            "Split the person instead, choosing which records leave",
            field="decision",
        )
    # The smaller confirmed group leaves; on a tie, the newer record.
    mover = min(pair, key=lambda uid: (len(groups[uid]), -uid))
    moving = sorted(groups[mover])
    elsewhere = Counter(
        person for person in _partner_people(moving, LinkKind.MUST_LINK) if person is not None and person != person_id
    )
    destination = elsewhere.most_common(1)[0][0] if elsewhere else _new_person_for(moving).pk
    SourceRecord.objects.filter(pk__in=moving).update(person_id=destination, updated_at=timezone.now())
    return destination


def _component(start: int, pairs: list[Pair]) -> set[int]:
    seen, todo = {start}, [start]
    while todo:
        uid = todo.pop()
        for a, b in pairs:
            other = b if a == uid else a if b == uid else None
            if other is not None and other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _partner_people(records: list[int], kind: str) -> list[int | None]:
    """The people of the records these records have a live decision of `kind` with (outside the set)."""
    mine = set(records)
    decisions = LinkDecision.objects.filter(
        Q(left_id__in=mine) | Q(right_id__in=mine), kind=kind, superseded_at__isnull=True
    ).values_list("left_id", "right_id")
    partners = {b if a in mine else a for a, b in decisions} - mine
    return list(SourceRecord.objects.filter(pk__in=partners).values_list("person_id", flat=True))


def _new_person_for(record_ids: list[int]) -> Person:
    rows = list(SourceRecord.objects.filter(pk__in=record_ids).order_by("id").values(*FIELDS))
    person = new_person(rows)
    person.save()
    return person


def merge_people(actor: Actor, person_id: int, other_id: int, *, reason: str) -> int:
    """Two people are one: every record of both becomes one person now, and every record is confirmed as the same
    as one record (must-link), so later runs keep them together. Returns the id kept."""
    reason = _require(actor, reason)
    if person_id == other_id:
        raise ReviewError("Enter the id of a different person", field="other_person")
    with transaction.atomic():
        found = set(
            Person.objects.select_for_update().filter(pk__in=[person_id, other_id]).values_list("id", flat=True)
        )
        if other_id not in found:
            raise ReviewError("There is no person with that id", field="other_person")
        if person_id not in found:
            raise ReviewError("This person no longer exists", field="")
        ours, theirs = _records_of(person_id), _records_of(other_id)
        if not ours or not theirs:
            raise ReviewError("A person with no records cannot be merged", field="other_person")
        clash = _kept_apart(ours, theirs)
        if clash:
            raise ReviewError(_clash_message(clash), field="other_person")
        kept, emptied, records = _join(person_id, other_id)
        _rescore([kept])
        anchor = min(records)
        already = set(_live(LinkKind.MUST_LINK, records))
        pairs = [_ordered(anchor, uid) for uid in records if uid != anchor]
        _decide(actor, [p for p in pairs if p not in already], LinkKind.MUST_LINK, ReviewAction.MERGE, reason)
        _audit(actor, [person_id, other_id], "identity_merge")
    logger.info("identity_people_merged", extra={"person_id": kept, "merged_id": emptied})
    return kept


def split_person(actor: Actor, person_id: int, record_ids: Iterable[int], *, reason: str) -> int:
    """Some of a person's records are someone else: they move to a new person, confirmed as one another
    (must-link) and as different from every record left behind (cannot-link). Returns the new person's id."""
    reason = _require(actor, reason)
    moving = sorted(set(record_ids))
    if not moving:
        raise ReviewError("Select the records that belong to someone else", field="records")
    with transaction.atomic():
        if not Person.objects.select_for_update().filter(pk=person_id).exists():
            raise ReviewError("This person no longer exists", field="")
        members = _records_of(person_id)
        if not set(moving) <= set(members):
            raise ReviewError("Select only records that belong to this person", field="records")
        kept = [uid for uid in members if uid not in set(moving)]
        if not kept:
            raise ReviewError("Leave at least one record with this person", field="records")
        created = _new_person_for(moving)
        SourceRecord.objects.filter(pk__in=moving).update(person_id=created.pk, updated_at=timezone.now())
        _rescore([person_id, created.pk])
        apart = [(a, b) for a in moving for b in kept]
        together = [(moving[0], uid) for uid in moving[1:]]
        _decide(actor, apart, LinkKind.CANNOT_LINK, ReviewAction.SPLIT, reason)
        _decide(actor, together, LinkKind.MUST_LINK, ReviewAction.SPLIT, reason)
        _audit(actor, [person_id, created.pk], "identity_split")
    logger.info("identity_person_split", extra={"person_id": person_id, "new_person_id": created.pk})
    return created.pk


def decide_review_item(actor: Actor, item_id: int, *, decision: str, reason: str) -> int | None:
    """A reviewer's answer to one item of the review queue: the same person (confirm) or not (reject)."""
    item = ReviewItem.objects.filter(pk=item_id).values_list("left_id", "right_id").first()
    if item is None:
        raise ReviewError("There is no such pair to review", field="")
    if decision == ReviewAction.CONFIRM:
        return confirm_pair(actor, item[0], item[1], reason=reason, item_id=item_id)
    if decision == ReviewAction.REJECT:
        return reject_pair(actor, item[0], item[1], reason=reason, item_id=item_id)
    raise ReviewError("Select whether these records are the same person", field="decision")


def decide_review_items(
    actor: Actor, item_ids: Iterable[int], *, shared: SharedReason, decision: str, reason: str
) -> int:
    """Pairs that share a reason, decided together with one reason typed once: each is confirmed or rejected as
    decide_review_item would (its own decision, moves and access-audit rows), all in one transaction, or none if
    any cannot be. Refuses pairs that do not share the reason. Returns how many pairs were decided."""
    reason = _require(actor, reason)
    if decision not in (ReviewAction.CONFIRM, ReviewAction.REJECT):
        raise ReviewError("Select whether the records of each pair are the same person", field="decision")
    ids = sorted(set(item_ids))
    if not ids:
        raise ReviewError("There are no pairs to decide", field="")
    with transaction.atomic():
        items = list(ReviewItem.objects.select_for_update().filter(pk__in=ids).order_by("id"))
        if len(items) != len(ids):
            raise ReviewError("One of these pairs no longer exists: nothing was saved", field="")
        strays = [item.pk for item in items if not shared.matches(item)]
        if strays:
            were = "was" if len(strays) == 1 else "were"
            raise ReviewError(
                f"{_pairs(strays).capitalize()} {were} kept apart for another reason: nothing was saved", field=""
            )
        decided = [item.pk for item in items if item.status not in DECIDABLE]
        if decided:
            raise ReviewError(f"Someone has already decided {_pairs(decided)}: nothing was saved", field="")
        if decision == ReviewAction.CONFIRM and (shared_person := _sharing_a_person(items)):
            raise ReviewError(
                f"{_pairs(shared_person).capitalize()} are about one person: confirming them together would make "
                "more than two people one. Decide them one by one. Nothing was saved",
                field="",
            )
        for item in sorted(items, key=lambda i: (-i.match_weight, i.pk)):
            try:
                if decision == ReviewAction.CONFIRM:
                    confirm_pair(actor, item.left_id, item.right_id, reason=reason, item_id=item.pk)
                else:
                    reject_pair(actor, item.left_id, item.right_id, reason=reason, item_id=item.pk)
            except ReviewError as error:
                raise ReviewError(f"Pair {item.pk}: {error.message}. Nothing was saved", field="") from None
    logger.info("identity_pairs_decided_together", extra={"pairs": len(items), "decision": decision})
    return len(items)


def _sharing_a_person(items: list[ReviewItem]) -> list[int]:
    """The pairs that are about a person another pair is about too (confirming both would join three people)."""
    records = [uid for item in items for uid in (item.left_id, item.right_id)]
    person_of = dict(SourceRecord.objects.filter(pk__in=records).values_list("id", "person_id"))
    pairs_of: dict[int, list[int]] = {}
    for item in items:
        for person in {person_of.get(item.left_id), person_of.get(item.right_id)}:
            if person is not None:
                pairs_of.setdefault(person, []).append(item.pk)
    return sorted({pk for pks in pairs_of.values() if len(pks) > 1 for pk in pks})


def _pairs(ids: list[int]) -> str:
    return f"pair {ids[0]}" if len(ids) == 1 else f"pairs {', '.join(map(str, ids[:-1]))} and {ids[-1]}"


def _clash_message(pair: Pair) -> str:
    return (
        f"An earlier decision says records {pair[0]} and {pair[1]} are different people, so these cannot be one "
        "person. Review that decision first"
    )
