"""The Splink model for people across agencies' systems: comparisons, training and settings (its blocking rules are
blocking.py's). Pure: no Django.

The engine prepares each record with these columns (all text lower-cased and stripped of punctuation, empty as
NULL; diacritics dropped): unique_id, source, first_name, first_name_keys (nickname groups, see names.py),
first_name_spelling and last_name_spelling (the key a name's spellings share, see spellings.py), middle_names,
last_name, dob ('YYYY-MM-DD'), sex ('m'/'f'), postcode ('es1 2ab'), nhs_number, upn, birth_year_low and
birth_year_high (the years the date of birth, or an age given instead, allows), first_name_sounds and
last_name_sounds (Double Metaphone keys, people.phonetic) and name_parts (every part of the person's names, each
whole and word by word, names.name_parts).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

from splink import block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator

from frontdoor.linkage import blocking
from frontdoor.linkage.conditions import ADULT_YEARS

# What the model can compare, each a comparison of its own: the columns a file may hold, and "birth_year" for the
# years an age allows where a record gives an age instead of a date of birth.
COMPARED = ("first_name", "middle_names", "last_name", "dob", "nhs_number", "upn", "postcode", "sex", "birth_year")

# Scores below this are not kept from predict; clustering uses its own, higher, threshold.
PREDICT_THRESHOLD_WEIGHT = -5.0
MATCH_THRESHOLD_PROBABILITY = 0.95
# Two records of a system that holds each person once join only at or above this (its duplicates are rare).
DUPLICATE_MATCH_PROBABILITY = 0.9999
# The chance that two records of different people carry the same NHS number or UPN (a clerical slip).
U_IDENTIFIER = 1e-6


def _null(column: str) -> dict[str, Any]:
    return {
        "sql_condition": f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
        "label_for_charts": f"{column} missing",
        "is_null_level": True,
    }


def _level(sql: str, label: str, tf: str | None = None) -> dict[str, Any]:
    level: dict[str, Any] = {"sql_condition": sql, "label_for_charts": label}
    if tf:
        # A rare name agreeing is stronger evidence than a common one (term-frequency adjustment).
        level |= {"tf_adjustment_column": tf, "tf_adjustment_weight": 1.0}
    return level


def _else() -> dict[str, Any]:
    return {"sql_condition": "ELSE", "label_for_charts": "All other"}


def _sounds_alike(column: str) -> dict[str, Any]:
    # A transliteration or spelling of one sound (Mahmood and Mehmood, Zofia and Sofia): the Double Metaphone keys,
    # primary or alternate, meet.
    return _level(f'list_has_any("{column}_sounds_l", "{column}_sounds_r")', "Sounds alike (Double Metaphone)")


# Names recorded in another order or with parts left out (Nguyen Thi Lan and Lan Nguyen; Muhammad Ali Khan and Ali
# Khan; Garcia Lopez and Garcia): every part of one record's names is among the other's. Twins share a family name
# but not their given names, so this never holds for them.
SAME_PARTS_LABEL = "Same names, another order or a part left out"
SAME_PARTS = 'list_has_all("name_parts_l", "name_parts_r") OR list_has_all("name_parts_r", "name_parts_l")'
# Family name first in one system with a typo in one of the two names (Zhou Jiango and Jianguo Zhou, Liuu Ming and
# Ming Liu): one name is the other's in the other box, and the remaining two are one edit apart. Only names in the
# other order: twins with alike names in the same order (Lan and Lam Nguyen) keep the levels they had.
SWAPPED_ONE_EDIT = (
    '("first_name_l" = "last_name_r" AND damerau_levenshtein("last_name_l", "first_name_r") <= 1) OR '
    '("last_name_l" = "first_name_r" AND damerau_levenshtein("first_name_l", "last_name_r") <= 1)'
)
SWAPPED_ONE_EDIT_LABEL = "Names in another order, one of them mistyped"
# Names in another order with the other name not the same one (Bennett Matt for Matthew Bennett, Shaw Flo for
# Florence Shaw: a short form; Bottomley Amelia for Amelia Kelly: a new surname): one name in the other's box. Twins
# of a family written family name first meet it too (Wu Grace and Jing Wu); the twin guard, which reads the names
# part by part, keeps them apart, as it does twins whose first names are alike.
CROSSED = '"first_name_l" = "last_name_r" OR "last_name_l" = "first_name_r"'
CROSSED_LABEL = "One name in the other's box"


# One name written two ways (Maryam and Meryem, Hussain and Hossain: spellings.py): the person's own name, not a
# nickname or a name that merely sounds alike.
FIRST_SPELLING = '"first_name_spelling_l" = "first_name_spelling_r"'
LAST_SPELLING = '"last_name_spelling_l" = "last_name_spelling_r"'
SPELLING_LABEL = "Another spelling of the name"

# A woman's surname changes with a marriage and with its end, and agencies hold whichever she gave them: a GP the
# married name, the police the maiden one. A different surname between two women's records is weaker evidence of two
# people than between two men's or children's (with all three under "All other", EM weighed every different surname
# by the rate at which children and men change theirs). Twins and sisters share a surname or differ in first name, so
# this level lifts neither. Only where the file records sex.
WOMEN = "\"sex_l\" = 'f' AND \"sex_r\" = 'f'"
WOMEN_LABEL = "Different, both women"
# Marriage is for adults: a girl's surname changes with her family's (a parent's new partner, a separation), as a
# boy's does. Between two women neither of whom is known to be a child (by a date of birth or an age, on either
# record: the latest birth year either allows is 18 years ago or earlier) the level is one of its own, before the
# one for two women where one is a girl, so that EM weighs a married name by the rate at which adult women's
# surnames differ, not diluted by girls'. Only where the file records dates of birth or ages as well as sex.
ADULT_WOMEN = (
    f'{WOMEN} AND coalesce(greatest("birth_year_high_l", "birth_year_high_r"), 0) <= year(current_date) - {ADULT_YEARS}'
)
ADULT_WOMEN_LABEL = "Different, both women, neither a child"


def _first_name() -> dict[str, Any]:
    a, b = '"first_name_l"', '"first_name_r"'
    return {
        "output_column_name": "first_name",
        "comparison_description": "First name: exact, nickname or anglicised form, typo, sounds alike, another order, "
        "or clearly different",
        "comparison_levels": [
            _null("first_name"),
            _level(f"{a} = {b}", "Exact", tf="first_name"),
            _level(FIRST_SPELLING, SPELLING_LABEL),
            _level('list_has_any("first_name_keys_l", "first_name_keys_r")', "Nickname or anglicised form"),
            _level(f"jaro_winkler_similarity({a}, {b}) >= 0.92", "Jaro-Winkler >= 0.92"),
            # Known by a middle name in one system, or one system holds first and middle names together.
            _level(
                f'{a} = "middle_names_r" OR "middle_names_l" = {b} OR starts_with({a}, {b}) OR starts_with({b}, {a})',
                "Middle name or prefix",
            ),
            # Family name first (Nguyen Thi Lan as first name Nguyen), one of several given names left out.
            _level(SAME_PARTS, SAME_PARTS_LABEL),
            _level(SWAPPED_ONE_EDIT, SWAPPED_ONE_EDIT_LABEL),
            _level(CROSSED, CROSSED_LABEL),
            _sounds_alike("first_name"),
            _level(f"jaro_winkler_similarity({a}, {b}) >= 0.8", "Jaro-Winkler >= 0.8"),
            # Twins share surname, birth date and address; this level is what keeps them apart, so its weight
            # must be strongly negative. EM learns it from the county's own data.
            _else(),
        ],
    }


def _middle_name() -> dict[str, Any]:
    """The first middle name, where both records hold one: the same one is strong evidence where the first name and
    surname are common and no date of birth is held (a child the police record by age), and a different one is
    evidence of two people with one first name and surname (a father and son, two men of one family name). One
    record's middle name as the other's first name is the first-name comparison's "middle name or prefix"."""
    a, b = '"middle_names_l"', '"middle_names_r"'
    return {
        "output_column_name": "middle_names",
        "comparison_description": "Middle name: exact, typo or cut short, or different",
        "comparison_levels": [
            _null("middle_names"),
            _level(f"{a} = {b}", "Exact", tf="middle_names"),
            # Lily-Rose and Lily, Jenson and Jensen.
            _level(
                f"starts_with({a}, {b}) OR starts_with({b}, {a}) OR jaro_winkler_similarity({a}, {b}) >= 0.88",
                "Typo or cut short",
            ),
            _else(),
        ],
    }


def _last_name(*, sex: bool = True, born: bool = True) -> dict[str, Any]:
    """The surname comparison; with sex (the file records it), a different surname between two women is a level of
    its own (WOMEN), and with born too (the file records dates of birth or ages), between two women neither known to
    be a child another (ADULT_WOMEN)."""
    a, b = '"last_name_l"', '"last_name_r"'
    return {
        "output_column_name": "last_name",
        "comparison_description": "Surname: exact, typo, double-barrelled or hyphenated, sounds alike, another "
        "order, or changed",
        "comparison_levels": [
            _null("last_name"),
            _level(f"{a} = {b}", "Exact", tf="last_name"),
            _level(LAST_SPELLING, SPELLING_LABEL),
            _level(f"jaro_winkler_similarity({a}, {b}) >= 0.92", "Jaro-Winkler >= 0.92"),
            # A double-barrelled or hyphenated surname holds the other one.
            _level(f"contains({a}, {b}) OR contains({b}, {a})", "One contains the other"),
            # Given and family names the other way round, a double surname cut to one of its parts.
            _level(SAME_PARTS, SAME_PARTS_LABEL),
            _level(SWAPPED_ONE_EDIT, SWAPPED_ONE_EDIT_LABEL),
            _sounds_alike("last_name"),
            _level(f"jaro_winkler_similarity({a}, {b}) >= 0.8", "Jaro-Winkler >= 0.8"),
            *([_level(ADULT_WOMEN, ADULT_WOMEN_LABEL)] if sex and born else []),
            *([_level(WOMEN, WOMEN_LABEL)] if sex else []),
            _else(),
        ],
    }


def _dob() -> dict[str, Any]:
    a, b = '"dob_l"', '"dob_r"'
    transposed = (
        f"substr({a}, 1, 4) = substr({b}, 1, 4) AND substr({a}, 6, 2) = substr({b}, 9, 2) "
        f"AND substr({a}, 9, 2) = substr({b}, 6, 2)"
    )
    return {
        "output_column_name": "dob",
        "comparison_description": "Date of birth: exact, day and month transposed, one digit off, same year",
        "comparison_levels": [
            _null("dob"),
            _level(f"{a} = {b}", "Exact"),
            _level(transposed, "Day and month transposed"),
            _level(f"damerau_levenshtein({a}, {b}) <= 1", "One digit off"),
            _level(f"substr({a}, 1, 7) = substr({b}, 1, 7)", "Same month"),
            _level(f"abs(year(CAST({a} AS DATE)) - year(CAST({b} AS DATE))) <= 1", "Within a year"),
            _else(),
        ],
    }


def _exact(column: str, description: str, *, u_exact: float | None = None) -> dict[str, Any]:
    exact, other = _level(f'"{column}_l" = "{column}_r"', "Exact"), _else()
    if u_exact is not None:
        # An identifier with a check digit: two different people share one only by a clerical slip, far too rarely
        # for random sampling to see, so u is set rather than sampled.
        exact |= {"u_probability": u_exact, "fix_u_probability": True}
        other |= {"u_probability": 1.0 - u_exact, "fix_u_probability": True}
    return {
        "output_column_name": column,
        "comparison_description": description,
        "comparison_levels": [_null(column), exact, other],
    }


def _birth_year() -> dict[str, Any]:
    """Police often record an age at an incident instead of a date of birth; the years that age allows (the engine's
    birth_year_low..high) are still evidence against a record whose date of birth falls outside them."""
    low_l, high_l, low_r, high_r = (
        '"birth_year_low_l"',
        '"birth_year_high_l"',
        '"birth_year_low_r"',
        '"birth_year_high_r"',
    )
    return {
        "output_column_name": "birth_year",
        "comparison_description": "Birth year allowed by an age given instead of a date of birth",
        "comparison_levels": [
            {
                # Two dates of birth are the dob comparison's to weigh; this one only counts where one is missing.
                "sql_condition": f'{low_l} IS NULL OR {low_r} IS NULL OR ("dob_l" IS NOT NULL AND "dob_r" IS NOT NULL)',
                "label_for_charts": "Both dates of birth known, or no age",
                "is_null_level": True,
            },
            _level(f"{low_l} <= {high_r} AND {low_r} <= {high_l}", "Birth years overlap"),
            _else(),
        ],
    }


def _postcode() -> dict[str, Any]:
    a, b = '"postcode_l"', '"postcode_r"'
    sector_l, sector_r = f"left({a}, length({a}) - 2)", f"left({b}, length({b}) - 2)"
    return {
        "output_column_name": "postcode",
        "comparison_description": "Postcode: exact, same sector, same district (people move, extracts lag)",
        "comparison_levels": [
            _null("postcode"),
            _level(f"{a} = {b}", "Exact"),
            _level(f"{sector_l} = {sector_r}", "Same sector"),
            _level(f"split_part({a}, ' ', 1) = split_part({b}, ' ', 1)", "Same district"),
            _else(),
        ],
    }


def blocking_rules(dialect: str = "duckdb", columns: Collection[str] = COMPARED) -> list[BlockingRuleCreator | str]:
    """The blocking rules (blocking.py) whose columns are all among `columns`: all of them by default."""
    return blocking.blocking_rules(dialect, columns)


# EM sessions: each estimates the comparisons its rule does not fix. The first three are the model's own and run
# whenever the file has pairs for them; the rest stand in for them when a file lacks their columns.
SESSIONS: tuple[tuple[str, ...], ...] = (
    ("last_name", "dob"),
    ("first_name", "postcode"),
    # The only one of the model's sessions to see names that disagree but for their order, a part left out or their
    # spelling (Nguyen Thi Lan and Lan Nguyen; Mohamed and Muhammad), and so learn what those levels are worth.
    ("dob", "postcode"),
    ("nhs_number",),
)
STAND_IN_SESSIONS: tuple[tuple[str, ...], ...] = (
    ("first_name", "last_name"),
    ("first_name", "dob"),
    ("upn",),
    ("last_name", "postcode"),
    ("dob",),
)


def training_blocks(sessions: Iterable[tuple[str, ...]] = SESSIONS) -> list[BlockingRuleCreator]:
    """EM sessions: each estimates the comparisons its rule does not fix."""
    return [block_on(*columns) for columns in sessions]


# Pairs almost surely the same person, for estimating the chance two random records match: the model's own, each
# with the columns it needs; and for each, stand-ins that find much the same share of true pairs in a file that
# lacks its columns (an identifier for an identifier; a name and date of birth held with an address).
DETERMINISTIC: tuple[tuple[tuple[str, ...], str], ...] = (
    (("nhs_number",), "l.nhs_number = r.nhs_number"),
    (("first_name", "last_name", "dob"), "l.first_name = r.first_name AND l.last_name = r.last_name AND l.dob = r.dob"),
)
STAND_IN_DETERMINISTIC: tuple[tuple[tuple[tuple[str, ...], str], ...], ...] = (
    ((("upn",), "l.upn = r.upn"),),
    (
        (("first_name", "last_name", "postcode"), "l.first_name = r.first_name AND l.last_name = r.last_name "
         "AND l.postcode = r.postcode"),
        (("last_name", "dob", "postcode"), "l.last_name = r.last_name AND l.dob = r.dob "
         "AND l.postcode = r.postcode"),
        (("first_name", "dob", "postcode"), "l.first_name = r.first_name AND l.dob = r.dob "
         "AND l.postcode = r.postcode"),
    ),
)  # fmt: skip


def deterministic_rules() -> list[str | BlockingRuleCreator]:
    """Pairs almost surely the same person, for estimating the chance two random records match."""
    return [rule for _columns, rule in DETERMINISTIC]


# The comparisons are written in DuckDB's SQL. Spark quotes identifiers with backticks and names three functions
# differently; Splink's Spark backend registers jaro_winkler and damerau_levenshtein from its jar.
SPARK_FUNCTIONS = {
    "jaro_winkler_similarity": "jaro_winkler",
    "list_has_any": "arrays_overlap",
    "starts_with": "startswith",
}


def _in_dialect(comparison: dict[str, Any], dialect: str) -> dict[str, Any]:
    if dialect == "duckdb":
        return comparison
    if dialect != "spark":
        raise ValueError(f"no SQL for dialect {dialect!r}: duckdb or spark")
    levels = []
    for level in comparison["comparison_levels"]:
        sql = re.sub(r'"(\w+)"', r"`\1`", level["sql_condition"])
        for duckdb_name, spark_name in SPARK_FUNCTIONS.items():
            sql = re.sub(rf"\b{duckdb_name}\(", f"{spark_name}(", sql)
        # Spark has no list_has_all(a, b): every element of b is in a when b less a is empty.
        sql = re.sub(r"\blist_has_all\((`\w+`), (`\w+`)\)", r"size(array_except(\2, \1)) = 0", sql)
        levels.append({**level, "sql_condition": sql})
    return {**comparison, "comparison_levels": levels}


def comparisons(columns: Collection[str] = COMPARED) -> dict[str, dict[str, Any]]:
    """Each compared column's comparison, in the model's order (DuckDB's dialect), as a file with these columns
    populated has them (the surname's levels for two women need sex, and the one for two adult women dates of birth
    or ages)."""
    return {
        "first_name": _first_name(),
        "middle_names": _middle_name(),
        "last_name": _last_name(sex="sex" in columns, born=bool({"dob", "birth_year"} & set(columns))),
        "dob": _dob(),
        "nhs_number": _exact("nhs_number", "NHS number", u_exact=U_IDENTIFIER),
        "upn": _exact("upn", "Unique pupil number", u_exact=U_IDENTIFIER),
        "postcode": _postcode(),
        "sex": _exact("sex", "Sex"),
        "birth_year": _birth_year(),
    }


def settings(dialect: str = "duckdb", columns: Collection[str] = COMPARED) -> dict[str, Any]:
    """The model, its SQL in DuckDB's dialect or (dialect="spark") Spark's, for Splink's Spark backend; comparing
    only `columns` (those a file has populated: a comparison of a column always blank is noise to train on)."""
    built: dict[str, Any] = {
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "comparisons": [comparison for name, comparison in comparisons(columns).items() if name in columns],
        "blocking_rules_to_generate_predictions": blocking_rules(dialect, columns),
        "retain_matching_columns": True,
        "retain_intermediate_calculation_columns": False,
        "additional_columns_to_retain": ["source"],
        "max_iterations": 20,
        "em_convergence": 0.001,
    }
    built["comparisons"] = [_in_dialect(comparison, dialect) for comparison in built["comparisons"]]
    return built
