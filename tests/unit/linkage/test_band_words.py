"""Why a pair between the split and join thresholds waits for people, in words (ADR 0009)."""

from __future__ import annotations

from frontdoor.linkage.refusals import IN_BAND, in_band


def test_the_pair_says_its_match_against_both_thresholds() -> None:
    assert in_band(0.7234, 0.5, 0.95) == (
        "The records match with a probability of 72.3%: below 95%, at which records join, and not below 50%, under "
        "which they are left apart. A person decides"
    )


def test_the_queue_says_it_without_figures() -> None:
    assert "%" not in IN_BAND and "split" in IN_BAND and "join" in IN_BAND
