"""Hypothesis settings for the property tests of our parsers: derandomised (the same examples on every run and in
CI), no example database written to disk, no deadline (CI machines vary)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

PROPERTIES = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
