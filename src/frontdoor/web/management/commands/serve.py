"""frontdoor serve: the application under uvicorn on 127.0.0.1, refusing to start with weakened durability."""

from __future__ import annotations

import os

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections


class Command(BaseCommand):
    help = "Serve frontdoor on 127.0.0.1 (PORT, default 8000)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8000)))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 1)))

    def handle(self, *args, port: int, host: str, workers: int, **options):
        import uvicorn

        call_command("preflight", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        connections.close_all()
        uvicorn.run(
            "frontdoor.asgi:application",
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
            lifespan="off",
        )
