"""Identity resolution over every source record: which person is behind each agency's record."""

from __future__ import annotations

import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from frontdoor.linkage import engine
from frontdoor.linkage.models import LinkageRun, LinkDecision, LinkKind, ReviewItem, ReviewReason, ReviewStatus
from frontdoor.linkage.splink_settings import MATCH_THRESHOLD_PROBABILITY
from frontdoor.people.models import Person, PersonKind, Sex, SourceRecord

logger = logging.getLogger(__name__)

# Systems that hold each person once (the NHS spine-backed health record, the census keyed by UPN): two of their
# records in one person would be two people. Police and social care keep duplicates, so they are not listed.
UNIQUE_SYSTEMS = ("health", "education")
# Whose demographics a new person takes, most authoritative first.
SYSTEM_ORDER = ("health", "education", "csc", "earlyhelp", "police")
FIELDS = ("id", "system", "kind", "first_name", "middle_names", "last_name", "date_of_birth",
          "expected_date_of_delivery", "sex", "postcode", "nhs_number", "upn", "person_id", "age_years",
          "extracted_at")  # fmt: skip


@dataclass
class LinkageCounts:
    records: int = 0
    people: int = 0
    people_created: int = 0
    people_kept: int = 0
    records_relinked: int = 0
    people_left_without_records: int = 0  # kept, not deleted: other data may point at them; for review
    review_items: int = 0
    run_id: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)


def link_source_records(*, retrain: bool = True, threshold: float = MATCH_THRESHOLD_PROBABILITY) -> LinkageCounts:
    """Link every source record to a person, keeping each person's id where their cluster of records continues."""
    started_at = timezone.now()
    with transaction.atomic():
        previous = None if retrain else LinkageRun.objects.order_by("-started_at", "-id").first()
        trained = previous.model if previous else None
        training_report = None
        for attempt in range(2):
            rows = list(SourceRecord.objects.order_by("id").values(*FIELDS))
            counts = LinkageCounts(records=len(rows))
            if not rows:
                return counts
            latest = _latest_decision()
            must_link, cannot_link = live_decisions()
            result = engine.link(
                (engine.from_source_record(row) for row in rows),
                threshold=threshold,
                unique_systems=UNIQUE_SYSTEMS,
                trained_model=trained,
                must_link=must_link,
                cannot_link=cannot_link,
                review_band=(settings.FRONTDOOR_REVIEW_BAND_LOW, settings.FRONTDOOR_REVIEW_BAND_HIGH),
            )
            training_report = training_report or result.training_report
            if _latest_decision() == latest:
                break
            # Someone decided while this run was linking (PostgreSQL lets them; SQLite serialises writers), and
            # storing these clusters would undo it until the next run: link again with it, keeping the model.
            logger.warning("linkage_run_relinks_for_new_decisions", extra={"attempt": attempt})
            trained = result.model_json
        started = time.perf_counter()
        by_id = {str(row["id"]): row for row in rows}
        clusters: dict[str, list[dict]] = defaultdict(list)
        for uid, label in result.clusters.items():
            clusters[label].append(by_id[uid])
        person_of = _assign_people(list(clusters.values()), counts)
        changed = [
            SourceRecord(id=row["id"], person_id=person_of[str(row["id"])])
            for row in rows
            if row["person_id"] != person_of[str(row["id"])]
        ]
        SourceRecord.objects.bulk_update(changed, ["person"], batch_size=2000)
        counts.records_relinked = len(changed)
        counts.people = len(clusters)
        counts.seconds = {**result.seconds, "store": time.perf_counter() - started}
        run = LinkageRun.objects.create(
            started_at=started_at,
            finished_at=timezone.now(),
            records=counts.records,
            people_created=counts.people_created,
            people_kept=counts.people_kept,
            records_relinked=counts.records_relinked,
            threshold=threshold,
            model=result.model_json,
            training_report=training_report,
            seconds=counts.seconds,
            term_frequencies=result.term_frequencies,
        )
        counts.run_id = run.pk
        decided = {*must_link, *cannot_link}
        counts.review_items = _store_review_items(run, result, threshold, decided)
    logger.info("linkage_run_finished", extra={"run_id": run.pk})
    return counts


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


def _store_review_items(
    run: LinkageRun, result: engine.LinkageResult, threshold: float, decided: set[tuple[str, str]]
) -> int:
    """The run's uncertain pairs for people to review, best first and at most FRONTDOOR_REVIEW_MAX_ITEMS; pairs
    people have already decided are left out, and what earlier runs left open is closed."""
    ReviewItem.objects.filter(status=ReviewStatus.OPEN).exclude(run=run).update(status=ReviewStatus.CLOSED)
    linked = engine.weight_of(threshold)
    items = []
    for left, right, weight in sorted(result.review, key=lambda row: (-row[2], row[0], row[1])):
        pair = (left, right) if int(left) < int(right) else (right, left)
        if pair in decided:
            continue
        apart = result.clusters[left] != result.clusters[right]
        items.append(
            ReviewItem(
                run=run,
                left_id=int(pair[0]),
                right_id=int(pair[1]),
                reason=ReviewReason.REFUSED if weight >= linked and apart else ReviewReason.UNCERTAIN,
                match_weight=weight,
                match_probability=_probability(weight),
            )
        )
        if len(items) >= settings.FRONTDOOR_REVIEW_MAX_ITEMS:
            break
    ReviewItem.objects.bulk_create(items, batch_size=1000)
    return len(items)


def _probability(weight: float) -> float:
    return 1.0 / (1.0 + 2.0**-weight) if weight >= 0 else 2.0**weight / (1.0 + 2.0**weight)


def _assign_people(clusters: list[list[dict]], counts: LinkageCounts) -> dict[str, int]:
    """Each cluster keeps the person most of its records already point at, unless a larger share of another
    cluster claimed that person first; the rest get new people."""
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
    person_of: dict[str, int] = {}
    new: list[tuple[int, Person]] = []
    for index, members in enumerate(clusters):
        person_id = chosen.get(index)
        if person_id in existing:
            counts.people_kept += 1
            for row in members:
                person_of[str(row["id"])] = person_id
        else:
            new.append((index, new_person(members)))
    created = Person.objects.bulk_create([person for _index, person in new], batch_size=2000)
    counts.people_created = len(created)
    for (index, _unsaved), person in zip(new, created, strict=True):
        for row in clusters[index]:
            person_of[str(row["id"])] = person.pk
    return person_of


def new_person(members: list[dict]) -> Person:
    """An unsaved person for these source records (values of FIELDS), from the most authoritative system's."""
    best = min(members, key=lambda r: (SYSTEM_ORDER.index(r["system"]) if r["system"] in SYSTEM_ORDER else 99, r["id"]))
    dob: date | None = next((r["date_of_birth"] for r in _ordered(members, best) if r["date_of_birth"]), None)
    edd = next((r["expected_date_of_delivery"] for r in members if r["expected_date_of_delivery"]), None)
    kinds = Counter(r["kind"] for r in members if r["kind"] and r["kind"] != PersonKind.UNBORN)
    if dob is None and edd is not None:
        kind = PersonKind.UNBORN
    else:
        kind = kinds.most_common(1)[0][0] if kinds else PersonKind.ADULT
        edd = None
    sex = next((r["sex"] for r in _ordered(members, best) if r["sex"] in (Sex.MALE, Sex.FEMALE)), Sex.UNKNOWN)
    return Person(
        kind=kind,
        first_name=next((r["first_name"] for r in _ordered(members, best) if r["first_name"]), ""),
        middle_names=best["middle_names"],
        last_name=next((r["last_name"] for r in _ordered(members, best) if r["last_name"]), ""),
        sex=sex,
        date_of_birth=dob,
        expected_date_of_delivery=edd,
    )


def _ordered(members: list[dict], best: dict) -> list[dict]:
    return [best, *(r for r in members if r is not best)]
