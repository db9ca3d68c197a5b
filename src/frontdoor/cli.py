"""The `frontdoor` command: Django's manage.py with frontdoor's settings, and frontdoor's own subcommands.

frontdoor demo      migrate, load demo data, write var/demo-credentials.json and serve
frontdoor serve     serve the application (uvicorn) on 127.0.0.1
frontdoor worker    sweep clocks and deliver the outbox
frontdoor <any Django command>  (migrate, createsuperuser, makemigrations, shell, ...)
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["frontdoor", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
