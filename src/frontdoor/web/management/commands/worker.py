"""frontdoor worker: run every registered job (`core.registry`) on its schedule until stopped."""

from __future__ import annotations

import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from frontdoor.core.registry import list_jobs

log = logging.getLogger("frontdoor.worker")


class Command(BaseCommand):
    help = "Run the scheduled jobs: sweep due clocks, deliver the outbox, check arrivals, seal the audit chain, ..."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit")
        parser.add_argument(
            "--list", dest="list_only", action="store_true", help="List the jobs and how often each runs, and exit"
        )

    def handle(self, *args, once: bool = False, list_only: bool = False, **options):
        jobs = list_jobs()
        if list_only:
            for job in jobs:
                self.stdout.write(f"{job.name}: every {job.every_seconds:g} seconds")
            return
        call_command("preflight", verbosity=0)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_run = dict.fromkeys((job.name for job in jobs), 0.0)
        self.stdout.write(f"frontdoor worker: {len(jobs)} jobs ({', '.join(j.name for j in jobs)})")
        while not stopping:
            now = time.monotonic()
            for job in jobs:
                if once or now >= next_run[job.name]:
                    try:
                        done = job.run()
                    except Exception as exc:
                        # One failing job must not stop the others: it is logged and tried again next time.
                        # Only the exception's type: a database error's text can quote stored personal data.
                        log.error("worker.job_failed job=%s error=%s", job.name, type(exc).__name__)
                        done = 0
                    if done:
                        log.info("worker.job_done job=%s count=%s", job.name, done)
                    next_run[job.name] = now + job.every_seconds
            if once:
                return
            time.sleep(1)
