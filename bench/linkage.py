"""Measure batch linkage on a synthetic county against its ground truth, without Django or a database.

    .venv/bin/python bench/linkage.py --quick                  # about 3,000 children, under a minute
    .venv/bin/python bench/linkage.py                          # 130,000 children
    .venv/bin/python bench/linkage.py --records 1000000        # a county of at least a million person records
    .venv/bin/python bench/linkage.py --county DIR             # an existing `frontdoor synth` output

Prints pairwise and cluster-level precision, recall and F1, twin pairs merged, seconds per stage and peak
resident memory; the last line is one JSON object (keys not measured here are null).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from febrl import febrl3, febrl4
from febrl import report as febrl_report

from frontdoor.linkage.county import read_table, read_truth
from frontdoor.linkage.engine import link, prepare
from frontdoor.synth import SynthOptions, generate

UNIQUE_SYSTEMS = ("health", "education")  # systems that hold each person once


def pairs(groups: dict[str, list[str]]) -> int:
    return sum(len(members) * (len(members) - 1) // 2 for members in groups.values())


def evaluate(clusters: dict[str, str], person_of: dict[str, str], twins: set[frozenset[str]]) -> dict[str, Any]:
    """Pairwise precision and recall over all record pairs, cluster-level exact-match rates, twin pairs merged."""
    predicted: dict[str, list[str]] = defaultdict(list)
    actual: dict[str, list[str]] = defaultdict(list)
    for uid, label in clusters.items():
        predicted[label].append(uid)
        actual[person_of[uid]].append(uid)
    true_positive = 0
    twin_pairs_merged = set()
    for members in predicted.values():
        people = Counter(person_of[uid] for uid in members)
        true_positive += sum(n * (n - 1) // 2 for n in people.values())
        for pair in twins:
            if len(people) > 1 and pair <= people.keys():
                twin_pairs_merged.add(pair)
    predicted_pairs, actual_pairs = pairs(predicted), pairs(actual)
    precision = true_positive / predicted_pairs if predicted_pairs else 1.0
    recall = true_positive / actual_pairs if actual_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    true_sets = {frozenset(m) for m in actual.values()}
    exact = sum(1 for m in predicted.values() if frozenset(m) in true_sets)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "cluster_precision": exact / len(predicted),
        "cluster_recall": exact / len(actual),
        "clusters": len(predicted),
        "people": len(actual),
        "twin_pairs_merged": len(twin_pairs_merged),
        "twin_pairs": len(twins),
    }


def run(county: Path) -> dict[str, Any]:
    started = time.perf_counter()
    records = read_table(county)
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    table = prepare(records)
    prepare_seconds = time.perf_counter() - started
    person_of, twins = read_truth(county)
    result = link(table, unique_systems=UNIQUE_SYSTEMS)
    seconds = {"read": read_seconds, **result.seconds, "prepare": prepare_seconds}
    measures = evaluate(result.clusters, person_of, twins)
    return {
        "records": records.num_rows,
        "pairs_scored": result.pairs_scored,
        "edges_refused": result.edges_refused,
        **measures,
        "seconds": seconds,
        # Reading the extracts is the adapters' work, training is reported apart: linking is prepare..cluster.
        "link_seconds": sum(v for k, v in seconds.items() if k not in ("read", "train")),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 3,000-children county")
    parser.add_argument("--children", type=int, default=130_000)
    parser.add_argument("--records", type=int, default=None, help="passed to synth as --linkage-records")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--county", type=Path, default=None, help="an existing county directory")
    args = parser.parse_args(argv)
    children = 3_000 if args.quick else args.children
    with tempfile.TemporaryDirectory(prefix="linkage-bench-") as scratch:
        county = args.county
        generate_seconds = 0.0
        if county is None:
            county = Path(scratch)
            started = time.perf_counter()
            generate(SynthOptions(children=children, seed=args.seed, linkage_records=args.records), county)
            generate_seconds = time.perf_counter() - started
        outcome = run(county)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"records {outcome['records']:,}  people {outcome['people']:,}  clusters {outcome['clusters']:,}")
    print(f"pairs scored {outcome['pairs_scored']:,}  edges refused by constraints {outcome['edges_refused']:,}")
    print(f"pairwise  precision {outcome['precision']:.4f}  recall {outcome['recall']:.4f}  f1 {outcome['f1']:.4f}")
    print(f"clusters  precision {outcome['cluster_precision']:.4f}  recall {outcome['cluster_recall']:.4f}")
    print(f"twin pairs merged {outcome['twin_pairs_merged']} of {outcome['twin_pairs']}")
    stages = "  ".join(f"{k} {v:.2f}s" for k, v in outcome["seconds"].items())
    print(f"generate {generate_seconds:.2f}s  {stages}  (link, training apart: {outcome['link_seconds']:.2f}s)")
    print(f"peak rss {peak_mb:.0f} MB")
    three, four = febrl3(), febrl4()  # after the county's peak memory is read: FEBRL's 5,000 records are small
    print(febrl_report("febrl3", three))
    print(febrl_report("febrl4", four))
    summary = {
        "precision": round(outcome["precision"], 5),
        "recall": round(outcome["recall"], 5),
        "f1": round(outcome["f1"], 5),
        "twin_pairs_merged": outcome["twin_pairs_merged"],
        "link_seconds_1m": round(outcome["link_seconds"], 2) if outcome["records"] >= 1_000_000 else None,
        "peak_mb": round(peak_mb),
        "realtime_p95_ms": None,
        "febrl3_f1": round(three["f1"], 5),
        "febrl4_f1": round(four["f1"], 5),
    }
    print(json.dumps(summary))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
