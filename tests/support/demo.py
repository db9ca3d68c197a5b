"""The demo partnership (`web.demo.load_demo_data`, what `make demo` loads), loaded once per test session and put
back for each test that asks for it.

Loading the demo takes tens of seconds (agencies, users, a synthetic county ingested and linked, every capability's
demo work); some forty tests start from it. The session loads it once inside a transaction that is rolled back,
keeping every row of every table the loading changed; each test then puts those tables back as they were (its own
transaction rolled back after it, as always), with the same ids, so what the load returned (the sign-ins and the
API tokens, shown once) is true again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction

from frontdoor.access.middleware import ACTIVE_ROLE_KEY
from frontdoor.access.models import User
from frontdoor.web.demo import DemoCredentials, load_demo_data


@dataclass(frozen=True)
class DemoSnapshot:
    tables: tuple[tuple[type[models.Model], tuple[dict, ...]], ...]
    credentials: DemoCredentials


def _every_model() -> list[type[models.Model]]:
    return [
        model
        for config in apps.get_app_configs()
        for model in config.get_models(include_auto_created=True)
        if not model._meta.proxy and model._meta.managed
    ]


def _rows(model: type[models.Model]) -> tuple[dict, ...]:
    return tuple(model._base_manager.order_by("pk").values(*[f.attname for f in model._meta.concrete_fields]))


def build() -> DemoSnapshot:
    """Load the demo and keep the rows of each table it changed; nothing is kept in the database."""
    every = _every_model()
    with transaction.atomic():
        before = {model: _rows(model) for model in every}
        credentials = load_demo_data()
        tables = tuple((model, rows) for model in every if (rows := _rows(model)) != before[model])
        transaction.set_rollback(True)
    return DemoSnapshot(tables, credentials)


@contextmanager
def _as_stored(model: type[models.Model]) -> Iterator[None]:
    """Insert the times as they were stored: a field set to now on every save would otherwise be set to now."""
    stamped = [
        f for f in model._meta.concrete_fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    kept = [(f, f.auto_now, f.auto_now_add) for f in stamped]  # type: ignore[attr-defined]
    for field in stamped:
        field.auto_now = field.auto_now_add = False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for field, now, now_add in kept:
            field.auto_now, field.auto_now_add = now, now_add  # type: ignore[attr-defined]


def restore(snapshot: DemoSnapshot) -> DemoCredentials:
    """Put back each table the demo changed, ids and all (inside the test's transaction), and move each id sequence
    past them so rows the test makes get new ids. Foreign keys are checked at commit, which a test never reaches."""
    for model, _rows_of in snapshot.tables:
        model._base_manager.all()._raw_delete(using=connection.alias)
    for model, rows in snapshot.tables:
        with _as_stored(model):
            model._base_manager.bulk_create([model(**row) for row in rows], batch_size=2000)
    statements = connection.ops.sequence_reset_sql(no_style(), [model for model, _rows_of in snapshot.tables])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    return snapshot.credentials


def home_of(client, username: str, role: str) -> str:
    """The home page of a demo user signed in with this role, its entities unescaped."""
    client.force_login(User.objects.get(username=username))
    session = client.session
    session[ACTIVE_ROLE_KEY] = role
    session.save()
    return unescape(client.get("/").content.decode())
