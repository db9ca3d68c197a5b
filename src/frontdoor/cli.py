"""The `frontdoor` command: Django's manage.py with frontdoor's settings, and frontdoor's own subcommands.

frontdoor demo      migrate, load demo data, write var/demo-credentials.json and serve
frontdoor serve     serve the application (uvicorn) on 127.0.0.1
frontdoor worker    sweep clocks and deliver the outbox
frontdoor link-file link a generic person file (any command may be spelt with hyphens for underscores)
frontdoor returns   a statutory return for a collection year: `returns ssda903-missing --year 2026 --out DIR`
                    (each return is registered by its capability: `core.registry.register_return`)
frontdoor <any Django command>  (migrate, createsuperuser, makemigrations, shell, ...)
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")  # `frontdoor link-file` runs the link_file command
    execute_from_command_line(["frontdoor", *args])


if __name__ == "__main__":
    main()
