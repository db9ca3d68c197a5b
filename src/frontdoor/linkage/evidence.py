"""Link evidence, computed when a link is made and stored (LinkEvidence), so the child's page reads it instead of
scoring every linked record on every view.

Each record of a person other than their principal (persons.principal_of) is scored against the principal with the
model that linked it (realtime.Scorer, equal to Splink): its grade, probability and what each field added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.utils import timezone

from frontdoor.linkage.models import LinkageRun, LinkEvidence
from frontdoor.linkage.persons import FIELDS, principal_of
from frontdoor.linkage.preparation import from_source_record, prepare
from frontdoor.linkage.realtime import Score, Scorer
from frontdoor.people.models import SourceRecord

Row = Mapping[str, Any]

# The model's level labels (splink_settings.py) that are not words a reviewer reads, and what they mean.
LEVEL_WORDS = {
    "Jaro-Winkler >= 0.92": "Spelt almost the same",
    "Jaro-Winkler >= 0.8": "Spelt alike",
    "All other": "Different",
    "Both dates of birth known, or no age": "Not needed: both dates of birth are known, or no age is given",
}


def level_words(label: str) -> str:
    """A comparison level as a reviewer reads it: "first_name missing" is "Not recorded in one of them"."""
    if label.endswith(" missing"):
        return "Not recorded in one of them"
    return LEVEL_WORDS.get(label, label)


def prepared_by_id(rows: Iterable[Row]) -> dict[int, dict[str, Any]]:
    """Records (values of persons.FIELDS) as the model compares them, by id."""
    rows = list(rows)
    if not rows:
        return {}
    return {
        row["id"]: record for row, record in zip(rows, prepare(map(from_source_record, rows)).to_pylist(), strict=True)
    }


def score_members(
    members: Sequence[Row], prepared: Mapping[int, Mapping[str, Any]], scorer: Scorer
) -> list[tuple[int, int, Score]]:
    """(record, principal, score) for each of a person's records (values of persons.FIELDS) but the principal."""
    if len(members) < 2:
        return []
    principal = principal_of(members)["id"]
    return [
        (row["id"], principal, scorer.score(prepared[principal], prepared[row["id"]]))
        for row in members
        if row["id"] != principal
    ]


def as_evidence(person_id: int, scored: Iterable[tuple[int, int, Score]], run: LinkageRun | None) -> list[LinkEvidence]:
    """Unsaved evidence rows for a person's scored records (see score_members)."""
    now = timezone.now()
    return [
        LinkEvidence(
            record_id=record_id,
            person_id=person_id,
            principal_id=principal_id,
            grade=score.grade or "",
            probability=score.probability,
            match_weight=score.match_weight,
            evidence=[[e.comparison, e.level, round(e.match_weight, 2)] for e in score.evidence],
            run=run,
            computed_at=now,
        )
        for record_id, principal_id, score in scored
    ]


def evidence_for(
    person_id: int,
    members: Sequence[Row],
    prepared: Mapping[int, Mapping[str, Any]],
    scorer: Scorer,
    run: LinkageRun | None,
) -> list[LinkEvidence]:
    """Unsaved evidence for a person's records (all of them; prepared by id)."""
    return as_evidence(person_id, score_members(members, prepared, scorer), run)


def store_evidence(record_ids: Iterable[int], evidence: Sequence[LinkEvidence]) -> None:
    """Replace these records' stored evidence with `evidence` (call inside the transaction that links them)."""
    ids = sorted({*record_ids, *(e.record_id for e in evidence)})
    for at in range(0, len(ids), 500):
        LinkEvidence.objects.filter(record_id__in=ids[at : at + 500]).delete()
    LinkEvidence.objects.bulk_create(evidence, batch_size=500)


def refresh_evidence(person_ids: Iterable[int | None], run: LinkageRun | None, scorer: Scorer | None) -> None:
    """Score these people's records afresh against their principals and store it (after a person's decision moved
    records); call inside the transaction that moved them. Without a model (no run yet) there is nothing to score."""
    people = sorted({p for p in person_ids if p})
    if not people or scorer is None:
        return
    rows = list(SourceRecord.objects.filter(person_id__in=people).order_by("id").values(*FIELDS))
    prepared = prepared_by_id(rows)
    evidence: list[LinkEvidence] = []
    for person_id in people:
        members = [row for row in rows if row["person_id"] == person_id]
        evidence.extend(evidence_for(person_id, members, prepared, scorer, run))
    store_evidence((row["id"] for row in rows), evidence)
