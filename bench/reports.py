"""The scorecard and the exports over a synthetic county's year: how long the scorecard page takes to render, and how
long every statutory return (and the analyst exports, when that module is present) takes to write.

Builds a county (generate, ingest every extract, link into people) in a scratch directory, or reuses one kept with
--keep; the county holds people and the partners' records but no front-door work, so the benchmark gives it a year:
referrals at the county's rate (about 32,500 contacts a year for 130,000 children, `domain.md` §9), each naming one
to three of the county's children, from six agencies, nearly all decided by the MASH (with the decision clock met in
time or late) and the rest still waiting. Then, signed in through the Django test client:

- scorecard_p95_s (target under 2 s): the scorecard page for the last 12 months as the MASH manager (every number
  a drill-down link, nothing withheld), 95th percentile of --runs renders (also p50, and scorecard_cpu_p95_s, this
  process's CPU time, which other work on a shared machine does not inflate); the page with its default
  filter (this month) and with an agency filter (the busiest referrer, the last 12 months) are timed too, as is
  the disproportionality view of the year's contacts;
- exports_s (target under 1 minute): every registered statutory return (`core.registry.list_returns`) for the last
  complete collection year, and `frontdoor.reports.exports.write_all` when it is importable (said when it is not).

    .venv/bin/python bench/reports.py                            # 130,000 children (builds for many minutes)
    .venv/bin/python bench/reports.py --quick                    # 2,000 children
    .venv/bin/python bench/reports.py --keep /work/bench-county  # build once into DIR, reuse it next time
    .venv/bin/python bench/reports.py --quick --contacts 32500   # a small county with a large county's year

The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from county_build import county_database, percentile

CONTACTS_PER_CHILD_A_YEAR = 0.25  # 32,500 contacts a year for 130,000 children
AGENCIES = (
    ("Bench primary school", "school"),
    ("Bench community health", "community_health"),
    ("Bench police", "police"),
    ("Bench GP practice", "gp"),
    ("Bench housing", "housing"),
    ("Bench early years", "early_years"),
)
OUTCOMES = (("nfa", 30), ("advice", 20), ("early_help", 20), ("assessment", 22), ("strategy_discussion", 8))


def seed_year(seed: int, contacts: int | None = None) -> int:
    """A year of referrals and decisions on the county's children (once: a kept county keeps them)."""
    from django.db import transaction
    from django.utils import timezone

    from frontdoor.access.models import User
    from frontdoor.core.models import Clock, ClockState
    from frontdoor.intake.models import Referral, ReferralChild
    from frontdoor.mash.models import Decision
    from frontdoor.people.models import Agency, Person

    if Referral.objects.filter(reference__startswith="BENCH-").exists():
        return Referral.objects.filter(reference__startswith="BENCH-").count()
    rng = random.Random(seed)
    children = list(
        Person.objects.filter(kind="child", date_of_birth__isnull=False).values_list(
            "pk", "first_name", "last_name", "date_of_birth", "sex"
        )
    )
    agencies = []
    for name, kind in AGENCIES:
        agency, _ = Agency.objects.get_or_create(name=name, defaults={"kind": kind})
        agencies.append(agency)
    referrer, _ = User.objects.get_or_create(username="bench-referrer", defaults={"agency": agencies[0]})
    manager, _ = User.objects.get_or_create(username="bench-manager", defaults={"agency": agencies[0]})
    now = timezone.now()
    count = contacts if contacts is not None else round(len(children) * CONTACTS_PER_CHILD_A_YEAR)
    outcomes, weights = zip(*OUTCOMES, strict=True)
    with transaction.atomic():
        referrals = Referral.objects.bulk_create(
            [
                Referral(
                    reference=f"BENCH-{i:07d}",
                    channel="web",
                    status="decided",
                    received_at=now - timedelta(seconds=rng.randrange(365 * 24 * 3600)),
                    submitted_by=referrer,
                    referrer_agency=rng.choices(agencies, weights=(30, 20, 25, 10, 10, 5))[0],
                    referrer_name="A referrer",
                    referrer_role="Designated safeguarding lead",
                    concern="Concern.",
                    level_of_need=rng.choice((2, 3, 4)),
                    consent=rng.choice(("given", "not_sought")),
                    consent_given_by="Mother",
                    consent_rationale="Asking would put the child at risk.",
                )
                for i in range(count)
            ],
            batch_size=2000,
        )
        ReferralChild.objects.bulk_create(
            [
                ReferralChild(
                    referral=referral,
                    person_id=child[0],
                    first_name=child[1],
                    last_name=child[2],
                    date_of_birth=child[3],
                    sex=child[4],
                    wishes_and_feelings="I am fine." if rng.random() < 0.7 else "",
                    wishes_not_obtained_reason="Too young.",
                )
                for referral in referrals
                for child in rng.sample(children, rng.choice((1, 1, 1, 2, 2, 3)))
            ],
            batch_size=5000,
        )
        decided = [r for r in referrals if rng.random() < 0.97]
        decisions, clocks = [], []
        for referral in decided:
            decided_at = referral.received_at + timedelta(minutes=rng.randrange(60, 48 * 60))
            due = referral.received_at + timedelta(days=1)
            decisions.append(
                Decision(
                    referral=referral,
                    outcome=rng.choices(outcomes, weights=weights)[0],
                    summary="Decided.",
                    decided_at=min(decided_at, now),
                    decided_by=manager,
                )
            )
            late = decided_at > due
            clocks.append(
                Clock(
                    subject_type="intake.referral",
                    subject_id=str(referral.pk),
                    rule="referral.decision",
                    started_at=referral.received_at,
                    due_at=due,
                    state=ClockState.MET,
                    met_late=late,
                    closed_at=min(decided_at, now),
                    breached_at=due if late else None,
                )
            )
        Decision.objects.bulk_create(decisions, batch_size=5000)
        Clock.objects.bulk_create(clocks, batch_size=5000)
    return count


def signed_in(role: str):
    from django.test import Client

    from frontdoor.access import services as access_services
    from frontdoor.access.middleware import ACTIVE_ROLE_KEY
    from frontdoor.access.models import User
    from frontdoor.people.models import Agency

    agency, _ = Agency.objects.get_or_create(name="Bench council", defaults={"kind": "childrens_social_care"})
    user, _ = User.objects.get_or_create(username=f"bench-{role}", defaults={"agency": agency})
    if role not in user.current_roles():
        access_services.grant_role(user, role)
    client = Client()
    client.force_login(user)
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()
    return client


CPU: dict[str, list[float]] = {}


def timed_pages(client, path: str, runs: int) -> list[float]:
    """Wall seconds per render; this process's CPU seconds per render (the database is SQLite, in-process: a machine
    shared with other work inflates the wall time, not this) are kept in CPU[path]."""
    response = client.get(path)  # warm: templates compiled
    if response.status_code != 200:
        sys.exit(f"{path} answered {response.status_code}")
    seconds, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        if response.status_code != 200:
            sys.exit(f"{path} answered {response.status_code}")
    CPU[path] = cpu
    return seconds


def run_exports(out: Path) -> tuple[float, list[str]]:
    from django.utils import timezone

    from frontdoor.core.registry import list_returns

    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1  # the last complete collection year, to 31 March
    said = []
    started = time.perf_counter()
    for statutory_return in list_returns():
        folder = out / statutory_return.name
        folder.mkdir(parents=True, exist_ok=True)
        statutory_return.write(year, folder)
        said.append(f"return {statutory_return.name} for the year to 31 March {year}")
    try:
        from frontdoor.reports.exports import write_all  # type: ignore[import-not-found]
    except ImportError:
        said.append("analyst exports: frontdoor.reports.exports.write_all is not in this build, so not timed")
    else:
        write_all(out / "exports")
        said.append("analyst exports: write_all")
    return time.perf_counter() - started, said


def measure(runs: int, seed: int, contacts: int | None) -> dict:
    import django

    django.setup()
    from django.db.models import Count

    from frontdoor.intake.models import Referral
    from frontdoor.people.models import Person

    started = time.perf_counter()
    contacts = seed_year(seed, contacts)
    seeded_s = time.perf_counter() - started
    busiest = (
        Referral.objects.values("referrer_agency_id").annotate(n=Count("id")).order_by("-n")[0]["referrer_agency_id"]
    )
    manager = signed_in("mash_manager")
    leader = signed_in("strategic_leader")
    year = timed_pages(manager, "/reports/scorecard/?period=last_12_months", runs)
    default = timed_pages(manager, "/reports/scorecard/", runs)
    agency = timed_pages(manager, f"/reports/scorecard/?period=last_12_months&agency={busiest}", runs)
    scrutineer = timed_pages(leader, "/reports/scorecard/?period=last_12_months", runs)
    fairness = timed_pages(manager, "/reports/scorecard/fairness/?period=last_12_months&figure=contacts", runs)
    with tempfile.TemporaryDirectory(prefix="reports-bench-out-") as out:
        exports_s, said = run_exports(Path(out))
    for line in said:
        print(line, file=sys.stderr)

    def p95(values: list[float]) -> float:
        return round(percentile(values, 0.95), 3)

    return {
        "children": Person.objects.filter(kind="child").count(),
        "contacts": contacts,
        "seeded_s": round(seeded_s, 1),
        "runs": runs,
        "scorecard_p50_s": round(statistics.median(year), 3),
        "scorecard_p95_s": p95(year),
        "scorecard_cpu_p95_s": p95(CPU["/reports/scorecard/?period=last_12_months"]),
        "default_filter_p95_s": p95(default),
        "agency_filter_p95_s": p95(agency),
        "scrutineer_p95_s": p95(scrutineer),
        "fairness_p95_s": p95(fairness),
        "exports_s": round(exports_s, 2),
        "exports": said,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--children", type=int, default=130_000)
    parser.add_argument("--quick", action="store_true", help="2,000 children")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=10, help="renders of each page timed")
    parser.add_argument(
        "--contacts", type=int, default=None, help="the year's referrals (default: 0.25 a child, the county's rate)"
    )
    parser.add_argument("--keep", type=Path, default=None, help="build into (or reuse) this directory")
    args = parser.parse_args()
    children = 2_000 if args.quick else args.children
    county = county_database(args.keep, children, args.seed, "reports-bench-")
    try:
        result = measure(args.runs, args.seed, args.contacts)
    finally:
        county.cleanup()
    result.update(
        {
            "build_s": county.build_seconds,
            "load_average": round(os.getloadavg()[0], 2),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores",
            "database": "SQLite",
        }
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
