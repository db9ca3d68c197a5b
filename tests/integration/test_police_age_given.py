"""A police nominal without a date of birth: ingest stores the day their age was given (the incident's, in UK time),
and linkage reads the age as holding on that day, two possible birth years where it guessed eleven before."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from frontdoor.core.calendars import LONDON
from frontdoor.linkage.engine import from_source_record, prepare
from frontdoor.linkage.persons import FIELDS
from frontdoor.people.models import SourceRecord
from frontdoor.people.services import ingest_path

pytestmark = pytest.mark.django_db

NOV = datetime(2026, 11, 1, 6, 0, tzinfo=LONDON)
INCIDENTS = """IncidentRef,OccurredAt,IncidentType,ChildrenPresent
ES-2024-0000001,03/03/2024 22:15,DOMESTIC ABUSE,Y
ES-2024-0000002,01/07/2024 00:30,ASB,N
ES-2026-0000003,14/10/2026 19:00,ASB,N
"""
# Logan's first row gives no age, his second the age kept (7, on 3 March 2024), his third another; Grace's age was
# given half an hour into 1 July 2024, UK time (30 June in UTC); Ruby's incident is not in the extract.
PERSONS = """NominalID,IncidentRef,Involvement,Surname,Forenames,DOB,AgeAtIncident,Sex
N1,ES-2026-0000003,WITNESS,TAYLOR,LOGAN,,,M
N1,ES-2024-0000001,CHILD PRESENT,TAYLOR,LOGAN,,7,M
N1,ES-2026-0000003,WITNESS,TAYLOR,LOGAN,,9,M
N2,ES-2024-0000002,VICTIM,PARKER,GRACE,,34,F
N3,ES-2020-0000009,VICTIM,ASHDOWN,RUBY,,5,F
"""


def extract(directory: Path, *, incidents: bool = True) -> Path:
    (directory / "police").mkdir(exist_ok=True)
    (directory / "police/persons.csv").write_text(PERSONS)
    if incidents:
        (directory / "police/incidents.csv").write_text(INCIDENTS)
    return directory


def prepared(source_id: str) -> dict:
    row = SourceRecord.objects.filter(system="police", source_id=source_id).values(*FIELDS).get()
    return prepare([from_source_record(row)]).to_pylist()[0]


def test_ingest_stores_the_day_the_age_was_given_and_linkage_allows_two_birth_years(tmp_path) -> None:
    ingest_path("police", extract(tmp_path), extracted_at=NOV)
    logan = SourceRecord.objects.get(system="police", source_id="N1")
    assert (logan.age_years, logan.age_given_on) == (7, date(2024, 3, 3))
    grace = SourceRecord.objects.get(system="police", source_id="N2")
    assert grace.age_given_on == date(2024, 7, 1)
    # Aged 7 on 3 March 2024: born between 4 March 2016 and 3 March 2017.
    assert (prepared("N1")["birth_year_low"], prepared("N1")["birth_year_high"]) == (2016, 2017)
    assert (prepared("N2")["birth_year_low"], prepared("N2")["birth_year_high"]) == (1989, 1990)
    # An incident the extract does not hold: the age held on some day in the ten years before the extract.
    ruby = SourceRecord.objects.get(system="police", source_id="N3")
    assert ruby.age_given_on is None
    assert (prepared("N3")["birth_year_low"], prepared("N3")["birth_year_high"]) == (2010, 2021)


def test_the_day_found_later_marks_the_record_for_linking_again(tmp_path) -> None:
    ingest_path("police", extract(tmp_path, incidents=False), extracted_at=NOV)
    logan = SourceRecord.objects.get(system="police", source_id="N1")
    assert logan.age_given_on is None
    SourceRecord.objects.update(link_pending_since=None)  # as if the worker had linked them

    result = ingest_path("police", extract(tmp_path), extracted_at=NOV)
    logan.refresh_from_db()
    assert logan.age_given_on == date(2024, 3, 3) and logan.link_pending_since is not None
    assert SourceRecord.objects.get(source_id="N3").link_pending_since is None  # nothing linkage reads changed
    assert (result.records.updated, result.records.unchanged) == (2, 1)

    again = ingest_path("police", extract(tmp_path), extracted_at=NOV)
    assert (again.records.updated, again.records.unchanged) == (0, 3)
