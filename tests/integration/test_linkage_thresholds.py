"""Separate join and split thresholds (ADR 0009): a record a person already has that drifts into the band between
them stays with its person and waits for people, with the reason in words; below the split threshold it is split
off. The queue and the pair's page say why a pair in the band waits."""

from __future__ import annotations

import pytest
from django.conf import settings

from frontdoor.linkage.candidates import find_candidates
from frontdoor.linkage.incremental import link_pending_records
from frontdoor.linkage.models import LinkageRun, ReviewItem, ReviewReason, ReviewStatus
from frontdoor.linkage.refusals import IN_BAND
from frontdoor.people.models import SourceRecord
from support.extracts import send_csc_person

pytestmark = pytest.mark.django_db


def probability_with(record: SourceRecord, person_id: int) -> float:
    details = {
        "first_name": record.first_name,
        "last_name": record.last_name,
        "dob": record.date_of_birth,
        "sex": record.sex,
        "postcode": record.postcode,
        "nhs_number": record.nhs_number,
    }
    found = [c for c in find_candidates(details) if c.person_id == person_id and c.source_record_id != record.pk]
    return max((c.score.probability for c in found), default=0.0)


def a_health_child() -> SourceRecord:
    record = (
        SourceRecord.objects.filter(system="health", kind="child", person__isnull=False, date_of_birth__isnull=False)
        .exclude(nhs_number="")
        .exclude(postcode="")
        .order_by("id")
        .first()
    )
    assert record is not None
    return record


# Ways a record may drift from its person, weakest first: one of them scores in the band for any child.
DRIFTS = [
    {"nhs_number": "", "date_of_birth": None},
    {"nhs_number": "", "date_of_birth": None, "postcode": "ZZ9 9ZZ"},
    {"nhs_number": "", "date_of_birth": None, "first_name_typo": True},
    {"nhs_number": "", "date_of_birth": None, "first_name_typo": True, "postcode": "ZZ9 9ZZ"},
    {"nhs_number": "", "date_of_birth": None, "first_name_typo": True, "last_name_typo": True, "postcode": "ZZ9 9ZZ"},
]


def drifted_into_band(child: SourceRecord, split: float, join: float) -> SourceRecord:
    """Social care's record of the child, changed (as DRIFTS) until it matches the child only between the thresholds."""
    for drift in DRIFTS:
        changes = {k: v for k, v in drift.items() if not k.endswith("_typo")}
        if drift.get("first_name_typo"):
            changes["first_name"] = child.first_name[:-1]
        if drift.get("last_name_typo"):
            changes["last_name"] = child.last_name[:-1]
        record = send_csc_person("CSC-DRIFT-1", child, **changes)
        if split <= probability_with(record, child.person_id) < join:
            return record
    pytest.fail("one of the drifts should score between the thresholds")


def test_a_drifted_record_is_held_in_the_band_and_split_off_below_it(linked_county) -> None:
    child = a_health_child()
    join = LinkageRun.objects.get().threshold
    split = settings.FRONTDOOR_LINK_SPLIT_PROBABILITY
    record = send_csc_person("CSC-DRIFT-1", child)
    assert link_pending_records() == 1
    record.refresh_from_db()
    assert record.person_id == child.person_id
    # The agency changes its record: now it matches the child only between the thresholds.
    record = drifted_into_band(child, split, join)
    assert record.link_pending_since is not None
    assert link_pending_records() == 1
    record.refresh_from_db()
    assert record.person_id == child.person_id, "between the thresholds it stays with its person"
    waiting = ReviewItem.objects.filter(status=ReviewStatus.OPEN, reason=ReviewReason.UNCERTAIN, refusal="")
    assert [i for i in waiting if record.pk in (i.left_id, i.right_id)], "and the pair waits for people"
    # Changed again, beyond the split threshold: it is split off.
    record = send_csc_person("CSC-DRIFT-1", child, first_name="Zebedee", last_name="Quartermaine", nhs_number="")
    assert probability_with(record, child.person_id) < split
    assert link_pending_records() == 1
    record.refresh_from_db()
    assert record.person_id not in (None, child.person_id)


def test_the_queue_and_the_pair_say_why_a_pair_in_the_band_waits(client, sign_in_as, linked_county) -> None:
    child = a_health_child()
    send_csc_person("CSC-DRIFT-1", child)
    link_pending_records()
    drifted_into_band(child, settings.FRONTDOOR_LINK_SPLIT_PROBABILITY, LinkageRun.objects.get().threshold)
    link_pending_records()
    item = ReviewItem.objects.filter(status=ReviewStatus.OPEN, reason=ReviewReason.UNCERTAIN, refusal="").first()
    assert item is not None, "a record drifted into the band waits for people"
    sign_in_as("mash_social_worker")
    queue = client.get("/mash/review/").content.decode()
    assert IN_BAND in queue
    page = client.get(f"/mash/review/{item.pk}/").content.decode()
    percent = f"{item.match_probability * 100:.1f}".removesuffix(".0")
    assert "Why a person decides" in page
    assert f"The records match with a probability of {percent}%" in page
    assert "below 95%, at which records join, and not below 50%, under which they are left apart" in page
