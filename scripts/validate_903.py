"""Check SSDA903 CSV files with the DfE rules of `csc-validator-be-903` (import `lac_validator`) and print what it
finds as JSON. Run by the validators' own virtual environment (`make validators`), never by frontdoor's: the
validator pins an older pandas.

    .venv-validators/bin/python scripts/validate_903.py --year 2026 DIR_OR_CSV...

Only the rules that check the Missing table are run (every rule whose tables include it); the Header and Episodes
files are read as what those rules check the Missing table against. Prints
{"ruleset", "rules", "errors": [{"rule", "message", "table", "row", "child"}], "skipped", "failed"}; a rule is
"skipped" when a table it needs was not given, "failed" when it could not run on the data.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from pathlib import Path


def _files(paths: list[str]) -> list[dict]:
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        found.extend(sorted(path.glob("ssda903_*.csv")) if path.is_dir() else [path])
    return [{"name": p.name, "description": "This year", "file_content": p.read_bytes()} for p in found]


def validate(files: list[dict], year: int, la: str) -> dict:
    logging.disable(logging.CRITICAL)  # the validator logs every rule at INFO; the JSON is the answer
    from lac_validator.lac_validator import LacValidator

    ruleset = f"lac{year - 1}_{year % 100:02d}"
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    rules = {code: rule for code, rule in registry.items() if "Missing" in (rule.tables or [])}
    validator = LacValidator(
        metadata={"collectionYear": str(year), "localAuthority": la},
        files=files,
        registry=registry,
        selected_rules=list(rules),
    )
    errors = []
    for table, frame in validator.ds_results.items():
        if table == "metadata" or not hasattr(frame, "columns"):
            continue
        for column in [c for c in frame.columns if str(c).startswith("ERR_")]:
            code = column[4:]
            for row in frame.index[frame[column] == True].tolist():  # noqa: E712 (pandas)
                child = frame.at[row, "CHILD"] if "CHILD" in frame.columns else None
                errors.append(
                    {
                        "rule": code,
                        "message": rules[code].message if code in rules else "",
                        "table": table,
                        "row": int(row),
                        "child": None if child is None or child != child else str(child),
                    }
                )
    return {
        "ruleset": ruleset,
        "rules": sorted(rules),
        "tables": sorted(t for t in validator.dfs),
        "errors": errors,
        "skipped": sorted(validator.skips),
        "failed": sorted(validator.fails),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="A folder of ssda903_*.csv files, or the CSV files")
    parser.add_argument("--year", type=int, required=True, help="The year the collection year ends in (2026)")
    parser.add_argument(
        "--la",
        default="",
        help="The local authority's code; the Missing table's rules do not use it (the Episodes' postcode checks do)",
    )
    args = parser.parse_args(argv)
    result = validate(_files(args.paths), args.year, args.la)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 1 if result["errors"] or result["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
