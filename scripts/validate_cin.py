"""Check a children in need census XML with the DfE rules of `csc-validator-be-cin` (import `cin_validator`) and
print what it finds as JSON. Run by the validators' own virtual environment (`make validators`), never by
frontdoor's: the validator pins an older pandas.

    .venv-validators/bin/python scripts/validate_cin.py --year 2026 FILE.xml

The rule set is the collection year's (`cin2025_26` for 2026), or the newest the installed validator has when it has
none for that year (said as "ruleset" and "asked"). Prints {"ruleset", "asked", "rules", "errors": [{"rule",
"query", "message", "child", "table", "column"}], "return_level": [{"rule", "query", "message"}]}; a rule whose code
ends in Q is a query (to check, or explain to the DfE), not an error.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import pkgutil
import sys
import warnings
import xml.etree.ElementTree as ET


def available_rulesets() -> list[str]:
    import cin_validator.rules as rules

    return sorted(m.name for m in pkgutil.iter_modules(rules.__path__) if m.name.startswith("cin20"))


def choose_ruleset(year: int) -> str:
    wanted = f"cin{year - 1}_{year % 100:02d}"
    known = available_rulesets()
    if wanted in known:
        return wanted
    older = [r for r in known if r <= wanted]
    return older[-1] if older else known[0]


def _text(value) -> str | None:
    if value is None or value != value:  # NaN
        return None
    return str(value)


def validate(path: str, year: int) -> dict:
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")  # pandas 1.5 warns of its own future; the JSON is the answer
    from cin_validator.cin_validator import CinValidator, convert_data, process_data

    ruleset = choose_ruleset(year)
    registry = importlib.import_module(f"cin_validator.rules.{ruleset}").registry
    root = ET.parse(path).getroot()  # noqa: S314
    validator = CinValidator(process_data(convert_data(root)), registry, None)
    errors = []
    frame = validator.full_issue_df
    for row in frame.to_dict("records") if len(frame) else []:
        code = str(row.get("rule_code"))
        errors.append(
            {
                "rule": code,
                "query": code.endswith("Q"),
                "message": _text(row.get("rule_description")) or "",
                "child": _text(row.get("child_id")),
                "table": _text(row.get("tables_affected")),
                "column": _text(row.get("columns_affected")),
            }
        )
    return_level = []
    for row in validator.multichild_issues.drop_duplicates().to_dict("records"):
        code = str(row.get("rule_code"))
        return_level.append({"rule": code, "query": code.endswith("Q"), "message": _text(row.get("rule_description"))})
    return {
        "ruleset": ruleset,
        "asked": f"cin{year - 1}_{year % 100:02d}",
        "rules": sorted(str(code) for code in registry),
        "errors": errors,
        "return_level": return_level,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="The census XML file")
    parser.add_argument("--year", type=int, required=True, help="The year the collection year ends in (2026)")
    args = parser.parse_args(argv)
    result = validate(args.path, args.year)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    failed = [e for e in result["errors"] + result["return_level"] if not e["query"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
