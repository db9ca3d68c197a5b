"""The Splink model's level conditions (splink_settings.py), each with its Python equivalent, looked up by the exact
SQL text: a model whose conditions this module does not know is refused rather than scored wrongly. Pure.

The equivalents follow DuckDB: its string functions are in similarity.py; ``substr``, ``left`` (a negative count
drops characters from the end), ``split_part``, ``contains``, ``starts_with``, ``list_has_any`` and ``list_has_all``
are here; and
SQL's NULL, which never satisfies a condition, so every predicate is False when a value it needs is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from frontdoor.linkage.similarity import jaro_winkler_similarity, within_one_edit
from frontdoor.people.birthdates import transposed

Record = Mapping[str, Any]
Predicate = Callable[[Record, Record], bool]

ADULT_YEARS = 18  # splink_settings.ADULT_WOMEN: a woman neither of whose records says she is younger


def _left(value: str, count: int) -> str:
    """DuckDB's left(): a negative count drops that many characters from the end."""
    return value[:count] if count >= 0 else value[: max(len(value) + count, 0)]


def _year(value: str) -> int:
    return date.fromisoformat(value).year


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


def _sounds_alike(column: str) -> tuple[str, Predicate]:
    def sounds(left: Record, right: Record) -> bool:
        pair = _both(left, right, f"{column}_sounds")
        return pair is not None and not set(pair[0]).isdisjoint(pair[1])

    return f'list_has_any("{column}_sounds_l", "{column}_sounds_r")', sounds


def _same_parts(left: Record, right: Record) -> bool:
    """DuckDB's list_has_all(a, b): every element of b is in a (true for an empty b); NULL when either is NULL."""
    pair = _both(left, right, "name_parts")
    if pair is None:
        return False
    a, b = set(pair[0]), set(pair[1])
    return b <= a or a <= b


def _one_name_crossed(left: Record, right: Record) -> bool:
    """One record's first name is the other's surname, either way (SQL's NULL: a side with a value missing is not
    satisfied, and the other side of the OR decides)."""

    def one_way(first: Any, last: Any) -> bool:
        return first is not None and last is not None and first == last

    return one_way(left.get("first_name"), right.get("last_name")) or one_way(
        left.get("last_name"), right.get("first_name")
    )


def _swapped_one_edit(left: Record, right: Record) -> bool:
    """One name in the other's other box, the remaining two within one edit (SQL's NULL: a side with a value missing
    is not satisfied, and the other side of the OR decides)."""

    def one_way(same_l: str, same_r: str, near_l: str, near_r: str) -> bool:
        same = (left.get(same_l), right.get(same_r))
        near = (left.get(near_l), right.get(near_r))
        if None in same or None in near:
            return False
        return same[0] == same[1] and within_one_edit(str(near[0]), str(near[1]))

    return one_way("first_name", "last_name", "last_name", "first_name") or one_way(
        "last_name", "first_name", "first_name", "last_name"
    )


def _middle_or_prefix(left: Record, right: Record) -> bool:
    a, b = left.get("first_name"), right.get("first_name")
    ml, mr = left.get("middle_names"), right.get("middle_names")
    return bool(
        (a is not None and mr is not None and a == mr)
        or (ml is not None and b is not None and ml == b)
        or (a is not None and b is not None and (a.startswith(b) or b.startswith(a)))
    )


def _middle_typo(left: Record, right: Record) -> bool:
    pair = _both(left, right, "middle_names")
    if pair is None:
        return False
    a, b = pair
    return bool(a.startswith(b) or b.startswith(a) or jaro_winkler_similarity(a, b) >= 0.88)


def _contains(left: Record, right: Record) -> bool:
    pair = _both(left, right, "last_name")
    return pair is not None and (pair[1] in pair[0] or pair[0] in pair[1])


def _dob_transposed(left: Record, right: Record) -> bool:
    pair = _both(left, right, "dob")
    if pair is None:
        return False
    return pair[0] == transposed(pair[1])


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


# The columns with a null level and an exact level of the plain form.
PLAIN_COLUMNS = ("first_name", "middle_names", "last_name", "dob", "nhs_number", "upn", "postcode", "sex")


def _both_women(left: Record, right: Record) -> bool:
    return left.get("sex") == "f" and right.get("sex") == "f"


def _both_women_neither_a_child(left: Record, right: Record) -> bool:
    # The latest birth year either record allows (none known: neither is known to be a child), against this year.
    years = [y for y in (left.get("birth_year_high"), right.get("birth_year_high")) if y is not None]
    return _both_women(left, right) and max(years, default=0) <= date.today().year - ADULT_YEARS


def _known_conditions() -> dict[str, Predicate]:
    a, b = '"first_name_l"', '"first_name_r"'
    ln_a, ln_b = '"last_name_l"', '"last_name_r"'
    d_a, d_b = '"dob_l"', '"dob_r"'
    p_a, p_b = '"postcode_l"', '"postcode_r"'
    pairs = [
        _else(),
        *(_null(c) for c in PLAIN_COLUMNS),
        *(_equal(c) for c in PLAIN_COLUMNS),
        *(_equal(c) for c in ("first_name_spelling", "last_name_spelling")),  # spellings.py
        *(_jw(c, t) for c in ("first_name", "last_name") for t in (0.92, 0.8)),
        ('list_has_any("first_name_keys_l", "first_name_keys_r")', _nickname),
        *(_sounds_alike(c) for c in ("first_name", "last_name")),
        ('list_has_all("name_parts_l", "name_parts_r") OR list_has_all("name_parts_r", "name_parts_l")', _same_parts),
        (
            '("first_name_l" = "last_name_r" AND damerau_levenshtein("last_name_l", "first_name_r") <= 1) OR '
            '("last_name_l" = "first_name_r" AND damerau_levenshtein("first_name_l", "last_name_r") <= 1)',
            _swapped_one_edit,
        ),
        ('"first_name_l" = "last_name_r" OR "last_name_l" = "first_name_r"', _one_name_crossed),
        (
            f'{a} = "middle_names_r" OR "middle_names_l" = {b} OR starts_with({a}, {b}) OR starts_with({b}, {a})',
            _middle_or_prefix,
        ),
        (f"contains({ln_a}, {ln_b}) OR contains({ln_b}, {ln_a})", _contains),
        (
            'starts_with("middle_names_l", "middle_names_r") OR starts_with("middle_names_r", "middle_names_l") OR '
            'jaro_winkler_similarity("middle_names_l", "middle_names_r") >= 0.88',
            _middle_typo,
        ),
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
        ("\"sex_l\" = 'f' AND \"sex_r\" = 'f'", _both_women),
        (
            '"sex_l" = \'f\' AND "sex_r" = \'f\' AND coalesce(greatest("birth_year_high_l", "birth_year_high_r"), 0) '
            f"<= year(current_date) - {ADULT_YEARS}",
            _both_women_neither_a_child,
        ),
    ]
    return dict(pairs)


CONDITIONS: dict[str, Predicate] = _known_conditions()
