"""Identity resolution: the join and split thresholds, and so the band of pairs a linkage run leaves for people.

Two thresholds, as the Ministry of Justice's Core Person Record has (ADR 0009): records whose match probability is
at or above the join threshold join (the twin guard permitting); pairs below the split threshold stay apart, and
a record already part of a person is split off when it no longer matches them even that well; the band between goes
to the identity review queue, with the reason in words. Every pair in the band is kept, each pair of people once
(ADR 0005).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured


def _probability(name: str, default: str, *older: str) -> float:
    """A probability from the environment (or from the older names it replaced, still read)."""
    for key in (name, *older):
        if key in os.environ:
            try:
                return float(os.environ[key])
            except ValueError as exc:
                raise ImproperlyConfigured(f"{key} must be a number between 0 and 1") from exc
    return float(default)


# Join at or above this match probability (0.95: ADR 0004's threshold, measured on the county and FEBRL).
FRONTDOOR_LINK_JOIN_PROBABILITY = _probability("FRONTDOOR_LINK_JOIN_PROBABILITY", "0.95")
# Below this, stay apart (and a person's record that has drifted this far is split off); between, people decide.
# FRONTDOOR_REVIEW_BAND_LOW was its name before ADR 0009, and is still read.
FRONTDOOR_LINK_SPLIT_PROBABILITY = _probability("FRONTDOOR_LINK_SPLIT_PROBABILITY", "0.5", "FRONTDOOR_REVIEW_BAND_LOW")
if not 0.0 < FRONTDOOR_LINK_SPLIT_PROBABILITY < FRONTDOOR_LINK_JOIN_PROBABILITY <= 1.0:
    raise ImproperlyConfigured(
        "FRONTDOOR_LINK_SPLIT_PROBABILITY and FRONTDOOR_LINK_JOIN_PROBABILITY must satisfy 0 < SPLIT < JOIN <= 1"
    )
# The review band: the pairs between the two thresholds.
FRONTDOOR_REVIEW_BAND_LOW = FRONTDOOR_LINK_SPLIT_PROBABILITY
FRONTDOOR_REVIEW_BAND_HIGH = FRONTDOOR_LINK_JOIN_PROBABILITY
