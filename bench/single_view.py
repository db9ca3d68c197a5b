"""Render time of the child's page (the single view) over a whole synthetic county, through the full request path.

Builds a county (generate, ingest every extract, link into people) in a scratch directory, or reuses one kept with
--keep; then, signed in as a MASH social worker, requests the page of a random sample of children and of the
children with the most events, and of one child given 500 extra events, timing each response (middleware, access
check and audit row, queries, template). Prints p50/p95/p99; the last line is one JSON object.

    .venv/bin/python bench/single_view.py                        # 130,000 children (builds for several minutes)
    .venv/bin/python bench/single_view.py --children 2000        # quick
    .venv/bin/python bench/single_view.py --keep var/bench-sv    # build once into DIR, reuse it next time
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

from county_build import county_database, percentile


def measure(sample: int, busiest: int, seed: int) -> dict:
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from frontdoor.access import services as access_services
    from frontdoor.access.middleware import ACTIVE_ROLE_KEY
    from frontdoor.access.models import User
    from frontdoor.people.models import Agency, Person, SourceEvent, SourceParticipation, SourceRecord

    agency, _ = Agency.objects.get_or_create(name="Bench MASH", defaults={"kind": "childrens_social_care"})
    user, _ = User.objects.get_or_create(username="bench-mash", defaults={"agency": agency})
    if "mash_social_worker" not in user.current_roles():
        access_services.grant_role(user, "mash_social_worker")
    client = Client()
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = "mash_social_worker"
    session.save()

    children = list(Person.objects.filter(kind="child").values_list("pk", flat=True))
    rng = random.Random(seed)
    chosen = rng.sample(children, min(sample, len(children)))
    # The children whose records take part in the most events: the slowest pages.
    top_records = (
        SourceParticipation.objects.values("system", "record_source_id")
        .annotate(n=Count("id"))
        .order_by("-n")[: busiest * 3]
    )
    heavy = []
    for row in top_records:
        person = (
            SourceRecord.objects.filter(system=row["system"], source_id=row["record_source_id"], kind="child")
            .values_list("person_id", flat=True)
            .first()
        )
        if person and person not in heavy:
            heavy.append(person)
        if len(heavy) >= busiest:
            break

    # One child with 500 more events, as the issue asks the page to stand.
    target = heavy[0] if heavy else chosen[0]
    record = SourceRecord.objects.filter(person_id=target).order_by("id").first()
    now = timezone.now()
    if not SourceEvent.objects.filter(source_id__startswith="bench-").exists():
        SourceEvent.objects.bulk_create(
            [
                SourceEvent(
                    system=record.system,
                    source_id=f"bench-{i}",
                    extracted_at=now,
                    kind="police_incident",
                    occurred_at=now - timezone.timedelta(days=i),
                    content_hash="bench",
                )
                for i in range(500)
            ]
        )
        SourceParticipation.objects.bulk_create(
            [
                SourceParticipation(
                    system=record.system,
                    event_source_id=f"bench-{i}",
                    record_source_id=record.source_id,
                    role="subject",
                    extracted_at=now,
                )
                for i in range(500)
            ]
        )

    # The worker's caseload holds the children measured: a legitimate relationship, as the access policy asks.
    from frontdoor.access.models import LegitimateRelationship

    LegitimateRelationship.objects.filter(user=user).delete()
    LegitimateRelationship.objects.bulk_create(
        [LegitimateRelationship(person_id=pk, user=user, kind="caseload") for pk in {*chosen, *heavy, target}]
    )

    def timed(person_id: int) -> tuple[float, int]:
        started = time.perf_counter()
        response = client.get(f"/record/{person_id}/")
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"/record/{person_id}/ answered {response.status_code}")
        return elapsed, len(response.content)

    timed(chosen[0])  # warm: templates compiled, the scorer's model loaded
    sampled = [timed(pk)[0] for pk in chosen]
    heavy_ms = [timed(pk)[0] for pk in heavy]
    big = [timed(target)[0] for _ in range(20)]
    events_on_big = int(
        client.get(f"/record/{target}/").content.decode().split("Showing ")[1].split(" of")[0].replace(",", "")
    )
    every = sampled + heavy_ms
    return {
        "children": len(children),
        "pages": len(every),
        "p50_ms": round(statistics.median(every), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "p99_ms": round(percentile(every, 0.99), 1),
        "heavy_p95_ms": round(percentile(heavy_ms, 0.95), 1) if heavy_ms else None,
        "events_on_largest": events_on_big,
        "largest_p95_ms": round(percentile(big, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=130_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=300, help="random children to render")
    parser.add_argument("--busiest", type=int, default=30, help="children with the most events to render")
    parser.add_argument("--keep", type=Path, default=None, help="build into (or reuse) this directory")
    args = parser.parse_args()
    county = county_database(args.keep, args.children, args.seed, "single-view-bench-")
    build_seconds = county.build_seconds
    result = measure(args.sample, args.busiest, args.seed)
    county.cleanup()
    print(f"children {result['children']:,}; {result['pages']} pages: p50 {result['p50_ms']} ms, "
          f"p95 {result['p95_ms']} ms, p99 {result['p99_ms']} ms; busiest p95 {result['heavy_p95_ms']} ms; "
          f"a child with {result['events_on_largest']} events p95 {result['largest_p95_ms']} ms")  # fmt: skip
    print(f"built in {build_seconds}")
    result["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(json.dumps(result))


if __name__ == "__main__":
    main()
