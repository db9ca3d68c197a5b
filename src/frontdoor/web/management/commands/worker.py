"""frontdoor worker: run the jobs in frontdoor.jobs on their schedules until stopped."""

from __future__ import annotations

import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from frontdoor.jobs import JOBS

log = logging.getLogger("frontdoor.worker")


class Command(BaseCommand):
    help = "Sweep due clocks (marking breaches and raising escalations) and deliver the outbox."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit")

    def handle(self, *args, once: bool = False, **options):
        call_command("preflight", verbosity=0)
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        next_run = dict.fromkeys((job.name for job in JOBS), 0.0)
        self.stdout.write(f"frontdoor worker: {len(JOBS)} jobs ({', '.join(j.name for j in JOBS)})")
        while not stopping:
            now = time.monotonic()
            for job in JOBS:
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
