"""What `bench/linkage.py` measures of duplicates inside a system and of the review band (ADRs 0008, 0009)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from frontdoor.linkage.engine import LinkageResult


def within_systems(clusters: dict[str, str], person_of: dict[str, str]) -> dict[str, dict[str, float]]:
    """For each system: its true pairs of two records of one person (the system's own duplicates), and the share
    the linkage put in one cluster. Record ids are "system:source_id", as county.read_records gives them."""
    held: dict[tuple[str, str], list[str]] = defaultdict(list)
    for uid, person in person_of.items():
        if uid in clusters:
            held[(uid.split(":", 1)[0], person)].append(uid)
    pairs: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    for (system, _person), uids in held.items():
        for i, a in enumerate(uids):
            for b in uids[i + 1 :]:
                pairs[system] += 1
                found[system] += clusters[a] == clusters[b]
    return {
        system: {"true_pairs": pairs[system], "recall": round(found[system] / pairs[system], 5)}
        for system in sorted(pairs)
    }


def review_band(result: LinkageResult) -> dict[str, Any]:
    """The pairs a run leaves for people (each pair of people once): waiting for a person, and settled by the run
    (identifiers or one person already)."""
    left = [pair for pair in result.review if not pair.same_person]
    waiting = [pair for pair in left if not pair.settled]
    return {"review_waiting": len(waiting), "review_settled": len(result.review) - len(waiting)}
