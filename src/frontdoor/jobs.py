"""Every scheduled job the worker runs, in one place: (name, function, seconds between runs).

A capability that adds a deadline or a notification adds its job here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from frontdoor.access import audit
from frontdoor.core import clocks, outbox
from frontdoor.intake import matching
from frontdoor.linkage import incremental


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], int]
    every_seconds: float


JOBS: tuple[Job, ...] = (
    Job("sweep_due_clocks", clocks.sweep_due_clocks, 15),
    Job("deliver_outbox", outbox.deliver_due, 5),
    # Is each arriving child or adult already known? Answered within seconds of arrival.
    Job("match_arrivals", matching.match_arrivals, 2),
    Job("link_pending_records", incremental.link_pending_records, 2),  # new agency records on children's pages
    # Every look and refusal written since the last run goes onto the access audit's hash chain.
    Job("seal_audit_chain", audit.seal_chain, 2),
)
