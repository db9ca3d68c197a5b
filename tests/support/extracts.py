"""A source system's extract in a test: one person sent by social care, stored as ingest stores it."""

from __future__ import annotations

import io

from django.utils import timezone

from frontdoor.people.models import SourceRecord
from frontdoor.people.services import ingest_stream

CSC_PERSONS_HEADER = (
    "PersonID,PersonType,Forename,Surname,DateOfBirth,ExpectedDateOfBirth,Gender,Ethnicity,UPN,NHSNumber,"
    "AddressLine1,Postcode,LastUpdated\n"
)


def send_csc_person(person_id: str, like: SourceRecord, **changes: object) -> SourceRecord:
    """A social care extract holding one person with `like`'s details (as changed), stored as ingest stores it."""
    values: dict[str, object] = {
        "first_name": like.first_name,
        "last_name": like.last_name,
        "date_of_birth": like.date_of_birth,
        "sex": like.sex,
        "nhs_number": like.nhs_number,
        "postcode": like.postcode,
        "address": "1 Test Street",
    } | changes
    born = values["date_of_birth"]
    gender = {"M": "1", "F": "2"}.get(str(values["sex"]), "9")
    row = (
        f"{person_id},CHILD,{values['first_name']},{values['last_name']},{born.isoformat() if born else ''},,"
        f"{gender},,,{values['nhs_number']},{values['address']},{values['postcode']},\n"
    )
    ingest_stream(
        "csc", "persons", io.StringIO(CSC_PERSONS_HEADER + row), source_name="test", extracted_at=timezone.now()
    )
    return SourceRecord.objects.get(system="csc", source_id=person_id)
