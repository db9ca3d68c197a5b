"""The identity review queue `make demo` leaves, and the children it shows as several people, against the truth.

    .venv/bin/python bench/review_queue.py                 # the demo county: 2,000 children, seed 2026
    .venv/bin/python bench/review_queue.py --keep DIR      # and keep the scratch database and county in DIR

Builds the demo as `make demo` does (`frontdoor demo --no-serve`: migrate, demo data, the synthetic county of
demo.py's size and seed, every extract ingested, `frontdoor link`) in a scratch SQLite database, then reports:

- open_review_pairs: the pairs waiting on the identity review queue (kept_apart_pairs: those the clustering kept
  apart; settled_pairs: pairs the run left but settled, not waiting, where the application has that status);
- split_agreeing: truth persons whose records are in several people although two of those records, in different
  people, agree on first name, last name and date of birth (normalised as linkage compares them);
- split_total: truth persons whose records are in several people, whatever the records say.

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTDOOR = str(ROOT / ".venv" / "bin" / "frontdoor")

MEASURE = """
import json
from frontdoor.linkage.models import ReviewItem, ReviewStatus
from frontdoor.linkage.names import normalise_name
from frontdoor.people.models import SourceRecord
open_items = ReviewItem.objects.filter(status=ReviewStatus.OPEN)
settled = ReviewItem.objects.filter(status="settled")
rows = SourceRecord.objects.values_list("system", "source_id", "person_id", "first_name", "last_name", "date_of_birth")
print(json.dumps({
    "open": open_items.count(),
    "refused": open_items.filter(reason="refused").count(),
    "settled": settled.count(),
    "records": [
        [s, i, p, normalise_name(f or ""), normalise_name(l or ""), d.isoformat() if d else ""]
        for s, i, p, f, l, d in rows
    ],
}))
"""


def splits(records: list[list], truth: dict[tuple[str, str], str]) -> tuple[int, int, list[str]]:
    """(truth persons in several people, those of them with two records in different people agreeing on first name,
    last name and date of birth, a few of the latter's ids)."""
    people_of: dict[str, set[int]] = defaultdict(set)
    keys_of: dict[str, dict[tuple[str, str, str], set[int]]] = defaultdict(lambda: defaultdict(set))
    for system, source_id, person_id, first, last, dob in records:
        true = truth.get((system, source_id))
        if true is None or person_id is None:
            continue
        people_of[true].add(person_id)
        if first and last and dob:
            keys_of[true][(first, last, dob)].add(person_id)
    split = [true for true, people in people_of.items() if len(people) > 1]
    agreeing = sorted(true for true in split if any(len(people) > 1 for people in keys_of[true].values()))
    return len(split), len(agreeing), agreeing[:10]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, default=None, help="build in this directory and leave it there")
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="review-queue-bench-"))
    scratch.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTDOOR_", "DATABASE_URL"))}
    env |= {"FRONTDOOR_ENV": "demo", "FRONTDOOR_VAR_DIR": str(scratch), "FRONTDOOR_LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}"}  # fmt: skip
    started = time.perf_counter()
    subprocess.run([FRONTDOOR, "demo", "--no-serve"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    build_seconds = time.perf_counter() - started
    measured = subprocess.run(
        [FRONTDOOR, "shell", "-c", MEASURE], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    found = json.loads(measured.stdout.strip().splitlines()[-1])
    with (scratch / "county" / "truth" / "records.csv").open(encoding="utf-8", newline="") as stream:
        truth = {(row["system"], row["source_id"]): row["person_id"] for row in csv.DictReader(stream)}
    split_total, split_agreeing, examples = splits(found["records"], truth)
    summary = {
        "open_review_pairs": found["open"],
        "kept_apart_pairs": found["refused"],
        "settled_pairs": found["settled"],
        "split_agreeing": split_agreeing,
        "split_total": split_total,
        "split_agreeing_examples": examples,
        "records": len(found["records"]),
        "build_seconds": round(build_seconds),
    }
    if args.keep is None:
        subprocess.run(["rm", "-rf", str(scratch)], check=False)
    print(json.dumps(summary))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
