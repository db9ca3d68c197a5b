"""frontdoor serve: the application under uvicorn on 127.0.0.1, refusing to start with weakened durability."""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections


class Command(BaseCommand):
    help = "Serve frontdoor on 127.0.0.1 (PORT, default 8000)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 1)))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("FRONTDOOR_THREADS", 8)))
        parser.add_argument(
            "--server", choices=["gunicorn", "uvicorn"], default=os.environ.get("FRONTDOOR_SERVER", "gunicorn")
        )

    def handle(self, *args, port: int, host: str, workers: int, threads: int, server: str, **options):
        call_command("preflight", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        if server == "gunicorn":
            os.execvp(  # noqa: S606  (replace this process with the server: signals reach it directly)
                sys.executable,
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "frontdoor.wsgi:application",
                    "--bind",
                    f"{host}:{port}",
                    "--workers",
                    str(workers),
                    "--threads",
                    str(threads),
                    "--worker-class",
                    "gthread",
                    "--log-level",
                    "warning",
                    "--graceful-timeout",
                    "10",
                ],
            )
        import uvicorn

        uvicorn.run(
            "frontdoor.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
