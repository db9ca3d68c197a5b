"""People's corrections to identity resolution, a pair of records at a time: confirm or reject a pair, one review
item or many sharing a reason (whole people are merged and split in `merging`). Each is one use case in one
transaction: it changes who the records belong to now, records the decision as
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

from frontdoor.access.audit import Actor
from frontdoor.linkage.decisions import (
    Pair,
    ReviewError,
    audit,
    clash_message,
    decide,
    join,
    kept_apart,
    live,
    new_person_for,
    ordered,
    records_of,
    require,
    rescore,
)
from frontdoor.linkage.models import (
    LinkDecision,
    LinkKind,
    ReviewAction,
    ReviewItem,
    ReviewStatus,
)
from frontdoor.linkage.refusals import SharedReason
from frontdoor.people.models import SourceRecord

logger = logging.getLogger(__name__)

# Pairs people may decide: those waiting, and those a run settled (people's word outranks the run's).
DECIDABLE = (ReviewStatus.OPEN, ReviewStatus.SETTLED)


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
    reason = require(actor, reason)
    pair = ordered(left_id, right_id)
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
            clash = kept_apart(records_of(people[0]), records_of(people[1]), ignoring=pair)
            if clash:
                raise ReviewError(clash_message(clash), field="decision")
            kept, _emptied, _moved = join(people[0], people[1])
            rescore([kept])
        decide(actor, [pair], LinkKind.MUST_LINK, ReviewAction.CONFIRM, reason, item)
        _close(item, pair)
        audit(actor, people, "identity_confirm")
    logger.info("identity_pair_confirmed", extra={"left": pair[0], "right": pair[1], "person_id": kept})
    return kept


def reject_pair(actor: Actor, left_id: int, right_id: int, *, reason: str, item_id: int | None = None) -> int | None:
    """Two records are different people (cannot-link). If they are one person now, one record (with any records
    confirmed as the same as it) leaves: to the person its other confirmed links point to, or to a new person.
    Returns the id of the person the moved record went to, or None if nothing moved."""
    reason = require(actor, reason)
    pair = ordered(left_id, right_id)
    if pair[0] == pair[1]:
        raise ReviewError("Choose two different records", field="")
    with transaction.atomic():
        item = _item(item_id)
        records = _locked_records(pair)
        person_id = records[pair[0]].person_id
        decide(actor, [pair], LinkKind.CANNOT_LINK, ReviewAction.REJECT, reason, item)
        destination = None
        if person_id is not None and person_id == records[pair[1]].person_id:
            destination = _split_off(person_id, pair)
            rescore([person_id, destination])
        _close(item, pair)
        audit(actor, [person_id, destination], "identity_reject")
    logger.info("identity_pair_rejected", extra={"left": pair[0], "right": pair[1], "person_id": destination})
    return destination


def _split_off(person_id: int, pair: Pair) -> int:
    """Move one record of the pair out of the person, with the records confirmed as the same as it."""
    members = records_of(person_id)
    confirmed = live(LinkKind.MUST_LINK, members)
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
    destination = elsewhere.most_common(1)[0][0] if elsewhere else new_person_for(moving).pk
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
    reason = require(actor, reason)
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
