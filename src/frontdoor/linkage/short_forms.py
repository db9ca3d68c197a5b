"""A short form of a name on one birth date (ADR 0014): Sam Evans born 14 April 2018 at school is Samuel Evans born
14 April 2018 at the GP, whatever the two addresses. Pure: no Django, no DuckDB.

The model weighs each field on its own: a short form (Sam for Samuel, Becky for Rebecca) counts for less than the
same name, because across all pairs of records two different people share a name's forms more often than its
spelling. Between two records of one surname, one sex and one full date of birth, though, two different people are
twins, and twins are never given two forms of one name: there a short form is as good as the name itself. Measured on
the second population, every pair of records of one surname, sex and birth date under two forms of one first name
that scored below the join threshold was one person (28 of 28), while most other pairs in that band were two. Such a
pair is weighed as if its first names were the same: the model's weight for the same first name replaces its weight
for a short form. The twin guard still decides whether the pair may join (Bella and Ella are two names).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SAME_LABEL = "Exact"
FORM_LABEL = "Nickname or anglicised form"
READS = ("first_name", "first_name_keys", "first_name_spelling", "last_name", "dob", "sex")


def one_name_one_birth(left: Mapping[str, Any], right: Mapping[str, Any]) -> bool:
    """Two prepared records of one surname, sex and full date of birth (each held on both) under two forms of one
    first name (names.name_keys: Sam and Samuel, not Sam and Ben), not one name spelt two ways (spellings.py): twins
    are given those (Aisha and Ayesha), and the model weighs a spelling near the name already."""
    if any(
        left.get(column) is None or right.get(column) is None for column in ("first_name", "last_name", "dob", "sex")
    ):
        return False
    return (
        left["first_name"] != right["first_name"]
        and left.get("first_name_spelling") != right.get("first_name_spelling")
        and left["last_name"] == right["last_name"]
        and left["dob"] == right["dob"]
        and left["sex"] == right["sex"]
        and bool(set(left.get("first_name_keys") or ()) & set(right.get("first_name_keys") or ()))
    )


def lift_of(weights: Mapping[str, float]) -> float:
    """How much more the model weighs the same first name than a short form of it (the first-name comparison's level
    weights by label); nothing where the model has either level without a weight, or weighs the form as much."""
    same, form = weights.get(SAME_LABEL), weights.get(FORM_LABEL)
    if same is None or form is None or not math.isfinite(same) or not math.isfinite(form):
        return 0.0
    return max(same - form, 0.0)


def first_name_weights(model_json: Mapping[str, Any]) -> dict[str, float]:
    """The trained model's first-name level weights (log2 of m over u) by label, for the levels trained."""
    out: dict[str, float] = {}
    for comparison in model_json.get("comparisons", []):
        if comparison.get("output_column_name") != "first_name":
            continue
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if m and u and not level.get("is_null_level"):
                out[level.get("label_for_charts", "")] = math.log2(m / u)
    return out


def raised_forms(table: pa.Table, scored: pa.Table, threshold_weight: float, lift: float) -> pa.Table:
    """The scored pairs (unique_id_l, unique_id_r as rows, match_weight) below the threshold that the same first
    name's weight in place of a short form's lifts to it or above (one_name_one_birth), with their raised weight."""
    empty = scored.schema.empty_table()
    if lift <= 0 or scored.num_rows == 0:
        return empty
    weight = scored.column("match_weight")
    near = scored.filter(pc.and_(pc.greater_equal(weight, threshold_weight - lift), pc.less(weight, threshold_weight)))
    if near.num_rows == 0:
        return empty
    left = near.column("unique_id_l").to_numpy().astype(np.int64)
    right = near.column("unique_id_r").to_numpy().astype(np.int64)
    rows = np.unique(np.concatenate([left, right]))
    taken = table.select(list(READS)).take(pa.array(rows, pa.int64())).to_pylist()
    records = dict(zip(rows.tolist(), taken, strict=True))
    kept = np.array(
        [one_name_one_birth(records[a], records[b]) for a, b in zip(left.tolist(), right.tolist(), strict=True)],
        dtype=bool,
    )
    chosen = near.filter(pa.array(kept))
    return chosen.set_column(
        chosen.schema.get_field_index("match_weight"), "match_weight", pc.add(chosen.column("match_weight"), lift)
    )


def raised_weight(
    left: Mapping[str, Any], right: Mapping[str, Any], weight: float, threshold_weight: float, lift: float
) -> float:
    """One pair's weight as the worker weighs it, alike to raised_forms: raised by lift where it is short of the
    threshold by no more and the two are one_name_one_birth."""
    if lift > 0 and threshold_weight - lift <= weight < threshold_weight and one_name_one_birth(left, right):
        return weight + lift
    return weight
