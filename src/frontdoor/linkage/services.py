"""Identity resolution over every source record (a full run, `frontdoor link`): which person is behind each agency's
record. Between runs the worker links new and changed records one at a time (incremental.py); see ADR 0004.

A run never blocks the front door: it reads and computes (train, score, cluster, the evidence) outside any
transaction, then writes in short transactions of WRITE_BATCH clusters each, so a referral or a look at a child's
page waits at most for one batch. What changed while it computed is not overwritten: a cluster holding a record
that someone's decision or the worker moved since the run read it is left as it is now, and its records are marked
pending for the worker to link with the new model.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.linkage import engine
from frontdoor.linkage.evidence import as_evidence, score_members, store_evidence
from frontdoor.linkage.guards import Rule
from frontdoor.linkage.models import LinkageRun, LinkDecision, LinkKind, ReviewItem, ReviewReason, ReviewStatus
from frontdoor.linkage.persons import FIELDS, SYSTEM_ORDER, UNIQUE_SYSTEMS, new_person
from frontdoor.linkage.realtime import Score, Scorer
from frontdoor.linkage.together import together_keys
from frontdoor.people.models import Person, SourceParticipation, SourceRecord

__all__ = ["FIELDS", "SYSTEM_ORDER", "UNIQUE_SYSTEMS", "LinkageCounts", "link_source_records", "live_decisions"]

logger = logging.getLogger(__name__)

# Clusters written per transaction: on SQLite a transaction holds the one write lock, so each must stay well under
# a second (500 clusters, about 1,100 records, take tens of milliseconds).
WRITE_BATCH = 500

Row = dict[str, Any]

# The comparisons a refusal is about: "every other field agrees" leaves them out.
EXCUSED = {
    Rule.NHS_NUMBERS: frozenset({"nhs_number"}),
    Rule.REGISTERED_TWICE: frozenset({"nhs_number"}),
    Rule.FIRST_NAMES: frozenset({"first_name"}),
    Rule.SYSTEM_NAMES: frozenset({"first_name"}),
    Rule.BIRTH_DATES: frozenset({"dob", "birth_year"}),
}


@dataclass
class LinkageCounts:
    records: int = 0
    people: int = 0
    people_created: int = 0
    people_kept: int = 0
    records_relinked: int = 0
    people_left_without_records: int = 0  # kept, not deleted: other data may point at them; for review
    records_left_to_worker: int = 0  # in clusters something else changed while the run computed
    review_items: int = 0  # every pair of people the run left, waiting or settled
    review_open: int = 0  # of them, those waiting for someone to decide
    run_id: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class _Computed:
    """What a run worked out, before it writes anything."""

    rows: list[Row]  # every source record as read, with link_pending_since
    result: engine.LinkageResult
    training_report: dict[str, Any]
    latest_decision: int | None
    decided: set[tuple[str, str]]
    clusters: list[list[Row]]
    kept: dict[int, int]  # cluster index -> the existing person it keeps
    scored: dict[int, list[tuple[int, int, Score]]]  # cluster index -> each record's score against the principal


def link_source_records(*, retrain: bool = True, threshold: float | None = None) -> LinkageCounts:
    """Link every source record to a person, keeping each person's id where their cluster of records continues.
    Records join at or above the join threshold (FRONTDOOR_LINK_JOIN_PROBABILITY unless given); pairs between the
    split threshold and it are left for people (ADR 0009)."""
    threshold = settings.FRONTDOOR_LINK_JOIN_PROBABILITY if threshold is None else threshold
    started_at = timezone.now()
    counts = LinkageCounts()
    computed = _compute(retrain, threshold, counts)
    if computed is None:
        return counts
    started = time.perf_counter()
    run = LinkageRun.objects.create(
        started_at=started_at,
        finished_at=timezone.now(),
        records=counts.records,
        people_created=0,
        people_kept=0,
        records_relinked=0,
        threshold=threshold,
        model=computed.result.model_json,
        training_report=computed.training_report,
        seconds={},
        term_frequencies=computed.result.term_frequencies,
    )
    counts.run_id = run.pk
    indexes = list(range(len(computed.clusters)))
    for at in range(0, len(indexes), WRITE_BATCH):
        _write_batch(indexes[at : at + WRITE_BATCH], computed, run, counts)
    counts.seconds = {**computed.result.seconds, "store": time.perf_counter() - started}
    with transaction.atomic():
        counts.review_items, counts.review_open = _store_review_items(run, computed, threshold)
        LinkageRun.objects.filter(pk=run.pk).update(
            finished_at=timezone.now(),
            people_created=counts.people_created,
            people_kept=counts.people_kept,
            records_relinked=counts.records_relinked,
            seconds=counts.seconds,
        )
    logger.info("linkage_run_finished", extra={"run_id": run.pk})
    return counts


def _compute(retrain: bool, threshold: float, counts: LinkageCounts) -> _Computed | None:
    """Read every record and link them, in no transaction: reads see what is committed and lock nothing."""
    previous = None if retrain else LinkageRun.objects.order_by("-started_at", "-id").first()
    trained = previous.model if previous else None
    training_report = None
    for attempt in range(2):
        rows = list(SourceRecord.objects.order_by("id").values(*FIELDS, "link_pending_since"))
        counts.records = len(rows)
        if not rows:
            return None
        latest = _latest_decision()
        must_link, cannot_link = live_decisions()
        result = engine.link(
            (engine.from_source_record(row) for row in rows),
            threshold=threshold,
            unique_systems=UNIQUE_SYSTEMS,
            trained_model=trained,
            must_link=must_link,
            cannot_link=cannot_link,
            review_band=review_band(threshold),
            together=_together(),
        )
        training_report = training_report or result.training_report
        if _latest_decision() == latest:
            break
        # Someone decided while this run was linking, and storing these clusters would undo it until the next run:
        # link again with it, keeping the model. (A decision during the writes is protected by _write_batch.)
        logger.warning("linkage_run_relinks_for_new_decisions", extra={"attempt": attempt})
        trained = result.model_json
    started = time.perf_counter()
    by_id = {str(row["id"]): row for row in rows}
    grouped: dict[str, list[Row]] = defaultdict(list)
    for uid, label in result.clusters.items():
        grouped[label].append(by_id[uid])
    clusters = list(grouped.values())
    counts.people = len(clusters)
    kept = _kept_people(clusters, counts)
    scored = _score_evidence(rows, clusters, result)
    result.seconds["evidence"] = time.perf_counter() - started
    return _Computed(
        rows=rows,
        result=result,
        training_report=training_report or {},
        latest_decision=latest,
        decided={*must_link, *cannot_link},
        clusters=clusters,
        kept=kept,
        scored=scored,
    )


def _together() -> dict[str, list[str]]:
    """What each record is recorded with (its address, the events of its system it takes part in), by record id: the
    household context a run weighs (together.py, ADR 0013)."""
    events: dict[tuple[str, str], list[str]] = defaultdict(list)
    participations = SourceParticipation.objects.values_list("system", "record_source_id", "event_source_id")
    for system, record, event in participations.iterator(chunk_size=20_000):
        events[(system, record)].append(event)
    out: dict[str, list[str]] = {}
    records = SourceRecord.objects.values_list("id", "system", "source_id", "address", "postcode")
    for pk, system, source_id, address, postcode in records.iterator(chunk_size=20_000):
        keys = together_keys(system, address, postcode, events.get((system, source_id), ()))
        if keys:
            out[str(pk)] = keys
    return out


def _kept_people(clusters: list[list[Row]], counts: LinkageCounts) -> dict[int, int]:
    """Each cluster keeps the person most of its records already point at, unless a larger share of another
    cluster claimed that person first; the rest will get new people."""
    claims = []
    for index, members in enumerate(clusters):
        for person_id, n in Counter(r["person_id"] for r in members if r["person_id"]).items():
            claims.append((-n, person_id, index))
    chosen: dict[int, int] = {}
    taken: set[int] = set()
    for _n, person_id, index in sorted(claims):
        if index not in chosen and person_id not in taken:
            chosen[index] = person_id
            taken.add(person_id)
    existing = set(Person.objects.filter(id__in=taken).values_list("id", flat=True))
    before = {r["person_id"] for members in clusters for r in members if r["person_id"]}
    counts.people_left_without_records = len(before - taken)
    return {index: person_id for index, person_id in chosen.items() if person_id in existing}


def _score_evidence(
    rows: list[Row], clusters: list[list[Row]], result: engine.LinkageResult
) -> dict[int, list[tuple[int, int, Score]]]:
    """Each clustered record's score against its cluster's principal, with the run's model: the evidence the
    child's page shows, worked out now so that no page view scores anything."""
    scorer = Scorer.from_model_json(result.model_json, result.term_frequencies)
    shared = [index for index, members in enumerate(clusters) if len(members) > 1]
    wanted = sorted({row["id"] for index in shared for row in clusters[index]})
    position = {row["id"]: at for at, row in enumerate(rows)}
    table = engine.prepare(engine.from_source_record(rows[position[uid]]) for uid in wanted)
    prepared = dict(zip(wanted, table.to_pylist(), strict=True))
    return {index: score_members(clusters[index], prepared, scorer) for index in shared}


def _write_batch(indexes: list[int], computed: _Computed, run: LinkageRun, counts: LinkageCounts) -> None:
    """Store these clusters' people and evidence in one short transaction, leaving alone any cluster that changed
    since the run read it."""
    clusters = computed.clusters
    with transaction.atomic():
        ids = [row["id"] for index in indexes for row in clusters[index]]
        # Locked (on PostgreSQL) so the worker cannot link one of them between this check and the write.
        now = {
            pk: (person_id, pending)
            for at in range(0, len(ids), 2000)
            for pk, person_id, pending in SourceRecord.objects.select_for_update()
            .filter(pk__in=ids[at : at + 2000])
            .values_list("id", "person_id", "link_pending_since")
        }
        decided_since = _decided_since(computed.latest_decision)
        written: list[int] = []
        left: list[int] = []
        for index in indexes:
            members = clusters[index]
            moved = any(
                row["id"] not in now or now[row["id"]][0] != row["person_id"] or row["id"] in decided_since
                for row in members
            )
            (left if moved else written).append(index)
        kept = [computed.kept[index] for index in written if index in computed.kept]
        list(Person.objects.select_for_update().filter(pk__in=kept).values_list("id", flat=True))
        fresh = [index for index in written if index not in computed.kept]
        created = Person.objects.bulk_create([new_person(clusters[index]) for index in fresh])
        person_of = {index: computed.kept[index] for index in written if index in computed.kept}
        person_of |= {index: person.pk for index, person in zip(fresh, created, strict=True)}
        counts.people_kept += len(written) - len(fresh)
        counts.people_created += len(created)
        changed = [
            SourceRecord(id=row["id"], person_id=person_of[index])
            for index in written
            for row in clusters[index]
            if row["person_id"] != person_of[index]
        ]
        SourceRecord.objects.bulk_update(changed, ["person"], batch_size=500)
        counts.records_relinked += len(changed)
        evidence = [
            item for index in written for item in as_evidence(person_of[index], computed.scored.get(index, []), run)
        ]
        store_evidence((row["id"] for index in written for row in clusters[index]), evidence)
        _clear_pending([row for index in written for row in clusters[index]], now)
        left_ids = [row["id"] for index in left for row in clusters[index] if row["id"] in now]
        if left_ids:
            SourceRecord.objects.filter(pk__in=left_ids).update(link_pending_since=timezone.now())
            counts.records_left_to_worker += len(left_ids)
    if left:
        logger.warning("linkage_run_left_clusters_to_worker", extra={"run_id": run.pk, "clusters": len(left)})


def _decided_since(latest: int | None) -> set[int]:
    """The records of every decision made since the run read the decisions."""
    newer = LinkDecision.objects.filter(id__gt=latest) if latest is not None else LinkDecision.objects.all()
    return {uid for pair in newer.values_list("left_id", "right_id") for uid in pair}


def _clear_pending(rows: Iterable[Row], now: Mapping[int, tuple[int | None, datetime | None]]) -> None:
    """These records are linked: no longer pending, unless ingest changed them after the run read them."""
    by_mark: dict[datetime, list[int]] = defaultdict(list)
    for row in rows:
        mark = row["link_pending_since"]
        if mark is not None and now[row["id"]][1] == mark:
            by_mark[mark].append(row["id"])
    for mark, ids in by_mark.items():
        SourceRecord.objects.filter(pk__in=ids, link_pending_since=mark).update(link_pending_since=None)


def _latest_decision() -> int | None:
    return LinkDecision.objects.order_by("-id").values_list("id", flat=True).first()


def live_decisions() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """People's standing decisions as (must-link, cannot-link) pairs of source record ids (as the engine's ids)."""
    must: list[tuple[str, str]] = []
    cannot: list[tuple[str, str]] = []
    live = LinkDecision.objects.filter(superseded_at__isnull=True).order_by("id")
    for left, right, kind in live.values_list("left_id", "right_id", "kind"):
        (must if kind == LinkKind.MUST_LINK else cannot).append((str(left), str(right)))
    return must, cannot


def review_band(join: float) -> tuple[float, float]:
    """The match probabilities a run leaves for people: from the split threshold up to the join threshold."""
    return (min(settings.FRONTDOOR_LINK_SPLIT_PROBABILITY, join), join)


def _store_review_items(run: LinkageRun, computed: _Computed, threshold: float) -> tuple[int, int]:
    """Every pair of people the run left, strongest first: open for people to decide, or settled (identifiers or
    decisions say they are different people, or they are one person already). Pairs people have already decided are
    left out, and what earlier runs (or the worker) left about records this run saw is closed. No bound: the queue
    shows every pair the run left. Returns how many pairs were stored, and how many of them wait for people."""
    read = max(row["id"] for row in computed.rows)
    earlier = ReviewItem.objects.filter(status__in=[ReviewStatus.OPEN, ReviewStatus.SETTLED]).exclude(run=run)
    earlier.filter(left_id__lte=read, right_id__lte=read).update(status=ReviewStatus.CLOSED)
    result = computed.result
    linked = engine.weight_of(threshold)
    left = [pair for pair in result.review if _ordered(pair.left, pair.right) not in computed.decided]
    agree = _others_agree(left, computed)
    items = []
    for pair, others_agree in zip(left, agree, strict=True):
        ordered = _ordered(pair.left, pair.right)
        if pair.same_person:
            reason = ReviewReason.LINKED
        else:
            reason = ReviewReason.REFUSED if pair.weight >= linked else ReviewReason.UNCERTAIN
        items.append(
            ReviewItem(
                run=run,
                left_id=int(ordered[0]),
                right_id=int(ordered[1]),
                reason=reason,
                match_weight=pair.weight,
                match_probability=_probability(pair.weight),
                status=ReviewStatus.SETTLED if pair.settled else ReviewStatus.OPEN,
                refusal=str(pair.refusal.rule) if pair.refusal else "",
                refusal_detail=pair.refusal.as_json() if pair.refusal else {},
                others_agree=others_agree,
            )
        )
    ReviewItem.objects.bulk_create(items, batch_size=1000)
    return len(items), sum(item.status == ReviewStatus.OPEN for item in items)


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if int(a) < int(b) else (b, a)


def _others_agree(pairs: list[engine.LeftPair], computed: _Computed) -> list[bool]:
    """For each pair: does every field the model compares agree (or is missing), but for the field its refusal is
    about? Scored with the run's model: the pairs a team may decide together, "kept apart only because..."."""
    if not pairs:
        return []
    scorer = Scorer.from_model_json(computed.result.model_json, computed.result.term_frequencies)
    wanted = sorted({int(uid) for pair in pairs for uid in (pair.left, pair.right)})
    position = {row["id"]: at for at, row in enumerate(computed.rows)}
    table = engine.prepare(engine.from_source_record(computed.rows[position[uid]]) for uid in wanted)
    prepared = {str(uid): values for uid, values in zip(wanted, table.to_pylist(), strict=True)}
    agree = []
    for pair in pairs:
        excused = EXCUSED.get(pair.refusal.rule, frozenset()) if pair.refusal else frozenset()
        score = scorer.score(prepared[pair.left], prepared[pair.right])
        agree.append(all(e.match_weight >= 0 for e in score.evidence if e.comparison not in excused))
    return agree


def _probability(weight: float) -> float:
    return 1.0 / (1.0 + 2.0**-weight) if weight >= 0 else 2.0**weight / (1.0 + 2.0**weight)
