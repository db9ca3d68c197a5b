"""Insider-misuse rules: planted bulk browsing and repeated views are flagged; a busy benign day is not."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from frontdoor.access.anomalies import BULK_DISTINCT_PEOPLE, REPEAT_VIEWS, Look, bulk_browsing, repeated_views

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def benign_day(actor_id: int, rng: random.Random) -> list[Look]:
    """A MASH worker's day: about 40 looks spread over eight hours, on a caseload of 15, a few views each."""
    caseload = [rng.randrange(1, 5000) for _ in range(15)]
    return [Look(actor_id, rng.choice(caseload), START + timedelta(minutes=rng.uniform(0, 8 * 60))) for _ in range(40)]


def test_bulk_browsing_is_flagged_with_its_busiest_window() -> None:
    browse = [Look(7, 1000 + i, START + timedelta(seconds=20 * i)) for i in range(BULK_DISTINCT_PEOPLE + 5)]
    [finding] = bulk_browsing(browse)
    assert (finding.kind, finding.actor_id, finding.person_id) == ("bulk_browsing", 7, None)
    assert finding.count == BULK_DISTINCT_PEOPLE + 5


def test_the_same_people_spread_over_a_day_is_not_bulk_browsing() -> None:
    slow = [Look(7, 1000 + i, START + timedelta(minutes=20 * i)) for i in range(BULK_DISTINCT_PEOPLE + 5)]
    assert bulk_browsing(slow) == []


def test_repeated_views_of_one_person_are_flagged() -> None:
    looks = [Look(3, 42, START + timedelta(minutes=30 * i)) for i in range(REPEAT_VIEWS)]
    looks += [Look(3, 43, START + timedelta(minutes=30 * i)) for i in range(REPEAT_VIEWS - 1)]
    [finding] = repeated_views(looks)
    assert (finding.actor_id, finding.person_id, finding.count) == (3, 42, REPEAT_VIEWS)


def test_views_more_than_a_day_apart_do_not_count_together() -> None:
    looks = [Look(3, 42, START + timedelta(hours=3 * i)) for i in range(REPEAT_VIEWS)]
    assert repeated_views(looks) == []


def test_planted_anomalies_are_all_found_and_a_benign_set_gives_under_one_percent_false_positives() -> None:
    rng = random.Random(6)
    benign = [look for actor in range(1, 301) for look in benign_day(actor, rng)]
    planted_bulk = [Look(900, 20_000 + i, START + timedelta(seconds=25 * i)) for i in range(30)]
    planted_repeat = [Look(901, 77, START + timedelta(minutes=10 * i)) for i in range(15)]
    looks = benign + planted_bulk + planted_repeat
    flagged = {(f.kind, f.actor_id) for f in bulk_browsing(looks) + repeated_views(looks)}
    assert {("bulk_browsing", 900), ("repeated_views", 901)} <= flagged
    false_positives = {actor for _, actor in flagged} - {900, 901}
    assert len(false_positives) / 300 < 0.01
