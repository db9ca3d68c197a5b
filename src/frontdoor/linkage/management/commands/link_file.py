"""frontdoor link-file: link a generic person file and write record_id,person_id (no application database)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from frontdoor.linkage.files import COLUMNS, FileProblem, link_person_file

SHOWN_PROBLEMS = 20
# Splink narrates every training step; an analyst wants the summary, and -v 2 or 3 for the narration.
LIBRARY_LOG_LEVELS = {0: logging.ERROR, 1: logging.ERROR, 2: logging.WARNING, 3: logging.INFO}


class Command(BaseCommand):
    help = (
        f"Link the people in a CSV file (columns {', '.join(COLUMNS)}; only record_id is required) and write "
        "record_id,person_id. Trains on the columns the file has (the packaged model for a file too small or too "
        "sparse to train on) unless given a saved model."
    )
    requires_system_checks: list[str] = []  # an analyst's file, not the application: no checks, no database

    def add_arguments(self, parser) -> None:
        parser.add_argument("input", type=Path, help="the person file (CSV, UTF-8, with a header row)")
        parser.add_argument("--out", type=Path, required=True, help="where to write record_id,person_id")
        parser.add_argument("--model", type=Path, help="a saved model (Splink JSON) to score with instead of training")
        parser.add_argument("--save-model", type=Path, help="write the model used (trained or given) here as JSON")
        parser.add_argument(
            "--unique-source",
            action="append",
            default=[],
            metavar="SOURCE",
            help="a source that holds each person once (never two of its records in one person); repeatable",
        )

    def handle(self, *args, **options) -> None:
        loggers = [logging.getLogger(name) for name in ("splink", "sqlglot")]
        levels = [logger.level for logger in loggers]
        for logger in loggers:
            logger.setLevel(LIBRARY_LOG_LEVELS.get(options["verbosity"], logging.INFO))
        try:
            self.link(
                Path(options["input"]),
                Path(options["out"]),
                model=Path(options["model"]) if options["model"] else None,
                save_model=Path(options["save_model"]) if options["save_model"] else None,
                unique_sources=options["unique_source"],
            )
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.setLevel(level)

    def link(
        self, source: Path, out: Path, *, model: Path | None, save_model: Path | None, unique_sources: list[str]
    ) -> None:
        if source.resolve() == out.resolve():
            raise CommandError("--out must not be the input file")
        trained_model = None
        if model:
            try:
                trained_model = json.loads(model.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise CommandError(f"--model cannot be read as JSON ({type(exc).__name__})") from None
        try:
            linked = link_person_file(source, out, unique_sources=unique_sources, trained_model=trained_model)
        except FileProblem as exc:
            raise CommandError(f"{source}: {exc}") from None
        except OSError as exc:
            raise CommandError(f"{exc.filename}: {exc.strerror}") from None
        if save_model:
            save_model.write_text(json.dumps(linked.model_json, indent=2), encoding="utf-8")
        for problem in linked.problems[:SHOWN_PROBLEMS]:
            self.stderr.write(f"{source}: {problem}")
        if len(linked.problems) > SHOWN_PROBLEMS:
            self.stderr.write(f"... and {len(linked.problems) - SHOWN_PROBLEMS} more problems")
        for note in linked.notes:
            self.stderr.write(note)
        self.stderr.write(
            f"records {len(linked.person_ids)}  people {linked.people}  rows left out {linked.rows_skipped}  "
            f"values blanked {len(linked.problems) - linked.rows_skipped}  seconds {linked.seconds:.1f}"
        )
