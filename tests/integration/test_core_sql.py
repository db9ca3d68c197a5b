"""`core.sql.ids_in`: thousands of ids as one parameter select the same rows as the ORM's own IN list, on SQLite and
PostgreSQL alike."""

from __future__ import annotations

import pytest

from frontdoor.core.sql import FEW, ids_in
from frontdoor.people.models import Agency

pytestmark = pytest.mark.django_db


def test_many_ids_select_the_rows_a_short_list_would() -> None:
    Agency.objects.bulk_create(Agency(name=f"Agency {i}", kind="school") for i in range(FEW + 20))
    every = sorted(Agency.objects.values_list("pk", flat=True))
    wanted = [*every[::2], max(every) + 1000]  # one id that is no row's
    assert ids_in(wanted[:10]) == wanted[:10]  # a short list is left as it is
    assert sorted(Agency.objects.filter(pk__in=ids_in(wanted)).values_list("pk", flat=True)) == every[::2]
    assert Agency.objects.filter(pk__in=ids_in([])).count() == 0
