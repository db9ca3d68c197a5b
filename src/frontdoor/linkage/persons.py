"""Who a person is made of: which systems' records count most, and a new person's details from their records.

Shared by the batch run (services.py), the worker's incremental linker (incremental.py), people's decisions
(review.py) and the stored link evidence (evidence.py), so all of them agree on which record is a person's principal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from frontdoor.people.models import Person, PersonKind, Sex

# Systems that hold each person once (the NHS spine-backed health record, the census keyed by UPN): two of their
# records in one person would be two people. Police and social care keep duplicates, so they are not listed.
UNIQUE_SYSTEMS = ("health", "education")
# Whose demographics a new person takes, most authoritative first; the first of a person's records in this order is
# their principal record, the one the others' link evidence is scored against.
SYSTEM_ORDER = ("health", "education", "csc", "earlyhelp", "police")
# A source record's values as linkage reads them (SourceRecord.objects.values(*FIELDS)).
FIELDS = ("id", "system", "kind", "first_name", "middle_names", "last_name", "date_of_birth",
          "expected_date_of_delivery", "sex", "postcode", "nhs_number", "upn", "person_id", "age_years",
          "age_given_on", "extracted_at")  # fmt: skip

Row = Mapping[str, Any]


def authority(row: Row) -> tuple[int, int]:
    """A record's place in SYSTEM_ORDER (unknown systems last), then its id: the smallest is the principal."""
    system = row["system"]
    return (SYSTEM_ORDER.index(system) if system in SYSTEM_ORDER else 99, row["id"])


def principal_of(rows: Sequence[Row]) -> Row:
    return min(rows, key=authority)


def new_person(members: Sequence[Row]) -> Person:
    """An unsaved person for these source records (values of FIELDS), from the most authoritative system's."""
    best = principal_of(members)
    ordered = [best, *(r for r in members if r is not best)]
    dob: date | None = next((r["date_of_birth"] for r in ordered if r["date_of_birth"]), None)
    edd = next((r["expected_date_of_delivery"] for r in members if r["expected_date_of_delivery"]), None)
    kinds = Counter(r["kind"] for r in members if r["kind"] and r["kind"] != PersonKind.UNBORN)
    if dob is None and edd is not None:
        kind = PersonKind.UNBORN
    else:
        kind = kinds.most_common(1)[0][0] if kinds else PersonKind.ADULT
        edd = None
    sex = next((r["sex"] for r in ordered if r["sex"] in (Sex.MALE, Sex.FEMALE)), Sex.UNKNOWN)
    return Person(
        kind=kind,
        first_name=next((r["first_name"] for r in ordered if r["first_name"]), ""),
        middle_names=best["middle_names"],
        last_name=next((r["last_name"] for r in ordered if r["last_name"]), ""),
        sex=sex,
        date_of_birth=dob,
        expected_date_of_delivery=edd,
    )
