"""Real-time scoring of one pair of records with a trained Splink model, in Python: no SQL round trip, no Django.

``Scorer.from_model_json(model_json, tf_tables)`` reads the saved model (``LinkageRun.model_json``): each
comparison's levels in order with their m and u probabilities, term-frequency settings and the prior
(probability_two_random_records_match). ``scorer.score(left, right)`` takes two records prepared as the engine
prepares them (see ``prepare_record``) and returns the match weight, probability, grade and per-field evidence.

Fidelity to Splink. The match weight equals Splink's predict for the same pair (tests/unit/linkage/
test_linkage_realtime.py compares thousands of pairs):

* Each level's SQL condition is evaluated by a Python equivalent, looked up by the exact SQL text, so a model whose
  conditions this module does not know is refused rather than scored wrongly. The equivalents follow DuckDB:
  ``jaro_winkler_similarity`` works on UTF-8 bytes with a match window of max(0, max(len)/2 - 1) and the Winkler
  prefix boost (0.1 a character, at most 4) only above 0.7, computed as a fused multiply-add as DuckDB's x86_64
  build does (bit-identical on 20,000 random strings); ``damerau_levenshtein`` (only ``<= 1`` is used); ``substr``,
  ``left`` (a negative count drops characters from the end), ``split_part``, ``contains``, ``starts_with``,
  ``list_has_any``; and SQL's NULL, which never satisfies a condition.
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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

M_U_CLAMP_MIN = 1e-300  # as splink.internals.comparison_level

CERTAIN = 0.99
PROBABLE = 0.9
POSSIBLE = 0.5

Record = Mapping[str, Any]
Predicate = Callable[[Record, Record], bool]


# DuckDB's string functions, in Python.


def jaro_winkler_similarity(a: str, b: str) -> float:
    """DuckDB's jaro_winkler_similarity (from rapidfuzz): on UTF-8 bytes, prefix weight 0.1, boost above 0.7."""
    p, t = a.encode(), b.encode()
    sim = _jaro(p, t)
    if sim > 0.7:
        prefix = 0
        for x, y in zip(p[:4], t[:4], strict=False):
            if x != y:
                break
            prefix += 1
        # DuckDB's build fuses this multiply-add (one rounding, not two); _fma reproduces it bit for bit.
        sim = min(_fma(prefix * 0.1, 1.0 - sim, sim), 1.0)
    return sim


def _fma(x: float, y: float, z: float) -> float:
    """x * y + z rounded once (math.fma arrives in Python 3.13)."""
    return float(Fraction(x) * Fraction(y) + Fraction(z))


def _jaro(p: bytes, t: bytes) -> float:
    p_len, t_len = len(p), len(t)
    if not p_len or not t_len:
        return 1.0 if p_len == t_len else 0.0
    bound = max(max(p_len, t_len) // 2 - 1, 0)
    t_matched = [False] * t_len
    p_matches: list[int] = []
    for i, ch in enumerate(p):
        for j in range(max(0, i - bound), min(t_len, i + bound + 1)):
            if not t_matched[j] and t[j] == ch:
                t_matched[j] = True
                p_matches.append(ch)
                break
    common = len(p_matches)
    if not common:
        return 0.0
    t_matches = [t[j] for j in range(t_len) if t_matched[j]]
    transpositions = sum(x != y for x, y in zip(p_matches, t_matches, strict=True)) // 2
    return (common / p_len + common / t_len + (common - transpositions) / common) / 3.0


def within_one_edit(text_a: str, text_b: str) -> bool:
    """damerau_levenshtein(a, b) <= 1 (on UTF-8 bytes, as DuckDB): equal, or one insertion, deletion, substitution
    or adjacent swap."""
    a, b = text_a.encode(), text_b.encode()
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return True
        i, j = differ[0], differ[-1]
        return len(differ) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _left(value: str, count: int) -> str:
    """DuckDB's left(): a negative count drops that many characters from the end."""
    return value[:count] if count >= 0 else value[: max(len(value) + count, 0)]


def _year(value: str) -> int:
    return date.fromisoformat(value).year


# The model's level conditions (model.py), each with its Python equivalent. A condition that compares NULL is NULL
# and never true, so every predicate is False when a value it needs is missing.


def _both(left: Record, right: Record, column: str) -> tuple[Any, Any] | None:
    a, b = left.get(column), right.get(column)
    return None if a is None or b is None else (a, b)


def _null(column: str) -> tuple[str, Predicate]:
    return (
        f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
        lambda left, right: _both(left, right, column) is None,
    )


def _equal(column: str) -> tuple[str, Predicate]:
    def equal(left: Record, right: Record) -> bool:
        pair = _both(left, right, column)
        return pair is not None and pair[0] == pair[1]

    return f'"{column}_l" = "{column}_r"', equal


def _jw(column: str, threshold: float) -> tuple[str, Predicate]:
    def similar(left: Record, right: Record) -> bool:
        pair = _both(left, right, column)
        return pair is not None and jaro_winkler_similarity(*pair) >= threshold

    return f'jaro_winkler_similarity("{column}_l", "{column}_r") >= {threshold}', similar


def _else() -> tuple[str, Predicate]:
    return ("ELSE", lambda left, right: True)


def _nickname(left: Record, right: Record) -> bool:
    pair = _both(left, right, "first_name_keys")
    return pair is not None and not set(pair[0]).isdisjoint(pair[1])


def _middle_or_prefix(left: Record, right: Record) -> bool:
    a, b = left.get("first_name"), right.get("first_name")
    ml, mr = left.get("middle_names"), right.get("middle_names")
    return bool(
        (a is not None and mr is not None and a == mr)
        or (ml is not None and b is not None and ml == b)
        or (a is not None and b is not None and (a.startswith(b) or b.startswith(a)))
    )


def _contains(left: Record, right: Record) -> bool:
    pair = _both(left, right, "last_name")
    return pair is not None and (pair[1] in pair[0] or pair[0] in pair[1])


def _dob_transposed(left: Record, right: Record) -> bool:
    pair = _both(left, right, "dob")
    if pair is None:
        return False
    a, b = pair
    return bool(a[0:4] == b[0:4] and a[5:7] == b[8:10] and a[8:10] == b[5:7])


def _dob_one_edit(left: Record, right: Record) -> bool:
    pair = _both(left, right, "dob")
    return pair is not None and within_one_edit(*pair)


def _dob_month(left: Record, right: Record) -> bool:
    pair = _both(left, right, "dob")
    return pair is not None and pair[0][0:7] == pair[1][0:7]


def _dob_year(left: Record, right: Record) -> bool:
    pair = _both(left, right, "dob")
    return pair is not None and abs(_year(pair[0]) - _year(pair[1])) <= 1


def _sector(left: Record, right: Record) -> bool:
    pair = _both(left, right, "postcode")
    return pair is not None and _left(pair[0], len(pair[0]) - 2) == _left(pair[1], len(pair[1]) - 2)


def _district(left: Record, right: Record) -> bool:
    pair = _both(left, right, "postcode")
    return pair is not None and pair[0].split(" ")[0] == pair[1].split(" ")[0]


def _birth_year_null(left: Record, right: Record) -> bool:
    return bool(
        left.get("birth_year_low") is None
        or right.get("birth_year_low") is None
        or (left.get("dob") is not None and right.get("dob") is not None)
    )


def _birth_years_overlap(left: Record, right: Record) -> bool:
    low_l, high_l = left.get("birth_year_low"), left.get("birth_year_high")
    low_r, high_r = right.get("birth_year_low"), right.get("birth_year_high")
    if low_l is None or high_l is None or low_r is None or high_r is None:
        return False
    return bool(low_l <= high_r and low_r <= high_l)


def _known_conditions() -> dict[str, Predicate]:
    a, b = '"first_name_l"', '"first_name_r"'
    ln_a, ln_b = '"last_name_l"', '"last_name_r"'
    d_a, d_b = '"dob_l"', '"dob_r"'
    p_a, p_b = '"postcode_l"', '"postcode_r"'
    pairs = [
        _else(),
        *(_null(c) for c in ("first_name", "last_name", "dob", "nhs_number", "upn", "postcode", "sex")),
        *(_equal(c) for c in ("first_name", "last_name", "dob", "nhs_number", "upn", "postcode", "sex")),
        *(_jw(c, t) for c in ("first_name", "last_name") for t in (0.92, 0.8)),
        ('list_has_any("first_name_keys_l", "first_name_keys_r")', _nickname),
        (
            f'{a} = "middle_names_r" OR "middle_names_l" = {b} OR starts_with({a}, {b}) OR starts_with({b}, {a})',
            _middle_or_prefix,
        ),
        (f"contains({ln_a}, {ln_b}) OR contains({ln_b}, {ln_a})", _contains),
        (
            f"substr({d_a}, 1, 4) = substr({d_b}, 1, 4) AND substr({d_a}, 6, 2) = substr({d_b}, 9, 2) "
            f"AND substr({d_a}, 9, 2) = substr({d_b}, 6, 2)",
            _dob_transposed,
        ),
        (f"damerau_levenshtein({d_a}, {d_b}) <= 1", _dob_one_edit),
        (f"substr({d_a}, 1, 7) = substr({d_b}, 1, 7)", _dob_month),
        (f"abs(year(CAST({d_a} AS DATE)) - year(CAST({d_b} AS DATE))) <= 1", _dob_year),
        (f"left({p_a}, length({p_a}) - 2) = left({p_b}, length({p_b}) - 2)", _sector),
        (f"split_part({p_a}, ' ', 1) = split_part({p_b}, ' ', 1)", _district),
        (
            '"birth_year_low_l" IS NULL OR "birth_year_low_r" IS NULL OR ("dob_l" IS NOT NULL AND "dob_r" IS NOT NULL)',
            _birth_year_null,
        ),
        (
            '"birth_year_low_l" <= "birth_year_high_r" AND "birth_year_low_r" <= "birth_year_high_l"',
            _birth_years_overlap,
        ),
    ]
    return dict(pairs)


_CONDITIONS = _known_conditions()


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
                if sql not in _CONDITIONS:
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
                        predicate=_CONDITIONS[sql],
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
    """One record normalised exactly as the engine prepares records for Splink (engine.prepare)."""
    from frontdoor.linkage.engine import prepare  # the engine pulls in DuckDB and Splink; only load it if asked

    return prepare([record]).to_pylist()[0]
