"""The model's blocking rules: which pairs of prepared records (splink_settings' columns) are scored at all. Each
survives a different mistake or missing field, and each says which columns it needs, so that a file is blocked only
on what it holds. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Collection

from splink import block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator

# Both names held on both sides.
_BOTH = "l.first_name IS NOT NULL AND l.last_name IS NOT NULL AND r.first_name IS NOT NULL AND r.last_name IS NOT NULL"
_INITIALS = (
    "substr(l.first_name, 1, 1) = substr(r.first_name, 1, 1) AND substr(l.last_name, 1, 1) = substr(r.last_name, 1, 1)"
)
# Birth years that overlap (a date of birth's year, or the years an age allows), or not known on one side.
_YEARS_FIT = "coalesce(l.birth_year_low <= r.birth_year_high AND r.birth_year_low <= l.birth_year_high, TRUE)"


def _rules(dialect: str) -> list[tuple[frozenset[str], BlockingRuleCreator | str]]:
    """Each blocking rule with the columns it needs populated to find any pair."""
    # The first nickname key: DuckDB's lists count from 1; Spark's [] counts from 0 and fails past the end (ANSI).
    first_key = "first_name_keys[1]" if dialect == "duckdb" else "try_element_at(first_name_keys, 1)"
    # The names as spelt, or spelt another way (spellings.py): a name with no other spelling is its own key.
    names = "l.first_name_spelling = r.first_name_spelling AND l.last_name_spelling = r.last_name_spelling"
    middle_first = "l.first_name = r.middle_names AND l.last_name = r.last_name"
    first_middle = "l.middle_names = r.first_name AND l.last_name = r.last_name"
    same_year = "substr(l.dob, 1, 4) = substr(r.dob, 1, 4)"
    swapped = "l.first_name = r.last_name AND l.last_name = r.first_name"
    first, middle, last, dob, postcode = "first_name", "middle_names", "last_name", "dob", "postcode"
    return [
        (frozenset({"nhs_number"}), block_on("nhs_number")),  # identifiers survive any name or date error
        (frozenset({"upn"}), block_on("upn")),
        (frozenset({last, dob}), block_on("last_name", "dob")),  # nickname or typo in the first name
        (frozenset({first, dob}), block_on("first_name", "dob")),  # surname changed
        (frozenset({dob, postcode}), block_on("dob", "postcode")),  # nickname and surname change together
        # Day or month mistyped, or transposed; then the year mistyped.
        (frozenset({first, last, dob}), block_on("first_name_spelling", "last_name_spelling", "substr(dob, 1, 4)")),
        (frozenset({first, last, dob}), block_on("first_name_spelling", "last_name_spelling", "substr(dob, 6, 5)")),
        # Both names mistyped (Hoossein Tehranl for Hossein Tehrani), or a short form and a typo (Joe Halk): the
        # initials on one date of birth.
        (frozenset({first, last, dob}), f"l.dob = r.dob AND {_INITIALS}"),
        # No date of birth (police give an age instead, or the file has none).
        (frozenset({first, last}), f"{names} AND l.dob IS NULL AND {_YEARS_FIT}"),
        (frozenset({first, last}), f"{names} AND r.dob IS NULL AND {_YEARS_FIT}"),
        (frozenset({first, last, dob}), block_on(first_key, "last_name", "substr(dob, 1, 4)")),  # nickname, date error
        (frozenset({first, postcode}), block_on("first_name", "postcode")),  # surname change and a date error
        # First-name typo, no birth date.
        (frozenset({last, postcode}), f"l.last_name = r.last_name AND l.postcode = r.postcode AND {_YEARS_FIT}"),
        # Both names mistyped (Miaa Joes for Mia Jones), no birth date: their initials at one address.
        (frozenset({first, last, postcode}), f"{_INITIALS} AND l.postcode = r.postcode AND {_YEARS_FIT}"),
        # Known by a middle name in one system: equi-joins one way round each, as a blocking rule must.
        (frozenset({first, middle, last, dob}), f"{middle_first} AND {same_year}"),
        (frozenset({first, middle, last, dob}), f"{first_middle} AND {same_year}"),
        (frozenset({first, middle, last}), f"{middle_first} AND l.dob IS NULL AND {_YEARS_FIT}"),
        (frozenset({first, middle, last}), f"{middle_first} AND r.dob IS NULL AND {_YEARS_FIT}"),
        (frozenset({first, middle, last}), f"{first_middle} AND l.dob IS NULL AND {_YEARS_FIT}"),
        (frozenset({first, middle, last}), f"{first_middle} AND r.dob IS NULL AND {_YEARS_FIT}"),
        # Given and family names the other way round (family name first in one system, Nguyen Thi Lan and Lan
        # Nguyen): the swapped names with the birth years fitting; one name in the other's place on one birth date.
        (frozenset({first, last}), f"{swapped} AND {_YEARS_FIT}"),
        (frozenset({first, last, dob}), "l.first_name = r.last_name AND l.dob = r.dob"),
        (frozenset({first, last, dob}), "l.last_name = r.first_name AND l.dob = r.dob"),
        # The same with no date of birth on one side (police adults), a typo in the other name: one name in the
        # other's place at one address, both names held on both sides (a mononym is not a name swapped, and it
        # would pair with every child at the address whose surname it is).
        (frozenset({first, last, postcode}), f"l.first_name = r.last_name AND l.postcode = r.postcode AND {_BOTH}"),
        (frozenset({first, last, postcode}), f"l.last_name = r.first_name AND l.postcode = r.postcode AND {_BOTH}"),
    ]


def blocking_rules(dialect: str, columns: Collection[str]) -> list[BlockingRuleCreator | str]:
    """Candidate pairs, chosen for recall: each rule survives a different mistake or missing field; only the rules
    whose columns are all among `columns` (the ones a file has: a rule on a column it lacks finds nothing).

    Each is an equality join on selective keys: a rule keyed on names alone would pair every Oliver Smith with every
    other (tens of millions of pairs in a million records), so it also needs the birth year, or the birth years to
    fit where one date of birth is missing (a condition on one side, applied before the join)."""
    return [rule for needs, rule in _rules(dialect) if needs <= set(columns)]
