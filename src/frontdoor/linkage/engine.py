"""Batch record linkage: prepare, train (EM), predict, cluster. Pure: no Django. The small public surface of the
engine: `link` and what its callers need; the stages live in preparation.py, scoring.py (Splink on in-process
DuckDB), clustering.py and guards.py (the twin guard).

``link(records)`` takes records with unique_id, source, first_name, middle_names, last_name, dob (a date or None),
sex, postcode, nhs_number and upn, and returns which cluster (person) each record belongs to, with the trained
model as Splink JSON and a training report.

At a million records: candidate pairs are found in one query and scored by Splink's predict; components that no
constraint could split (most people) are taken whole, and only the rest (twins, families, namesakes) are clustered
edge by edge in Python.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from frontdoor.linkage.boxes import in_given_order
from frontdoor.linkage.clustering import cluster, components
from frontdoor.linkage.guards import Refusal, Rule
from frontdoor.linkage.preparation import COLUMNS, RAW, from_source_record, prepare
from frontdoor.linkage.review_pairs import LeftPair, left_pairs
from frontdoor.linkage.scoring import (
    fitted,
    new_linker,
    numbered,
    predict,
    probability_of,
    report,
    term_frequencies,
    weight_of,
)
from frontdoor.linkage.short_forms import first_name_weights, lift_of, raised_forms
from frontdoor.linkage.splink_settings import DUPLICATE_MATCH_PROBABILITY, MATCH_THRESHOLD_PROBABILITY
from frontdoor.linkage.together import HOUSEHOLD_WEIGHT, raised

__all__ = [
    "COLUMNS",
    "RAW",
    "LeftPair",
    "LinkageResult",
    "Refusal",
    "Rule",
    "cluster",
    "from_source_record",
    "in_given_order",
    "link",
    "prepare",
    "weight_of",
]


@dataclass
class LinkageResult:
    clusters: dict[str, str]  # unique_id -> cluster id (the smallest unique_id in the cluster)
    model_json: dict[str, Any]
    training_report: dict[str, Any]
    seconds: dict[str, float] = field(default_factory=dict)
    pairs_scored: int = 0
    edges_refused: int = 0
    # For people: pairs in the review band and pairs above the threshold left in two clusters, each pair of people
    # once, with why they were kept apart and whether that settles it; and each person made of two registrations
    # under two NHS numbers (review_pairs.py).
    review: list[LeftPair] = field(default_factory=list)
    # Each term-frequency column's value -> its share of the records linked, for real-time scoring (realtime.py).
    term_frequencies: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def notes(self) -> list[str]:
        """What the model compared and how it was trained, in plain words (none when given a trained model)."""
        return list(self.training_report.get("notes", []))


def link(
    records: Iterable[Mapping[str, Any]] | pa.Table,
    *,
    threshold: float = MATCH_THRESHOLD_PROBABILITY,
    unique_systems: Iterable[str] = (),
    trained_model: dict[str, Any] | None = None,
    seed: int = 1,
    name_support: int = 1,
    must_link: Iterable[tuple[str, str]] = (),
    cannot_link: Iterable[tuple[str, str]] = (),
    review_band: tuple[float, float] | None = None,
    together: Mapping[str, Collection[str]] | None = None,
) -> LinkageResult:
    """Link records into people: train on them (unless given a trained model), score candidate pairs, cluster. A
    record whose first-name box holds a family name and whose surname box a given name, by where the other records
    hold them, is read the right way round throughout (boxes.py).

    must_link and cannot_link are people's decisions (pairs of unique_ids; see cluster). With review_band (low,
    high match probability), the result's `review` lists the pairs in that band and the pairs at or above the
    threshold that clustering left in different clusters, each pair of people once (review_pairs.py).

    together (unique_id -> keys: an address or an event the record is recorded at) lets household context count: a
    pair short of the threshold, of one first name, whose records are each recorded with one other person is raised
    (together.py, ADR 0013) before the records are clustered. A pair of one surname, sex and birth date under two
    forms of one first name (Sam and Samuel) is weighed as if under one (short_forms.py, ADR 0014)."""
    seconds: dict[str, float] = {}
    cannot_link = list(cannot_link)  # read twice: by the clustering and by the review pairs
    started = time.perf_counter()
    table = records if isinstance(records, pa.Table) else prepare(records)
    table = in_given_order(table)  # names in each other's boxes read the right way round (boxes.py)
    seconds["prepare"] = time.perf_counter() - started

    started = time.perf_counter()
    sessions: dict[str, Any] = {"em_sessions": []}
    if trained_model is None:
        # The model compares what the records hold, trained on them as far as they allow (fitting.py).
        splink, connection, sessions = fitted(table, seed=seed)
    else:
        splink, connection = new_linker(numbered(table), trained_model)
    model_json = splink.misc.save_model_to_json()
    seconds["train"] = time.perf_counter() - started

    started = time.perf_counter()
    lowest = min(threshold, review_band[0]) if review_band else threshold
    if together:  # the pairs household context can lift to the threshold
        lowest = min(lowest, probability_of(weight_of(threshold) - HOUSEHOLD_WEIGHT))
    # A short form of the name on one surname, sex and birth date weighs as the name itself (short_forms.py).
    lift = lift_of(first_name_weights(model_json))
    lowest = min(lowest, probability_of(weight_of(threshold) - lift))
    scored = predict(splink, connection, lowest)  # records by row number
    edges = scored
    if lowest < threshold:
        edges = scored.filter(pc.greater_equal(scored.column("match_weight"), weight_of(threshold)))
        forms = raised_forms(table, scored, weight_of(threshold), lift)
        if forms.num_rows:
            edges = pa.concat_tables([edges, forms.cast(edges.schema)])
    seconds["predict"] = time.perf_counter() - started

    started = time.perf_counter()
    if together:
        # Household context lifts pairs between the components the edges at the threshold make (not the clusters:
        # one clustering, not two), and the constrained clustering weighs them with the rest.
        lifted = raised(table, components(table, edges), scored, weight_of(threshold), together)
        if lifted.num_rows:
            edges = pa.concat_tables([edges, lifted.cast(edges.schema)])
        seconds["household"] = time.perf_counter() - started
        started = time.perf_counter()
    clusters, refusals = cluster(
        table,
        edges,
        unique_systems=frozenset(unique_systems),
        name_support=name_support,
        must_link=must_link,
        cannot_link=cannot_link,
        duplicate_weight=weight_of(DUPLICATE_MATCH_PROBABILITY),
    )
    seconds["cluster"] = time.perf_counter() - started
    review: list[LeftPair] = []
    if review_band:
        ids = table.column("unique_id").to_pylist()

        def by_id(pairs: pa.Table) -> list[tuple[str, str, float]]:
            left, right, weight = (pairs.column(i).to_pylist() for i in range(3))
            return [(ids[a], ids[b], w) for a, b, w in zip(left, right, weight, strict=True)]

        low, high = weight_of(review_band[0]), weight_of(review_band[1])
        strong = by_id(edges)
        refused_rows = [row for row in strong if clusters[row[0]] != clusters[row[1]]]
        in_band = [row for row in by_id(scored) if low <= row[2] < high]
        review = left_pairs(
            table,
            clusters,
            refusals,
            refused_rows,
            in_band,
            unique_systems=frozenset(unique_systems),
            cannot_link=cannot_link,
            name_support=name_support,
            joined=strong,
        )
    connection.close()
    return LinkageResult(
        clusters=clusters,
        model_json=model_json,
        training_report={**report(model_json), **sessions},
        seconds=seconds,
        pairs_scored=edges.num_rows,
        edges_refused=len(refusals),
        review=review,
        term_frequencies=term_frequencies(table, model_json),
    )
