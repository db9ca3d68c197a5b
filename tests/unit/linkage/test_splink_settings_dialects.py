"""The model's SQL in Spark's dialect: the same comparisons, levels and blocking, with Spark's quoting and names."""

from __future__ import annotations

import re

import pytest

from frontdoor.linkage import splink_settings


def conditions(settings: dict) -> list[str]:
    return [level["sql_condition"] for c in settings["comparisons"] for level in c["comparison_levels"]]


def test_duckdb_is_the_default_and_unchanged() -> None:
    assert conditions(splink_settings.settings()) == conditions(splink_settings.settings("duckdb"))
    assert any("jaro_winkler_similarity(" in sql for sql in conditions(splink_settings.settings()))


def test_spark_has_the_same_levels_in_spark_sql() -> None:
    duckdb, spark = splink_settings.settings("duckdb"), splink_settings.settings("spark")
    labels = [[level.get("label_for_charts") for level in c["comparison_levels"]] for c in duckdb["comparisons"]]
    assert labels == [[level.get("label_for_charts") for level in c["comparison_levels"]] for c in spark["comparisons"]]
    for sql in conditions(spark):
        assert not re.search(r'"\w+"', sql)  # Spark reads "x" as a string, not a column
        assert not re.search(r"\b(jaro_winkler_similarity|list_has_any|list_has_all|starts_with)\(", sql)
    joined = " ".join(conditions(spark))
    assert "jaro_winkler(`first_name_l`, `first_name_r`) >= 0.92" in joined
    assert "arrays_overlap(`first_name_keys_l`, `first_name_keys_r`)" in joined
    assert "size(array_except(`name_parts_r`, `name_parts_l`)) = 0" in joined  # DuckDB's list_has_all(l, r)


def test_spark_blocking_reads_the_first_nickname_key_safely() -> None:
    rules = [rule if isinstance(rule, str) else rule.get_blocking_rule("spark").blocking_rule_sql
             for rule in splink_settings.blocking_rules("spark")]  # fmt: skip
    assert any("TRY_ELEMENT_AT(l.first_name_keys, 1)" in rule for rule in rules)
    assert len(rules) == len(splink_settings.blocking_rules())


def test_an_unknown_dialect_is_refused() -> None:
    with pytest.raises(ValueError, match="duckdb or spark"):
        splink_settings.settings("sqlite")
