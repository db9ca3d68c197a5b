"""Real-time scoring of one pair of records with a trained Splink model, in Python: no SQL round trip, no Django.

``Scorer.from_model_json(model_json, tf_tables)`` reads the saved model (``LinkageRun.model_json``): each
comparison's levels in order with their m and u probabilities, term-frequency settings and the prior
(probability_two_random_records_match). ``scorer.score(left, right)`` takes two records prepared as the engine
prepares them (see ``prepare_record``) and returns the match weight, probability, grade and per-field evidence.

Fidelity to Splink. The match weight equals Splink's predict for the same pair (tests/unit/linkage/
test_linkage_realtime.py compares thousands of pairs):

* Each level's SQL condition is evaluated by its Python equivalent in conditions.py (DuckDB's string functions in
  similarity.py), looked up by the exact SQL text, so a model whose conditions are not known there is refused
  rather than scored wrongly.
* A level's weight is log2(m / u) with m and u clamped at 1e-300, the null level's 0, as Splink computes them.
  Where training left a level's m or u unset (a level EM never saw), Splink's defaults are used, as its predict
  does: m 0.95 for the top level and 0.05 shared among the rest, u from weights spread from -5 to 3 and 10 at the
  top; a level stored as "level not observed in training dataset" counts as 1e-6.
* Term-frequency adjustment (first and last name, exact level): weight * (log2(u_exact) - log2(max(tf_l, tf_r,
  tf_minimum_u_value))), where tf is the value's share of the non-null values of that column in the records the
  model scores against (``term_frequencies`` computes it as Splink does: count(value) / count(non-null)). The
  caller passes these tables; a value missing from them gets no adjustment, as in Splink when the tf is NULL.
* The total is the prior's weight, log2(p / (1 - p)), plus each comparison's weight then its tf adjustment, in the
  model's order; the probability is 1 / (1 + 2^-w) (2^w / (1 + 2^w) below zero).

Grades (``grade``): certain at probability >= 0.99, probable >= 0.9, possible >= 0.5, otherwise no match (None).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from frontdoor.linkage.conditions import CONDITIONS, Predicate, Record
from frontdoor.linkage.preparation import prepare_rows

M_U_CLAMP_MIN = 1e-300  # as splink.internals.comparison_level

CERTAIN = 0.99
PROBABLE = 0.9
POSSIBLE = 0.5

# Term frequencies and the model.


def term_frequencies(values: Iterable[str | None]) -> dict[str, float]:
    """Each value's share of the non-null values, as Splink's tf tables: count(value) / count(non-null)."""
    counts = Counter(v for v in values if v is not None)
    total = sum(counts.values())
    return {value: float(count) / float(total) for value, count in counts.items()}


@dataclass(frozen=True)
class Level:
    label: str
    sql: str
    predicate: Predicate
    gamma: int  # Splink's comparison vector value: -1 for the null level, then counting down to 0 for ELSE
    is_null: bool
    match_weight: float  # log2(m / u), 0 for the null level
    tf_column: str | None = None
    tf_weight: float = 0.0
    tf_minimum_u: float = 0.0
    log2_u_exact: float = 0.0  # log2 of the exact-match level's u, the base the tf adjustment replaces


@dataclass(frozen=True)
class Comparison:
    name: str
    levels: tuple[Level, ...]
    has_tf: bool


@dataclass(frozen=True)
class Evidence:
    comparison: str
    level: str
    gamma: int
    bayes_factor: float  # of the level, times the term-frequency adjustment's
    match_weight: float  # the level's weight plus its term-frequency adjustment: this field's contribution
    tf_adjustment: float = 0.0

    @property
    def agreed(self) -> bool:
        return self.match_weight > 0


@dataclass(frozen=True)
class Score:
    match_weight: float
    probability: float
    grade: str | None
    evidence: tuple[Evidence, ...]
    prior_weight: float


def grade(probability: float) -> str | None:
    """certain >= 0.99, probable >= 0.9, possible >= 0.5; below that not a match (None)."""
    if probability >= CERTAIN:
        return "certain"
    if probability >= PROBABLE:
        return "probable"
    if probability >= POSSIBLE:
        return "possible"
    return None


LEVEL_NOT_OBSERVED = "level not observed in training dataset"  # Splink stores this for m or u, and reads it as 1e-6


def _defaults(num_levels: int) -> tuple[list[float], list[float]]:
    """Splink's default m and u by comparison vector value, used where training left a level's m or u unset."""
    m = [0.05 / (num_levels - 1)] * (num_levels - 1) + [0.95]
    if num_levels == 2:
        weights: list[float] = [-5]
    else:
        step = (3 - -5) / (num_levels - 2)
        weights = [-5 + i * step for i in range(num_levels - 1)]
    weights = [*weights, 10]
    return m, [mv / 2**w for mv, w in zip(m, weights, strict=True)]


def _probability(level: Mapping[str, Any], key: str, default: float) -> float:
    value = level.get(key)
    if value == LEVEL_NOT_OBSERVED:
        return 1e-6
    return default if value is None else float(value)


def _m_u(level: Mapping[str, Any], gamma: int, num_levels: int) -> tuple[float, float]:
    m_defaults, u_defaults = _defaults(num_levels)
    return _probability(level, "m_probability", m_defaults[gamma]), _probability(
        level, "u_probability", u_defaults[gamma]
    )


def _weight(level: Mapping[str, Any], gamma: int, num_levels: int) -> float:
    """log2(m / u) as Splink computes it: m and u clamped at 1e-300, Splink's defaults where untrained."""
    if level.get("is_null_level"):
        return 0.0
    m, u = _m_u(level, gamma, num_levels)
    return math.log2(max(m, M_U_CLAMP_MIN) / max(u, M_U_CLAMP_MIN))


def _exact_u(levels: list[Mapping[str, Any]], level: Mapping[str, Any], column: str) -> float:
    """The u of the level that is exactly `column_l = column_r` (Splink's base for the tf adjustment)."""
    exact = f'"{column}_l" = "{column}_r"'
    num_levels = sum(1 for lv in levels if not lv.get("is_null_level"))
    gamma = num_levels
    for candidate in levels:
        if not candidate.get("is_null_level"):
            gamma -= 1
            # With disable_tf_exact_match_detection Splink takes the level's own u instead.
            own = level.get("disable_tf_exact_match_detection") and candidate is level
            if own or (
                not level.get("disable_tf_exact_match_detection") and candidate["sql_condition"].strip() == exact
            ):
                return _m_u(candidate, gamma, num_levels)[1]
    raise ValueError(f"no exact match level on {column} for its term-frequency adjustment")


class Scorer:
    def __init__(
        self, prior: float, comparisons: list[Comparison], tf_tables: Mapping[str, Mapping[str, float]] | None = None
    ) -> None:
        self.prior = prior
        self.prior_weight = math.log2(prior / (1 - prior))
        self.comparisons = comparisons
        self.tf_tables = dict(tf_tables or {})

    @classmethod
    def from_model_json(
        cls, model_json: Mapping[str, Any], tf_tables: Mapping[str, Mapping[str, float]] | None = None
    ) -> Scorer:
        comparisons = []
        for comparison in model_json["comparisons"]:
            raw = list(comparison["comparison_levels"])
            levels = []
            num_levels = sum(1 for lv in raw if not lv.get("is_null_level"))
            gamma = num_levels
            for level in raw:
                sql = level["sql_condition"].strip()
                if sql not in CONDITIONS:
                    raise ValueError(f"no Python equivalent for the level condition {sql!r}")
                is_null = bool(level.get("is_null_level"))
                if not is_null:
                    gamma -= 1
                tf_column = level.get("tf_adjustment_column")
                tf_weight = float(level.get("tf_adjustment_weight", 1.0 if tf_column else 0.0))
                levels.append(
                    Level(
                        label=level.get("label_for_charts") or sql,
                        sql=sql,
                        predicate=CONDITIONS[sql],
                        gamma=-1 if is_null else gamma,
                        is_null=is_null,
                        match_weight=_weight(level, gamma, num_levels),
                        tf_column=tf_column if tf_column and tf_weight and sql != "ELSE" and not is_null else None,
                        tf_weight=tf_weight,
                        tf_minimum_u=float(level.get("tf_minimum_u_value", 0.0)),
                        log2_u_exact=math.log2(_exact_u(raw, level, tf_column)) if tf_column else 0.0,
                    )
                )
            has_tf = any(lv.get("tf_adjustment_column") for lv in raw)
            comparisons.append(Comparison(comparison["output_column_name"], tuple(levels), has_tf))
        return cls(float(model_json["probability_two_random_records_match"]), comparisons, tf_tables)

    @property
    def tf_columns(self) -> set[str]:
        return {level.tf_column for c in self.comparisons for level in c.levels if level.tf_column}

    def _tf_adjustment(self, level: Level, left: Record, right: Record) -> float:
        if level.tf_column is None:
            return 0.0
        table = self.tf_tables.get(level.tf_column, {})
        # Splink: greatest(coalesce(tf_l, tf_r), coalesce(tf_r, tf_l), tf_minimum_u_value), when either is known.
        values = (left.get(level.tf_column), right.get(level.tf_column))
        known = [tf for tf in (table.get(v) for v in values if v is not None) if tf is not None]
        if not known:
            return 0.0
        tf = max(*known, level.tf_minimum_u)
        return level.tf_weight * (level.log2_u_exact - math.log2(tf))

    def score(self, left: Record, right: Record) -> Score:
        total = self.prior_weight
        evidence = []
        for comparison in self.comparisons:
            level = next(lv for lv in comparison.levels if lv.predicate(left, right))
            total += level.match_weight
            adjustment = 0.0
            if comparison.has_tf:
                adjustment = self._tf_adjustment(level, left, right)
                total += adjustment
            weight = level.match_weight + adjustment
            evidence.append(
                Evidence(comparison.name, level.label, level.gamma, 2.0**weight, weight, tf_adjustment=adjustment)
            )
        probability = 1.0 / (1.0 + 2.0 ** (-total)) if total >= 0 else 2.0**total / (1.0 + 2.0**total)
        return Score(total, probability, grade(probability), tuple(evidence), self.prior_weight)


def prepare_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """One record normalised exactly as the engine prepares records for Splink (preparation.prepare)."""
    return prepare_rows([record])[0]
