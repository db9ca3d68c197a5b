"""The packaged model: trained on a synthetic county, for files too small or too sparse to train on, and for the
weights a file cannot teach (a comparison no EM session of the file's can estimate, a level it never shows).

    .venv/bin/python -m frontdoor.linkage.default_model      # regenerate default_model.json (about a minute)

It is restricted to the columns a file has, and its match rate (the chance two random records are one person) is
scaled to the file's size: a county's records each have a few others of the same person, whatever its size, so the
share of all pairs that match falls as the file grows. ADR 0007.
"""

from __future__ import annotations

import copy
import json
import sys
import tempfile
from collections.abc import Collection, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from frontdoor.linkage import splink_settings

PATH = Path(__file__).with_name("default_model.json")
# The county it is trained on: big enough to see every comparison level, small enough to regenerate in a minute.
CHILDREN = 6_000
SEED = 11
HIGHEST_RATE = 0.5


@cache
def packaged() -> dict[str, Any]:
    """The packaged file: {"trained_on_records": n, "model": Splink JSON}."""
    content: dict[str, Any] = json.loads(PATH.read_text(encoding="utf-8"))
    return content


def scaled_rate(records: int) -> float:
    """The packaged match rate for a file of this many records."""
    trained = packaged()
    rate = float(trained["model"]["probability_two_random_records_match"])
    return min(HIGHEST_RATE, rate * max(trained["trained_on_records"] - 1, 1) / max(records - 1, 1))


def _levels(model: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    return {
        (comparison["output_column_name"], level.get("label_for_charts", "")): level
        for comparison in model["comparisons"]
        for level in comparison["comparison_levels"]
        if not level.get("is_null_level")
    }


def filled(model: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The model with every m and u it lacks (never trained: Splink leaves them out of its JSON) taken from the
    packaged model; and the comparisons that borrowed any."""
    out = copy.deepcopy(dict(model))
    known = _levels(packaged()["model"])
    borrowed: list[str] = []
    for comparison in out["comparisons"]:
        name = comparison["output_column_name"]
        for level in comparison["comparison_levels"]:
            source = known.get((name, level.get("label_for_charts", "")))
            if level.get("is_null_level") or source is None:
                continue
            for key in ("m_probability", "u_probability"):
                if key not in level and key in source:
                    level[key] = source[key]
                    if name not in borrowed:
                        borrowed.append(name)
    return out, borrowed


def restricted(columns: Collection[str], records: int, dialect: str = "duckdb") -> dict[str, Any]:
    """The packaged model comparing only these columns, blocking only on them, its match rate scaled to the file."""
    model = splink_settings.settings(dialect, columns)
    model["probability_two_random_records_match"] = scaled_rate(records)
    return filled(model)[0]


# A level the county's errors never or seldom produce: its m, where training left none or less, is the product of
# the levels it combines, each as the county teaches it (the names in another order, and a name one edit out or a
# short form: the share of true pairs at that level over those at Exact). The county swaps both names together, so
# one name in the other's box with the other a short form (Bennett Matt, Matthew Bennett) is all but unseen there.
COMBINED = {
    splink_settings.SWAPPED_ONE_EDIT_LABEL: (splink_settings.SAME_PARTS_LABEL, "Jaro-Winkler >= 0.92", "Exact"),
    splink_settings.CROSSED_LABEL: (splink_settings.SAME_PARTS_LABEL, "Nickname or anglicised form", "Exact"),
}


def with_combined_levels(model: dict[str, Any]) -> dict[str, Any]:
    """The trained model with an m for each COMBINED level that training left without one, or with less."""
    for comparison in model["comparisons"]:
        m = {level.get("label_for_charts"): level.get("m_probability") for level in comparison["comparison_levels"]}
        for level in comparison["comparison_levels"]:
            parts = COMBINED.get(level.get("label_for_charts", ""))
            if parts is None or any(m.get(label) is None for label in parts):
                continue
            swapped, typo, exact = (m[label] for label in parts)
            level["m_probability"] = max(level.get("m_probability") or 0.0, swapped * typo / exact)
    return model


def names_at_most_exact(model: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The model with no level of the surname comparison weighing more than its Exact level, and whether any did.
    Names in another order (Williams Scarlett for Scarlett Williams) meet the "same parts" level of both name
    comparisons, and each level's u is the chance that two people's whole names share their parts: the first name's
    level weighs the whole name, and the surname's counted the same event again, so that a swapped name with nothing
    else outweighed an exact one with an address. Capped, the surname adds no more than the same surname (ADR 0011)."""
    changed = False
    for comparison in model["comparisons"]:
        if comparison["output_column_name"] != "last_name":
            continue
        levels = comparison["comparison_levels"]
        exact = next((lv for lv in levels if lv.get("label_for_charts") == "Exact"), None)
        if exact is None or not exact.get("m_probability") or not exact.get("u_probability"):
            continue
        ratio = exact["m_probability"] / exact["u_probability"]
        for level in levels:
            m, u = level.get("m_probability"), level.get("u_probability")
            if level is exact or level.get("is_null_level") or not m or not u or m / u <= ratio:
                continue
            level["u_probability"] = m / ratio
            changed = True
    return model, changed


def main() -> None:
    """Train the model on a synthetic county with every column, its own training steps, and write it here."""
    # Imported when run: scoring reads the packaged model, and linking a file needs no generator.
    from frontdoor.linkage import scoring
    from frontdoor.linkage.county import read_table
    from frontdoor.linkage.preparation import prepare
    from frontdoor.synth import SynthOptions, generate

    with tempfile.TemporaryDirectory(prefix="default-model-") as scratch:
        generate(SynthOptions(children=CHILDREN, seed=SEED), Path(scratch))
        table = prepare(read_table(Path(scratch)))
    linker, connection = scoring.new_linker(scoring.numbered(table), splink_settings.settings())
    scoring.train(linker, seed=SEED)
    model, _capped = names_at_most_exact(with_combined_levels(linker.misc.save_model_to_json()))
    connection.close()
    model.pop("linker_uid", None)  # a fresh one each run: noise in the diff
    PATH.write_text(json.dumps({"trained_on_records": table.num_rows, "model": model}, indent=1) + "\n", "utf-8")
    sys.stdout.write(f"{PATH.name}: trained on {table.num_rows} records\n")


if __name__ == "__main__":
    main()
