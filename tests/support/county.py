"""The synthetic county's rows, built once per test session and put back for each test that asks for them.

Ingesting and linking a 300-children county takes seconds; some sixty tests need it. The session builds it once
inside a transaction that is rolled back, keeping every row of the apps that hold it (`people`, `linkage`); each
test then inserts those rows again inside its own transaction (rolled back after it, as always), with the same ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

# The apps whose tables building the county writes to. Building it must write nothing else (checked).
COUNTY_APPS = ("people", "linkage")
WATCHED_APPS = ("core", "access", "intake", "mash")


@dataclass(frozen=True)
class Snapshot:
    tables: tuple[tuple[type[models.Model], tuple[dict, ...]], ...]

    @property
    def rows(self) -> int:
        return sum(len(rows) for _model, rows in self.tables)


def _models(labels: tuple[str, ...]) -> list[type[models.Model]]:
    return [m for label in labels for m in apps.get_app_config(label).get_models() if not m._meta.proxy]


def _fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


def take() -> Snapshot:
    """Every row of the county's tables, as stored."""
    return Snapshot(
        tuple(
            (model, tuple(model.objects.order_by("pk").values(*_fields(model))))
            for model in _models(COUNTY_APPS)
            if model.objects.exists()
        )
    )


def _counts(labels: tuple[str, ...]) -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in _models(labels)}


def build(steps: list[tuple[str, Callable[[], object]]]) -> dict[str, Snapshot]:
    """Run each step in turn and snapshot the county after each; nothing is kept in the database."""
    snapshots = {}
    before = _counts(WATCHED_APPS)
    with transaction.atomic():
        for name, step in steps:
            step()
            snapshots[name] = take()
        written = {label: n for label, n in _counts(WATCHED_APPS).items() if n != before[label]}
        assert written == {}, f"building the county wrote outside {COUNTY_APPS}: {written}"
        transaction.set_rollback(True)
    return snapshots


def restore(snapshot: Snapshot) -> None:
    """Insert the snapshot's rows (inside the test's transaction), ids and all; then move each id sequence past
    them so rows the test makes get new ids."""
    for model, rows in snapshot.tables:
        model.objects.bulk_create([model(**row) for row in rows], batch_size=2000)
    statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _rows in snapshot.tables])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
