"""SQL the ORM does not say well on both databases.

`ids_in`: a list of ids as one parameter, for `pk__in=` with thousands of ids (a figure's children, a return's): the
ORM binds each id as a parameter of its own, preparing each in Python, which for 40,000 ids costs more than the query
itself. SQLite reads the ids from one JSON array (`json_each`), PostgreSQL from one array (`unnest`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.db import connection
from django.db.models.expressions import RawSQL

# Below this many ids the ORM's own IN list is as quick and reads more plainly in a query log.
FEW = 500


def ids_in(ids: Iterable[int]) -> list[int] | RawSQL:
    """What to pass to `field__in=` for these ids (integers): the list itself when short, else one parameter."""
    wanted = [int(i) for i in ids]
    if len(wanted) < FEW:
        return wanted
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (wanted,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(wanted),))
