"""Already known: MASH staff see who each referred child probably is, whom they are known to, and why."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.access.models import AccessAudit
from frontdoor.people.models import SourceRecord
from support.arrivals import refer as refer_one

pytestmark = pytest.mark.django_db


def refer(first: str, last: str, dob: date, postcode: str = "", referrer=None) -> str:
    return refer_one(
        adult_name=None, referrer=referrer, first_name=first, last_name=last, date_of_birth=dob, postcode=postcode
    )


def test_a_known_child_shows_whom_they_are_known_to_and_why(client, sign_in_as, linked_county) -> None:
    record = (
        SourceRecord.objects.filter(system="health", kind="child", person__isnull=False).exclude(postcode="").first()
    )
    assert record is not None
    reference = refer(record.first_name, record.last_name, record.date_of_birth, record.postcode)
    worker = sign_in_as("mash_social_worker")
    html = client.get(f"/mash/referrals/{reference}/").content.decode()
    assert "Already known" in html
    assert "Certain match" in html or "Probable match" in html
    assert "Health" in html and "Why this match" in html
    views = AccessAudit.objects.filter(actor=worker, action="view_match", purpose=f"already known check: {reference}")
    assert record.person_id in set(views.values_list("person_id", flat=True))


def test_a_stranger_is_not_matched(client, sign_in_as, linked_county) -> None:
    reference = refer("Zebedee", "Quillfeather", date(2016, 1, 1))
    sign_in_as("mash_social_worker")
    html = client.get(f"/mash/referrals/{reference}/").content.decode()
    assert "Not matched to anyone the partnership" in html


def test_the_referrer_never_sees_it(client, sign_in_as, linked_county) -> None:
    record = SourceRecord.objects.filter(system="health", kind="child").first()
    dsl = sign_in_as("school_dsl")
    reference = refer(record.first_name, record.last_name, record.date_of_birth, referrer=dsl)
    assert client.get(f"/mash/referrals/{reference}/").status_code == 403
    response = client.get(f"/referrals/{reference}/")
    assert response.status_code == 200
    assert "Already known" not in response.content.decode() and "Why this match" not in response.content.decode()
    assert not AccessAudit.objects.filter(action="view_match").exists()
