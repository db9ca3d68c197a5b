"""Linking an ingested_county county: every source record gets a person, and a second run keeps every person's id."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db.models import Count

from frontdoor.linkage.models import LinkageRun
from frontdoor.linkage.services import link_source_records
from frontdoor.people.models import Person, SourceRecord

pytestmark = pytest.mark.django_db


def people_by_record() -> dict[int, int | None]:
    return dict(SourceRecord.objects.values_list("id", "person_id"))


def test_every_source_record_gets_a_person(ingested_county) -> None:
    counts = link_source_records()
    assert counts.records == SourceRecord.objects.count() > 0
    assert not SourceRecord.objects.filter(person__isnull=True).exists()
    assert counts.people_created == Person.objects.count() == counts.people
    assert counts.people < counts.records  # records of one person in several systems were joined
    run = LinkageRun.objects.get()
    assert run.model["comparisons"] and run.training_report["comparisons"]


def test_linking_again_keeps_every_person_id(ingested_county) -> None:
    link_source_records()
    before = people_by_record()
    again = link_source_records()
    assert people_by_record() == before
    assert (again.people_created, again.records_relinked) == (0, 0)
    assert again.people_kept == again.people


def test_a_person_keeps_their_id_when_their_records_were_linked_elsewhere(ingested_county) -> None:
    link_source_records()
    before = people_by_record()
    # Someone wrongly points one of a person's several records at a new person: the cluster still continues.
    person_id = SourceRecord.objects.values("person").order_by().annotate(n=Count("id"))
    busiest = max(person_id, key=lambda row: (row["n"], -row["person"]))["person"]
    moved = SourceRecord.objects.filter(person_id=busiest).order_by("id").first()
    assert moved is not None
    moved.person = Person.objects.create(kind="adult")
    moved.save()
    link_source_records(retrain=False)
    assert people_by_record() == before


def test_the_link_command_prints_counts(ingested_county, capsys) -> None:
    call_command("link")
    out = capsys.readouterr().out
    assert f"records {SourceRecord.objects.count()}" in out
    assert "seconds:" in out
