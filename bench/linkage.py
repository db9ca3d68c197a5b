"""Measure batch linkage on a synthetic county against its ground truth, and real-time lookup against its records.

    .venv/bin/python bench/linkage.py --quick                  # about 3,000 children, under a minute
    .venv/bin/python bench/linkage.py                          # 130,000 children
    .venv/bin/python bench/linkage.py --records 1000000        # a county of at least a million person records
    .venv/bin/python bench/linkage.py --county DIR             # an existing `frontdoor synth` output
    .venv/bin/python bench/linkage.py --second-people 0        # the county alone
    .venv/bin/python bench/linkage.py --quick --system-duplicates 0.03   # health and education hold some twice

Prints pairwise and cluster-level precision, recall and F1, twin pairs merged, seconds per stage and peak
resident memory (of reading and linking); then real-time lookup latency (p50/p95/p99) and top-1 accuracy against
an index of every record, kept as the application keeps it (see realtime()). Then the same linkage on a second
population written apart from the county's generator (src/second_population, docs/second-population.md), with
recall and precision per name-origin group and per age band and the recall gap between the best and the worst
group; its figures are prefixed `second_`. The county is scored the same way: its truth carries each person's
name-origin group (frontdoor.synth.communities) and date of birth. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
from duplicates import review_band, within_systems
from febrl import febrl3, febrl4
from febrl import report as febrl_report

from frontdoor.config.linkage import FRONTDOOR_LINK_JOIN_PROBABILITY, FRONTDOOR_LINK_SPLIT_PROBABILITY
from frontdoor.linkage.county import read_table, read_truth
from frontdoor.linkage.engine import LinkageResult, link, prepare
from frontdoor.linkage.names import equivalents, normalise_name
from frontdoor.synth import SynthOptions, generate
from frontdoor.synth.errors import typo
from second_population import AGE_BANDS, ENGINE_COLUMNS
from second_population import generate as generate_second
from second_population.scoring import by_group, recall_gap_pp

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


def with_duplicates(records: pa.Table, person_of: dict[str, str], rate: float, seed: int) -> pa.Table:
    """Each record of a system that holds each person once copied, at this rate, as that system's own duplicate: the
    person registered again before their identifier was known (NHS number and UPN blank), under a new id."""
    rng = random.Random(seed)
    rows = records.to_pylist()
    copies = []
    for row in rows:
        if row["source"] in UNIQUE_SYSTEMS and rng.random() < rate:
            copy = {**row, "unique_id": f"{row['unique_id']}:again", "nhs_number": None, "upn": None}
            person_of[copy["unique_id"]] = person_of[row["unique_id"]]
            copies.append(copy)
    return pa.Table.from_pylist(rows + copies, schema=records.schema)


def run(
    county: Path, system_duplicates: float = 0.0, seed: int = 1
) -> tuple[dict[str, Any], pa.Table, LinkageResult, dict[str, str]]:
    started = time.perf_counter()
    records = read_table(county)
    read_seconds = time.perf_counter() - started
    person_of, twins = read_truth(county)
    if system_duplicates:
        records = with_duplicates(records, person_of, system_duplicates, seed)
    # What each record is recorded with (an address, an event), for household context (linkage.together): the
    # adapters' reading, as the application's run reads it from its tables, not linking.
    uids, keys = records.column("unique_id").to_pylist(), records.column("together").to_pylist()
    together = {uid: held for uid, held in zip(uids, keys, strict=True) if held}
    started = time.perf_counter()
    table = prepare(records)
    prepare_seconds = time.perf_counter() - started
    # Joined at the join threshold; the pairs between the split threshold and it are left for people (ADR 0009).
    result = link(
        table,
        threshold=FRONTDOOR_LINK_JOIN_PROBABILITY,
        unique_systems=UNIQUE_SYSTEMS,
        review_band=(FRONTDOOR_LINK_SPLIT_PROBABILITY, FRONTDOOR_LINK_JOIN_PROBABILITY),
        together=together,
    )
    seconds = {"read": read_seconds, **result.seconds, "prepare": prepare_seconds}
    measures = evaluate(result.clusters, person_of, twins) | review_band(result)
    measures["within_systems"] = within_systems(result.clusters, person_of)
    return (
        {
            "records": records.num_rows,
            "pairs_scored": result.pairs_scored,
            "edges_refused": result.edges_refused,
            **measures,
            "seconds": seconds,
            # Reading the extracts is the adapters' work, training is reported apart: linking is prepare..cluster.
            "link_seconds": sum(v for k, v in seconds.items() if k not in ("read", "train")),
        },
        records,
        result,
        person_of,
    )


def county_age_bands(county: Path) -> dict[str, str]:
    """Each person of the county's truth -> age band on the extract date (unborn children have none)."""
    extract = date.fromisoformat(json.loads((county / "manifest.json").read_text())["extract_date"])
    bands: dict[str, str] = {}
    with (county / "truth" / "people.csv").open() as f:
        for row in csv.DictReader(f):
            if row["dob"]:
                born = date.fromisoformat(row["dob"])
                age = extract.year - born.year - ((extract.month, extract.day) < (born.month, born.day))
                bands[row["person_id"]] = _band(age)
    return bands


def county_groups(county: Path) -> dict[str, str]:
    """Each person of the county's truth -> name-origin group (an older county without the column: none)."""
    with (county / "truth" / "people.csv").open() as f:
        return {row["person_id"]: row["name_origin"] for row in csv.DictReader(f) if row.get("name_origin")}


def _band(age: int) -> str:
    return "adult" if age >= 18 else "16-17" if age >= 16 else "11-15" if age >= 11 else "5-10" if age >= 5 else "0-4"


def run_second(people: int, seed: int) -> dict[str, Any]:
    """Link the second population as the county is linked (same engine, same systems held once), and score it
    overall, per name-origin group and per age band."""
    started = time.perf_counter()
    population = generate_second(people=people, seed=seed)
    generate_seconds = time.perf_counter() - started
    types = {"dob": pa.date32(), "age_from": pa.date32(), "age_to": pa.date32(), "age_years": pa.int32()}
    raw = pa.table(
        {name: pa.array([r[name] for r in population.records], types.get(name, pa.string())) for name in ENGINE_COLUMNS}
    )
    person_of = population.person_of()
    # What each record is recorded with (its address, a police incident), for household context as the county has.
    together = {r["unique_id"]: r["together"] for r in population.records if r["together"]}
    started = time.perf_counter()
    result = link(prepare(raw), unique_systems=UNIQUE_SYSTEMS, together=together)
    link_seconds = time.perf_counter() - started
    groups = {p.person_id: p.group for p in population.people}
    bands = {p.person_id: p.age_band for p in population.people}
    by_origin = by_group(result.clusters, person_of, groups)
    return {
        "records": raw.num_rows,
        **evaluate(result.clusters, person_of, population.twins),
        "by_group": by_origin,
        "recall_gap_pp": recall_gap_pp(by_origin),
        "by_age_band": by_group(result.clusters, person_of, bands, AGE_BANDS),
        "generate_seconds": generate_seconds,
        "link_seconds": link_seconds,
    }


def _rounded(measures: dict[str, dict[str, Any]]) -> dict[str, dict[str, float]]:
    return {k: {"precision": round(m["precision"], 5), "recall": round(m["recall"], 5)} for k, m in measures.items()}


def _print_groups(title: str, measures: dict[str, dict[str, Any]]) -> None:
    print(title)
    for name, m in measures.items():
        print(f"  {name:<20} people {m['people']:>7,}  true pairs {m['true_pairs']:>7,}  "
              f"precision {m['precision']:.4f}  recall {m['recall']:.4f}")  # fmt: skip


def realtime(
    raw: pa.Table,
    result: LinkageResult,
    person_of: dict[str, str],
    *,
    lookups: int,
    seed: int,
    misses: list | None = None,
) -> dict:
    """Real-time lookup against the candidate index the application uses: SourceRecord rows in a SQLite file made by
    the application's migrations (so with its indexes), searched and scored by candidates.find_candidates, the code
    the intake uses, with the run's model and term frequencies. Queries are records of the county made worse the
    ordinary ways (identifiers left off, a typo, a nickname, day and month swapped, no date or postcode).
    Top-1 is correct when the best candidate is a record of the same person."""
    scratch = Path(tempfile.mkdtemp(prefix="linkage-realtime-"))
    os.environ |= {"FRONTDOOR_VAR_DIR": str(scratch), "DATABASE_URL": f"sqlite:///{scratch / 'index.sqlite3'}",
                   "DJANGO_SETTINGS_MODULE": "frontdoor.settings"}  # fmt: skip
    import django

    django.setup()
    logging.getLogger("splink").setLevel(logging.WARNING)  # Django's logging settings would print its progress
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from frontdoor.linkage.candidates import find_candidates
    from frontdoor.linkage.models import LinkageRun
    from frontdoor.people.models import SourceRecord
    from frontdoor.people.phonetic import phonetic_key

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    rows = raw.to_pylist()
    now = timezone.now().isoformat()
    fields = [f for f in SourceRecord._meta.concrete_fields if not f.primary_key]
    given = {"first_name", "middle_names", "last_name", "sex", "postcode", "nhs_number", "upn", "age_years"}

    def stored(row: dict[str, Any]) -> list[Any]:
        system, source_id = row["unique_id"].split(":", 1)
        values = {"system": system, "source_id": source_id, "extracted_at": now, "created_at": now,
                  "updated_at": now, "content_hash": "", "person": None,
                  "date_of_birth": row["dob"].isoformat() if row["dob"] else None}  # fmt: skip
        values |= {
            name: row[name] if row[name] is not None else ("" if name != "age_years" else None) for name in given
        }
        # The day an age held, where the county says (the incident it was given at), as the ingest stores it.
        known = row["age_years"] is not None and row["age_from"] is not None and row["age_from"] == row["age_to"]
        values["age_given_on"] = row["age_from"].isoformat() if known else None
        # The phonetic keys the ingest stores with each record (people.ingest.parsing).
        values["first_name_key"] = phonetic_key(values["first_name"])
        values["last_name_key"] = phonetic_key(values["last_name"])
        return [values[f.name] if f.name in values else _default(f) for f in fields]

    table, columns = SourceRecord._meta.db_table, ", ".join(f'"{f.column}"' for f in fields)
    marks = ", ".join("?" for _ in fields) if connection.vendor == "sqlite" else ", ".join("%s" for _ in fields)
    with transaction.atomic(), connection.cursor() as cursor:
        for at in range(0, len(rows), 50_000):
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608 (model metadata)
                [stored(row) for row in rows[at : at + 50_000]],
            )
        cursor.execute(f"ANALYZE {table}")
    index = SourceRecord.objects.values_list("id", "system", "source_id")
    uid_of = {pk: f"{system}:{source_id}" for pk, system, source_id in index.iterator(chunk_size=50_000)}
    run = LinkageRun.objects.create(
        started_at=timezone.now(), finished_at=timezone.now(), records=len(rows), people_created=0, people_kept=0,
        records_relinked=0, threshold=0.95, model=result.model_json, term_frequencies=result.term_frequencies,
    )  # fmt: skip
    load_seconds = time.perf_counter() - started

    rng = random.Random(seed)
    queries = [_perturbed(row, rng) for row in rng.sample(rows, min(lookups, len(rows)))]
    find_candidates(queries[0][1], run=run)  # the model and term frequencies loaded once, as in a running service
    latencies, correct = [], 0
    for uid, details in queries:
        started = time.perf_counter()
        found = find_candidates(details, run=run)
        latencies.append((time.perf_counter() - started) * 1000)
        right = bool(found) and person_of[uid_of[found[0].source_record_id]] == person_of[uid]
        correct += right
        if not right and misses is not None:  # for looking into what went wrong
            misses.append((uid, details, [(uid_of[c.source_record_id], c.score.match_weight) for c in found[:3]]))
    latencies.sort()

    def centile(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

    connection.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return {"index_records": len(rows), "lookups": len(queries), "load_seconds": load_seconds,
            "p50_ms": centile(0.5), "p95_ms": centile(0.95), "p99_ms": centile(0.99),
            "top1": correct / len(queries)}  # fmt: skip


def _default(field: Any) -> Any:
    if field.has_default():
        value = field.get_default()
        return json.dumps(value) if isinstance(value, (dict, list)) else value
    return None if field.null else ""


def _perturbed(row: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, Any]]:
    """A record as a referrer might give it: usually without identifiers, sometimes with a mistake or a gap."""
    details = {name: row[name] or "" for name in ("first_name", "middle_names", "last_name", "sex", "postcode")}
    details |= {"dob": row["dob"], "nhs_number": row["nhs_number"] or "", "upn": row["upn"] or ""}
    if rng.random() < 0.7:
        details["nhs_number"] = details["upn"] = ""
    mistake = rng.random()
    if mistake < 0.15 and len(details["first_name"]) > 2:
        details["first_name"] = typo(rng, details["first_name"])
    elif mistake < 0.3 and len(details["last_name"]) > 2:
        details["last_name"] = typo(rng, details["last_name"])
    elif mistake < 0.4:
        others = [n for n in equivalents(details["first_name"]) if n != normalise_name(details["first_name"])]
        details["first_name"] = rng.choice(others).title() if others else details["first_name"]
    elif mistake < 0.45 and details["dob"] and details["dob"].day <= 12:
        details["dob"] = details["dob"].replace(month=details["dob"].day, day=details["dob"].month)
    if rng.random() < 0.1:
        details["dob"] = None
    elif rng.random() < 0.2:
        details["postcode"] = ""
    return row["unique_id"], details


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 3,000-children county")
    parser.add_argument("--children", type=int, default=130_000)
    parser.add_argument("--records", type=int, default=None, help="passed to synth as --linkage-records")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--county", type=Path, default=None, help="an existing county directory")
    parser.add_argument("--lookups", type=int, default=None, help="real-time lookups (300 with --quick, else 1,000)")
    parser.add_argument(
        "--second-people", type=int, default=None, help="people in the second population (5,000 with --quick, else "
        "50,000; 0 leaves it out)"
    )  # fmt: skip
    parser.add_argument(
        "--system-duplicates",
        type=float,
        default=0.0,
        metavar="RATE",
        help="copy this share of health and education records as those systems' own duplicates (no identifiers)",
    )
    args = parser.parse_args(argv)
    children = 3_000 if args.quick else args.children
    second_people = args.second_people if args.second_people is not None else 5_000 if args.quick else 50_000
    with tempfile.TemporaryDirectory(prefix="linkage-bench-") as scratch:
        county = args.county
        generate_seconds = 0.0
        if county is None:
            county = Path(scratch)
            started = time.perf_counter()
            generate(SynthOptions(children=children, seed=args.seed, linkage_records=args.records), county)
            generate_seconds = time.perf_counter() - started
        outcome, raw, result, person_of = run(county, args.system_duplicates, args.seed)
        county_bands = by_group(result.clusters, person_of, county_age_bands(county), AGE_BANDS)
        county_origins = by_group(result.clusters, person_of, county_groups(county))
    county_gap = recall_gap_pp(county_origins) if county_origins else None
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # linking's peak: before the lookups
    print(f"records {outcome['records']:,}  people {outcome['people']:,}  clusters {outcome['clusters']:,}")
    print(f"pairs scored {outcome['pairs_scored']:,}  edges refused by constraints {outcome['edges_refused']:,}")
    print(f"pairwise  precision {outcome['precision']:.4f}  recall {outcome['recall']:.4f}  f1 {outcome['f1']:.4f}")
    print(f"clusters  precision {outcome['cluster_precision']:.4f}  recall {outcome['cluster_recall']:.4f}")
    print(f"twin pairs merged {outcome['twin_pairs_merged']} of {outcome['twin_pairs']}")
    print(f"review band ({FRONTDOOR_LINK_SPLIT_PROBABILITY} to {FRONTDOOR_LINK_JOIN_PROBABILITY}): "
          f"{outcome['review_waiting']:,} pairs of people waiting, {outcome['review_settled']:,} settled")  # fmt: skip
    for system, held in outcome["within_systems"].items():
        print(f"  duplicates inside {system:<10} true pairs {held['true_pairs']:>6,}  recall {held['recall']:.4f}")
    stages = "  ".join(f"{k} {v:.2f}s" for k, v in outcome["seconds"].items())
    print(f"generate {generate_seconds:.2f}s  {stages}  (link, training apart: {outcome['link_seconds']:.2f}s)")
    print(f"peak rss {peak_mb:.0f} MB")
    _print_groups("county by name-origin group", county_origins)
    _print_groups("county by age band", county_bands)
    if county_gap is not None:
        print(f"county recall gap (best minus worst name-origin group): {county_gap:.2f} pp")
    # Before the lookups start Django (and its logging): the county's peak memory is already read.
    second = run_second(second_people, args.seed) if second_people else None
    if second:
        print(f"second population  records {second['records']:,}  people {second['people']:,}  "
              f"clusters {second['clusters']:,}  generate {second['generate_seconds']:.2f}s  "
              f"link {second['link_seconds']:.2f}s")  # fmt: skip
        print(f"second pairwise  precision {second['precision']:.4f}  recall {second['recall']:.4f}  "
              f"f1 {second['f1']:.4f}  twin pairs merged {second['twin_pairs_merged']} of "
              f"{second['twin_pairs']}")  # fmt: skip
        _print_groups("second by name-origin group", second["by_group"])
        _print_groups("second by age band", second["by_age_band"])
        if second["recall_gap_pp"] is not None:
            print(f"second recall gap (best minus worst name-origin group): {second['recall_gap_pp']:.2f} pp")
    looked = realtime(raw, result, person_of, lookups=args.lookups or (300 if args.quick else 1000), seed=args.seed)
    print(
        f"realtime  index {looked['index_records']:,} records (SQLite, the app's migrations; loaded in "
        f"{looked['load_seconds']:.0f}s)  {looked['lookups']:,} lookups  p50 {looked['p50_ms']:.2f} ms  "
        f"p95 {looked['p95_ms']:.2f} ms  p99 {looked['p99_ms']:.2f} ms  top-1 correct {looked['top1']:.4f}"
    )
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
        "realtime_p95_ms": round(looked["p95_ms"], 2),
        "febrl3_f1": round(three["f1"], 5),
        "febrl4_f1": round(four["f1"], 5),
        "recall_gap_pp": round(county_gap, 2) if county_gap is not None else None,
        "by_group": _rounded(county_origins),
        "by_age_band": _rounded(county_bands),
        "review_waiting": outcome["review_waiting"],
        "review_settled": outcome["review_settled"],
        "within_systems": outcome["within_systems"],
    }
    if second:
        summary |= {
            "second_precision": round(second["precision"], 5),
            "second_recall": round(second["recall"], 5),
            "second_f1": round(second["f1"], 5),
            "second_twin_pairs_merged": second["twin_pairs_merged"],
            "second_recall_gap_pp": round(second["recall_gap_pp"], 2) if second["recall_gap_pp"] is not None else None,
            "second_by_group": _rounded(second["by_group"]),
            "second_by_age_band": _rounded(second["by_age_band"]),
        }
    print(json.dumps(summary))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
