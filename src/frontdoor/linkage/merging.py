"""People's corrections to who a person is, whole people at a time: merge two people, split records out of one.

Changing who a person is needs the same right as reading them (a legitimate relationship or break-glass with each
person touched). A merge the records argue against (merge_rules) waits for a second reviewer (MergeRequest); the
privacy officers are told of every merge and every merge asked for.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from frontdoor.access.audit import Actor
from frontdoor.access.matrix import get_policy
from frontdoor.access.selectors import active_users_with_role, find_live_break_glass, has_legitimate_relationship
from frontdoor.access.services import add_to_caseload
from frontdoor.core import outbox
from frontdoor.linkage.decisions import (
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
from frontdoor.linkage.merge_rules import reasons_they_may_be_two
from frontdoor.linkage.models import LinkKind, MergeRequest, ReviewAction
from frontdoor.people.models import Person, SourceRecord

logger = logging.getLogger(__name__)


class SecondReviewerNeeded(ReviewError):
    """The merge is waiting for a second reviewer: the records say the two may be different people."""

    def __init__(self, request: MergeRequest) -> None:
        super().__init__(
            f"{request.why_checked}. A second reviewer must agree before they are merged: your request is waiting "
            "for them.",
            field="other_person",
        )
        self.request = request


def _may_change(actor: Actor, person_id: int) -> bool:
    """Changing who a person is needs the same right as reading them: a legitimate relationship, or break-glass."""
    user, role = actor.user, actor.role
    if user is None or not role:
        return False
    return (
        has_legitimate_relationship(user, person_id, role) or find_live_break_glass(user, role, person_id) is not None
    )


def _tell_privacy_officers(kind: str, key: str, subject: str) -> None:
    for officer in active_users_with_role("privacy_officer"):
        outbox.enqueue(
            kind=kind,
            dedupe_key=f"{key}:{officer.pk}",
            recipient=officer,
            subject=subject,
            body="Two people's records were merged, or a merge was asked for. Review it in the access audit.",
            link_path="/access/reviews/",
        )


def merge_people(actor: Actor, person_id: int, other_id: int, *, reason: str) -> int:
    """Two people are one: every record of both becomes one person now, and every record is confirmed as the same
    as one record (must-link), so later runs keep them together. Returns the id kept.

    The reviewer needs a legitimate relationship (or break-glass) with both people. Where the records say the two
    may be different people (merge_rules), the merge waits for a second reviewer instead (SecondReviewerNeeded).
    The privacy officers are told of every merge."""
    reason = require(actor, reason)
    if person_id == other_id:
        raise ReviewError("Enter the id of a different person", field="other_person")
    if not (_may_change(actor, person_id) and _may_change(actor, other_id)):
        raise ReviewError(
            "You can merge only people whose records you may see: open the other person's record first (break "
            "glass if you must, with your reason)",
            field="other_person",
        )
    waiting: MergeRequest | None = None
    with transaction.atomic():
        people = Person.objects.select_for_update().in_bulk([person_id, other_id])
        if other_id not in people:
            raise ReviewError("There is no person with that id", field="other_person")
        if person_id not in people:
            raise ReviewError("This person no longer exists", field="")
        ours = list(SourceRecord.objects.filter(person_id=person_id))
        theirs = list(SourceRecord.objects.filter(person_id=other_id))
        if not ours or not theirs:
            raise ReviewError("A person with no records cannot be merged", field="other_person")
        clash = kept_apart([r.pk for r in ours], [r.pk for r in theirs])
        if clash:
            raise ReviewError(clash_message(clash), field="other_person")
        doubts = reasons_they_may_be_two(people[person_id], ours, people[other_id], theirs)
        if doubts and actor.user is not None:  # require() has refused an actor with no user
            waiting = MergeRequest.objects.create(
                person_id=person_id,
                other_id=other_id,
                reason=reason,
                why_checked="; ".join(doubts),
                requested_by=actor.user,
                requested_role=actor.role or "",
            )
            audit(actor, [person_id, other_id], "identity_merge_requested")
            _tell_privacy_officers("identity.merge_requested", f"merge-request:{waiting.pk}", "A merge was asked for")
        else:
            kept = _merge(actor, person_id, other_id, reason)
    if waiting is not None:
        raise SecondReviewerNeeded(waiting)  # after the commit, so the request is kept
    return kept


def _merge(actor: Actor, person_id: int, other_id: int, reason: str) -> int:
    kept, emptied, records = join(person_id, other_id)
    rescore([kept])
    anchor = min(records)
    already = set(live(LinkKind.MUST_LINK, records))
    pairs = [ordered(anchor, uid) for uid in records if uid != anchor]
    decide(actor, [p for p in pairs if p not in already], LinkKind.MUST_LINK, ReviewAction.MERGE, reason)
    audit(actor, [person_id, other_id], "identity_merge")
    _tell_privacy_officers("identity.merged", f"merge:{kept}:{emptied}:{timezone.now():%s}", "Two people were merged")
    logger.info("identity_people_merged", extra={"person_id": kept, "merged_id": emptied})
    return kept


def decide_merge_request(actor: Actor, request_id: int, *, approve: bool) -> int | None:
    """A second reviewer agrees (the merge is made) or not. Never the reviewer who asked; they too need a
    relationship with both people. Returns the person kept, or None when refused."""
    require(actor, "decided")
    with transaction.atomic():
        request = MergeRequest.objects.select_for_update().get(pk=request_id)
        if request.approved is not None:
            raise ReviewError("This merge has already been decided", field="")
        if actor.user is not None and request.requested_by_id == actor.user.pk:
            raise ReviewError("Another reviewer must decide on a merge you asked for", field="")
        if not (_may_change(actor, request.person_id) and _may_change(actor, request.other_id)):
            raise ReviewError("You can decide only on people whose records you may see", field="")
        request.approved, request.decided_by, request.decided_at = approve, actor.user, timezone.now()
        request.save(update_fields=["approved", "decided_by", "decided_at"])
        if not approve:
            audit(actor, [request.person_id, request.other_id], "identity_merge_refused")
            return None
        return _merge(actor, request.person_id, request.other_id, f"{request.reason} (agreed by a second reviewer)")


def split_person(actor: Actor, person_id: int, record_ids: Iterable[int], *, reason: str) -> int:
    """Some of a person's records are someone else: they move to a new person, confirmed as one another
    (must-link) and as different from every record left behind (cannot-link). Returns the new person's id."""
    reason = require(actor, reason)
    if not _may_change(actor, person_id):
        raise ReviewError("You can split only a person whose records you may see", field="records")
    moving = sorted(set(record_ids))
    if not moving:
        raise ReviewError("Select the records that belong to someone else", field="records")
    with transaction.atomic():
        if not Person.objects.select_for_update().filter(pk=person_id).exists():
            raise ReviewError("This person no longer exists", field="")
        members = records_of(person_id)
        if not set(moving) <= set(members):
            raise ReviewError("Select only records that belong to this person", field="records")
        kept = [uid for uid in members if uid not in set(moving)]
        if not kept:
            raise ReviewError("Leave at least one record with this person", field="records")
        created = new_person_for(moving)
        # Whoever split them goes on working with both: the records were the person they were working on.
        until = timezone.now() + timedelta(days=get_policy().after_closing_days)
        add_to_caseload(created, user=actor.user, added_by=actor.user, until=until)
        SourceRecord.objects.filter(pk__in=moving).update(person_id=created.pk, updated_at=timezone.now())
        rescore([person_id, created.pk])
        apart = [(a, b) for a in moving for b in kept]
        together = [(moving[0], uid) for uid in moving[1:]]
        decide(actor, apart, LinkKind.CANNOT_LINK, ReviewAction.SPLIT, reason)
        decide(actor, together, LinkKind.MUST_LINK, ReviewAction.SPLIT, reason)
        audit(actor, [person_id, created.pk], "identity_split")
    logger.info("identity_person_split", extra={"person_id": person_id, "new_person_id": created.pk})
    return created.pk
