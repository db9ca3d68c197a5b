"""Linking new and changed source records as they arrive: the worker's `link_pending_records` job, so a record an
agency's extract brings in is on the child's page within seconds, not at the next `frontdoor link`.

Ingest marks a record pending (SourceRecord.link_pending_since) when it arrives or when what linkage reads of it
changes. Each pending record is scored, with the latest run's saved model (realtime.Scorer, equal to Splink), against
every record of the people its candidates (candidates.candidate_query) belong to, and then, as the batch clustering
would join it:

* a live must-link decision puts it with its partner's person, whatever the scores say;
* a person it matches just short of the threshold, under one first name, is raised as a full run raises them when
  the record and one of theirs are each recorded with a third person (household context, ADR 0013), or when they
  are of one surname, sex and birth date under two forms of one first name (short_forms.py, ADR 0014);
* otherwise it joins the person it matches best at or above the run's threshold whom the twin guard allows
  (guards.conflict: two NHS numbers, a system that holds each person once, birth dates or names that cannot be one
  person's) and no cannot-link decision forbids; unless, having no NHS number of its own, it fits nearly as well
  another person who cannot be that one (a twin), when it stays on its own, as clustering leaves such a record.
  Joined as a person's second registration under another NHS number (guards.registered_twice, ADR 0010), the pair
  goes to the review queue, settled, for someone to ask health to merge the registrations;
* otherwise, if it was already one of a person's records and still matches them at or above the split threshold
  (FRONTDOOR_LINK_SPLIT_PROBABILITY), below the join threshold, it stays with them ("held") and the pair goes to
  the review queue: a record that has drifted is not split off until it no longer matches even that well (ADR 0009);
* otherwise it keeps its person if it is their only record, or gets a new person.

Pairs it was unsure of (in the review band) or kept apart although they matched go to the review queue, with why
they are apart: settled, not waiting, when identifiers or decisions say they are two people (review_pairs.py). Each
record is planned outside any transaction and written in a short one that first checks nothing it relied on changed (the
record, the members of the person it joins, people's decisions); if something did, it stays pending for the next
sweep. A full run (`frontdoor link`) re-clusters everything when the model is retrained (ADR 0004).
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from frontdoor.linkage import guards
from frontdoor.linkage.ambiguity import (
    fits_by_middle_name,
    fits_by_name,
    held_in_full,
    placed_by_address,
    told_apart,
)
from frontdoor.linkage.candidates import MAX_CANDIDATES, candidate_query, scorer_for
from frontdoor.linkage.evidence import evidence_for, prepared_by_id, store_evidence
from frontdoor.linkage.guards import Refusal, Rule
from frontdoor.linkage.household_context import raised_by_household
from frontdoor.linkage.models import LinkageRun, LinkDecision, LinkKind, ReviewItem, ReviewReason, ReviewStatus
from frontdoor.linkage.persons import FIELDS, UNIQUE_SYSTEMS, new_person
from frontdoor.linkage.realtime import Scorer
from frontdoor.linkage.review_pairs import SETTLING
from frontdoor.linkage.scoring import weight_of
from frontdoor.linkage.short_forms import first_name_weights, lift_of, raised_weight
from frontdoor.linkage.splink_settings import DUPLICATE_MATCH_PROBABILITY
from frontdoor.people.models import Person, SourceRecord

DUPLICATE_WEIGHT = weight_of(DUPLICATE_MATCH_PROBABILITY)  # two records of one system join only this strongly
logger = logging.getLogger(__name__)

BATCH = 200  # pending records looked at per sweep
SWEEP_SECONDS = 2.0  # and for at most this long, so the worker's other jobs keep their schedule
UNIQUE = frozenset(UNIQUE_SYSTEMS)  # the systems that hold each person once
MARGIN = 6.0  # match weight within which a record fits another person "nearly as well" (as clustering's margin)

Row = dict[str, Any]


@dataclass
class _Plan:
    row: Row  # the pending record as read
    person_id: int | None  # where it goes; None: a new person
    members: dict[int, list[Row]]  # every person considered -> their records (this one left out), as read
    latest_decision: int | None
    # (other record, weight, reason, why the two are apart)
    review: list[tuple[int, float, str, Refusal | None]] = field(default_factory=list)
    outcome: str = ""
    me: guards.Group | None = None  # the record, as the twin guard sees it
    joined: guards.Group | None = None  # the person it joins, with it
    groups: dict[int, guards.Group] = field(default_factory=dict)  # each person considered
    weights: dict[int, float] = field(default_factory=dict)  # the record's match weight with each record considered


def link_pending_records(batch: int = BATCH) -> int:
    """Link pending source records (new, or changed in what linkage reads) to people, oldest first; return how many
    were linked. Nothing happens before the first linkage run, which trains the model this scores with."""
    run = LinkageRun.objects.order_by("-started_at", "-id").first()
    if run is None:
        return 0
    scorer = scorer_for(run)
    threshold = weight_of(run.threshold)
    # A short form of the name on one surname, sex and birth date weighs as the name, read from the run's model as a
    # full run reads it (ADR 0014).
    lift = lift_of(first_name_weights(run.model))
    pending = SourceRecord.objects.filter(link_pending_since__isnull=False).order_by("link_pending_since", "id")
    linked = 0
    until = time.monotonic() + SWEEP_SECONDS
    for record_id in list(pending.values_list("id", flat=True)[:batch]):
        plan = _plan(record_id, scorer, threshold, lift)
        if plan is not None and _write(plan, run, scorer):
            linked += 1
        if time.monotonic() > until:
            break
    return linked


def _details(row: Row) -> dict[str, Any]:
    return {
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "dob": row["date_of_birth"],
        "postcode": row["postcode"],
        "nhs_number": row["nhs_number"],
        "upn": row["upn"],
    }


def _decisions(record_id: int) -> tuple[set[int], set[int]]:
    """The records a live decision says are (must-link) or are not (cannot-link) this record's person."""
    must: set[int] = set()
    cannot: set[int] = set()
    live = LinkDecision.objects.filter(Q(left_id=record_id) | Q(right_id=record_id), superseded_at__isnull=True)
    for left, right, kind in live.values_list("left_id", "right_id", "kind"):
        (must if kind == LinkKind.MUST_LINK else cannot).add(right if left == record_id else left)
    return must, cannot


def _plan(record_id: int, scorer: Scorer, threshold: float, lift: float) -> _Plan | None:
    """Where this record goes, worked out from committed rows, in no transaction."""
    row = SourceRecord.objects.filter(pk=record_id).values(*FIELDS, "link_pending_since").first()
    if row is None or row["link_pending_since"] is None:
        return None
    latest = LinkDecision.objects.order_by("-id").values_list("id", flat=True).first()
    must, cannot = _decisions(record_id)
    candidates = SourceRecord.objects.filter(candidate_query(_details(row)), person__isnull=False).exclude(pk=record_id)
    people = set(candidates.values_list("person_id", flat=True)[:MAX_CANDIDATES])
    people |= set(SourceRecord.objects.filter(pk__in=must | cannot).values_list("person_id", flat=True))
    people |= {row["person_id"]}
    people.discard(None)
    others = list(
        SourceRecord.objects.filter(person_id__in=people).exclude(pk=record_id).order_by("id").values(*FIELDS)
    )
    members: dict[int, list[Row]] = defaultdict(list)
    for other in others:
        members[other["person_id"]].append(other)
    prepared = prepared_by_id([row, *others])
    scores: dict[int, tuple[float, int]] = {}  # person -> (best weight, their record it was with)
    weights: dict[int, float] = {}
    for other in others:
        weight = scorer.score(prepared[record_id], prepared[other["id"]]).match_weight
        weight = weights[other["id"]] = raised_weight(
            prepared[record_id], prepared[other["id"]], weight, threshold, lift
        )
        if weight > scores.get(other["person_id"], (-float("inf"), 0))[0]:
            scores[other["person_id"]] = (weight, other["id"])
    scores = raised_by_household(row, scores, dict(members), prepared, threshold)
    plan = _Plan(row=row, person_id=None, members=dict(members), latest_decision=latest, weights=weights)
    _choose(plan, prepared, scores, must, cannot, threshold)
    _review(plan, scores, threshold)
    return plan


def _group(rows: list[Row], prepared: dict[int, dict[str, Any]]) -> guards.Group:
    """These records as the twin guard sees one person."""
    group: guards.Group | None = None
    for row in rows:
        p = prepared[row["id"]]
        one = guards.single(
            str(row["id"]),
            p["source"],
            p["first_name"],
            p["middle_names"],
            p["dob"],
            p["nhs_number"],
            p["upn"],
            p["name_parts"],
            p["birth_year_low"],
            p["birth_year_high"],
            p["last_name"],
            p["sex"],
            p["postcode"],
        )
        if group is None:
            group = one
        else:
            group.absorb(one)
    assert group is not None
    return group


def _choose(
    plan: _Plan,
    prepared: dict[int, dict[str, Any]],
    scores: dict[int, tuple[float, int]],
    must: set[int],
    cannot: set[int],
    threshold: float,
) -> None:
    row = plan.row
    partners = [p for p, rows in plan.members.items() if any(r["id"] in must for r in rows)]
    if partners:  # people's decisions come first
        plan.person_id, plan.outcome = min(partners, key=lambda p: -scores.get(p, (-float("inf"), 0))[0]), "decided"
        return
    me = _group([row], prepared)
    groups = {person: _group(rows, prepared) for person, rows in plan.members.items()}

    def apart(person: int) -> Refusal | None:
        decided = sorted(r["id"] for r in plan.members[person] if r["id"] in cannot)
        if decided:
            return Refusal(Rule.DECISION, tuple(str(uid) for uid in sorted((row["id"], decided[0]))))
        return guards.weighed(me, groups[person], UNIQUE, scores[person][0], DUPLICATE_WEIGHT)

    above = sorted((p for p, (w, _r) in scores.items() if w >= threshold), key=lambda p: (-scores[p][0], p))
    chosen = next((p for p in above if apart(p) is None), None)
    for p in above:
        if p != chosen and (why := apart(p)) is not None:
            plan.review.append((scores[p][1], scores[p][0], ReviewReason.REFUSED, why))
    if chosen is not None and not me.nhs:
        # The twin guard's second half: nearly as close to someone who cannot be the chosen person, it stays alone
        # (as clustering._ambiguous decides, with the same exceptions).
        joined = _group([row, *plan.members[chosen]], prepared)

        conflict = partial(guards.conflict, unique_systems=UNIQUE)
        p_me = prepared[row["id"]]

        postcodes = {p: [prepared[r["id"]]["postcode"] for r in plan.members[p]] for p in above}
        near = [
            p
            for p in above
            if p != chosen
            and not placed_by_address(p_me["postcode"], postcodes[chosen], postcodes[p])
            and (scores[p][0] >= scores[chosen][0] - MARGIN or fits_by_name(me, groups[p], conflict))
            and not conflict(me, groups[p])
        ]
        # By its middle name, the chosen person's twin, scored below the threshold too (as clustering._ambiguous).
        near += [
            p
            for p in sorted(scores)
            if p != chosen
            and p in groups
            and p not in near
            and fits_by_middle_name(me, joined, groups[p])
            and not conflict(me, groups[p])
        ]
        full = ("first_name", "middle_names", "dob")
        in_full = held_in_full(
            tuple(p_me[c] for c in full), (tuple(prepared[r["id"]][c] for c in full) for r in plan.members[chosen])
        )
        twins = told_apart(
            me,
            joined,
            ((p, groups[p]) for p in near),
            lambda a, b: guards.refusal(a, b, UNIQUE),
            in_full=in_full,
            first=p_me["first_name"],
        )
        if twins:
            because = twins[0][1]
            ambiguous = Refusal(Rule.AMBIGUOUS, (str(row["id"]),), because=because)
            plan.review.extend(
                (scores[p][1], scores[p][0], ReviewReason.REFUSED, ambiguous) for p in (chosen, *(t for t, _ in twins))
            )
            chosen = None
            plan.outcome = "ambiguous"
    # Between the thresholds a record keeps the person it had (the pair waits for people); below the split threshold
    # it is split off.
    own, split = row["person_id"], weight_of(settings.FRONTDOOR_LINK_SPLIT_PROBABILITY)
    holds = own in scores and bool(plan.members.get(own)) and split <= scores[own][0] < threshold
    if chosen is None and plan.outcome != "ambiguous" and holds and apart(own) is None:
        plan.person_id, plan.outcome = own, "held"
        plan.joined = _group([row, *plan.members[own]], prepared)
        plan.groups, plan.me = groups, me
        return
    if chosen is not None:
        plan.person_id, plan.outcome = chosen, "joined"
        plan.joined = _group([row, *plan.members[chosen]], prepared)
        _note_registered_twice(plan, me, plan.members[chosen], prepared)
    elif row["person_id"] is not None and not plan.members.get(row["person_id"]):
        plan.person_id, plan.outcome = row["person_id"], "kept"  # its person's only record: the id stays
    else:
        plan.outcome = plan.outcome or "new_person"
    plan.groups = groups
    plan.me = me


def _note_registered_twice(
    plan: _Plan, me: guards.Group, members: list[Row], prepared: dict[int, dict[str, Any]]
) -> None:
    """Joining a person under another NHS number as their second registration (ADR 0010): the pair is kept, settled,
    so that someone asks health to merge the registrations."""
    for other in members:
        note = guards.registered_twice(me, _group([other], prepared))
        if note is not None:
            plan.review.append((other["id"], plan.weights[other["id"]], ReviewReason.LINKED, note))
            return


def _review(plan: _Plan, scores: dict[int, tuple[float, int]], threshold: float) -> None:
    """The pairs people should look at: those refused, and those in the review band, each of the record's people
    once, with why they are apart (settled if identifiers or decisions say so, as review_pairs does for a run)."""
    low, high = weight_of(settings.FRONTDOOR_LINK_SPLIT_PROBABILITY), threshold
    refused = {other for other, _w, _reason, _why in plan.review}
    mine = plan.joined or plan.me
    for person, (weight, other) in scores.items():
        if other in refused or not low <= weight < high:
            continue
        if person == plan.person_id:
            # Held by the split threshold alone, the pair waits for people; joined through stronger matches, it
            # is settled.
            reason = ReviewReason.UNCERTAIN if plan.outcome == "held" else ReviewReason.LINKED
            plan.review.append((other, weight, reason, None))
            continue
        why = None
        if mine is not None and person in plan.groups:
            why = guards.refusal(mine, plan.groups[person], UNIQUE)
        plan.review.append((other, weight, ReviewReason.UNCERTAIN, why))
    plan.review = sorted(plan.review, key=lambda item: (-item[1], item[0]))


def _write(plan: _Plan, run: LinkageRun, scorer: Scorer) -> bool:
    """Store the plan in one short transaction, if nothing it relied on has changed; else leave it pending."""
    row = plan.row
    with transaction.atomic():
        now = SourceRecord.objects.select_for_update().filter(pk=row["id"]).values("person_id", "link_pending_since")
        current = now.first()
        if current is None or (current["person_id"], current["link_pending_since"]) != (
            row["person_id"],
            row["link_pending_since"],
        ):
            return False
        target = plan.person_id
        if target is not None and target != row["person_id"]:
            locked = Person.objects.select_for_update().filter(pk=target).values_list("id", flat=True)
            members = set(SourceRecord.objects.filter(person_id=target).values_list("id", flat=True))
            if not list(locked) or members != {r["id"] for r in plan.members.get(target, [])}:
                return False
        if LinkDecision.objects.order_by("-id").values_list("id", flat=True).first() != plan.latest_decision:
            return False
        if target is None:
            person = new_person([row])
            person.save()
            target = person.pk
        SourceRecord.objects.filter(pk=row["id"]).update(person_id=target, link_pending_since=None)
        _store_evidence({target, *([row["person_id"]] if row["person_id"] else [])}, run, scorer)
        _queue_review(row["id"], plan.review, run)
    logger.info("linkage.record_linked", extra={"record_id": row["id"], "person_id": target, "outcome": plan.outcome})
    return True


def _store_evidence(people: set[int], run: LinkageRun, scorer: Scorer) -> None:
    """The evidence of every record of the people this record joined or left, scored afresh (the principal may
    have changed)."""
    rows = list(SourceRecord.objects.filter(person_id__in=people).order_by("id").values(*FIELDS))
    prepared = prepared_by_id(rows)
    evidence = []
    for person_id in people:
        members = [r for r in rows if r["person_id"] == person_id]
        evidence.extend(evidence_for(person_id, members, prepared, scorer, run))
    store_evidence((r["id"] for r in rows), evidence)


def _queue_review(record_id: int, review: list[tuple[int, float, str, Refusal | None]], run: LinkageRun) -> None:
    """Review items for these pairs (open, or settled when identifiers or decisions say they are two people),
    unless people decided the pair or it is already waiting."""
    items = []
    for other, weight, reason, why in review:
        left, right = sorted((record_id, other))
        decided = LinkDecision.objects.filter(left_id=left, right_id=right, superseded_at__isnull=True).exists()
        waiting = ReviewItem.objects.filter(
            left_id=left, right_id=right, status__in=[ReviewStatus.OPEN, ReviewStatus.SETTLED]
        ).exists()
        if not (decided or waiting):
            probability = 1.0 / (1.0 + 2.0**-weight) if weight >= 0 else 2.0**weight / (1.0 + 2.0**weight)
            settled = reason == ReviewReason.LINKED or (why is not None and why.rule in SETTLING)
            items.append(
                ReviewItem(
                    run=run,
                    left_id=left,
                    right_id=right,
                    reason=reason,
                    match_weight=weight,
                    match_probability=probability,
                    status=ReviewStatus.SETTLED if settled else ReviewStatus.OPEN,
                    refusal=str(why.rule) if why else "",
                    refusal_detail=why.as_json() if why else {},
                )
            )
    ReviewItem.objects.bulk_create(items)
