"""Measure `link-file` on a synthetic county's records written as one person file, with each column removed in turn.

    .venv/bin/python bench/link_file.py                        # about 1,000 children (a few thousand records)
    .venv/bin/python bench/link_file.py --children 3000

Each variant is the same file without one of first name, last name, date of birth, sex, postcode, NHS number and
UPN (and one with names, date of birth and sex only, as police and many extracts hold): linked as an analyst would
(training on the file itself), scored against the county's truth. Prints pairwise precision, recall, F1 and twin
pairs merged for each, with the command's notes; the last line is one JSON object (`f1_without_<column>`, ...).
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from linkage import UNIQUE_SYSTEMS, evaluate

from frontdoor.linkage.county import read_records, read_truth
from frontdoor.linkage.files import link_person_file
from frontdoor.synth import SynthOptions, generate

COLUMNS = ("first_name", "last_name", "dob", "sex", "postcode", "nhs_number", "upn")
VARIANTS: dict[str, tuple[str, ...]] = {
    "all": COLUMNS,
    **{f"without_{column}": tuple(c for c in COLUMNS if c != column) for column in COLUMNS},
    "names_dob_sex": ("first_name", "last_name", "dob", "sex"),
}


def write_file(path: Path, records: list[dict[str, Any]], columns: tuple[str, ...]) -> None:
    """The records as a person file holding only these columns (and record_id, source)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["record_id", "source", *columns])
        for record in records:
            values = [record[c].isoformat() if c == "dob" and record[c] else record[c] or "" for c in columns]
            writer.writerow([record["unique_id"], record["source"], *values])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--only", nargs="*", choices=sorted(VARIANTS), help="these variants only")
    args = parser.parse_args(argv)
    logging.getLogger("splink").setLevel(logging.ERROR)
    summary: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="link-file-bench-") as scratch:
        county = Path(scratch) / "county"
        generate(SynthOptions(children=args.children, seed=args.seed), county)
        records = list(read_records(county))
        person_of, twins = read_truth(county)
        summary["records"] = len(records)
        for name, columns in VARIANTS.items():
            if args.only and name not in args.only:
                continue
            source, out = Path(scratch) / f"{name}.csv", Path(scratch) / f"{name}-ids.csv"
            write_file(source, records, columns)
            started = time.perf_counter()
            linked = link_person_file(source, out, unique_sources=UNIQUE_SYSTEMS)
            seconds = time.perf_counter() - started
            measured = evaluate(linked.person_ids, person_of, twins)
            print(
                f"{name:<22} precision {measured['precision']:.4f}  recall {measured['recall']:.4f}  "
                f"f1 {measured['f1']:.4f}  twin pairs merged {measured['twin_pairs_merged']}  {seconds:.1f}s"
            )
            for note in linked.notes:
                print(f"    {note}")
            summary[f"f1_{name}"] = round(measured["f1"], 5)
            summary[f"precision_{name}"] = round(measured["precision"], 5)
            summary[f"twin_pairs_merged_{name}"] = measured["twin_pairs_merged"]
    print(json.dumps(summary))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
