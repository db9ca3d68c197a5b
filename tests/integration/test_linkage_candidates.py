"""Real-time candidates from the application database, scored with the last linkage run's model."""

from __future__ import annotations

import pytest

from frontdoor.linkage.candidates import find_candidates
from frontdoor.people.models import SourceRecord

pytestmark = pytest.mark.django_db


def details_of(record: SourceRecord, **overrides: object) -> dict:
    return {
        "first_name": record.first_name,
        "middle_names": record.middle_names,
        "last_name": record.last_name,
        "dob": record.date_of_birth,
        "sex": record.sex,
        "postcode": record.postcode,
        "nhs_number": record.nhs_number,
        "upn": record.upn,
    } | overrides


def test_a_known_child_is_found_with_certainty_and_evidence(linked_county) -> None:
    record = SourceRecord.objects.filter(system="health").exclude(nhs_number="").order_by("id").first()
    assert record is not None
    candidates = find_candidates(details_of(record))
    best = candidates[0]
    assert best.person_id == record.person_id
    assert best.score.grade == "certain"
    fields = {e.comparison: e for e in best.score.evidence}
    assert fields["nhs_number"].level == "Exact" and fields["dob"].level == "Exact"
    weights = [c.score.match_weight for c in candidates]
    assert weights == sorted(weights, reverse=True)


def test_without_identifiers_a_child_is_found_by_name_and_birth_date(linked_county) -> None:
    record = SourceRecord.objects.filter(system="health").exclude(nhs_number="").order_by("-id").first()
    assert record is not None
    candidates = find_candidates(details_of(record, nhs_number="", upn="", postcode=""))
    assert candidates and candidates[0].person_id == record.person_id
    assert candidates[0].score.grade in ("certain", "probable")


def test_nobody_matches_a_stranger(linked_county) -> None:
    stranger = {"first_name": "Zebedee", "last_name": "Quartermaine", "dob": None, "nhs_number": "", "upn": ""}
    assert find_candidates(stranger) == []


@pytest.mark.django_db
def test_no_candidates_before_any_linkage_run() -> None:
    assert find_candidates({"first_name": "Amy", "last_name": "Hill"}) == []


def test_the_run_keeps_its_term_frequencies_and_lookups_use_them(linked_county, django_assert_max_num_queries) -> None:
    from frontdoor.linkage import candidates
    from frontdoor.linkage.models import LinkageRun

    run = LinkageRun.objects.order_by("-started_at", "-id").first()
    assert run is not None
    names = SourceRecord.objects.exclude(last_name="").values_list("last_name", flat=True)
    assert set(run.term_frequencies) == {"first_name", "middle_names", "last_name"}
    assert abs(sum(run.term_frequencies["last_name"].values()) - 1.0) < 1e-9
    assert len(run.term_frequencies["last_name"]) <= names.distinct().count()
    record = SourceRecord.objects.filter(system="health").order_by("id").first()
    assert record is not None
    candidates._scorers.clear()
    # One query for the run, one for the candidates: no scan of every record for the term frequencies.
    with django_assert_max_num_queries(2):
        found = find_candidates(details_of(record))
    assert found and found[0].source_record_id == record.pk
