"""Already known on arrival: every child and adult arriving on a referral, VIST or incident is matched by the
worker within seconds, the result kept, and MASH staff see it with whom the person is known to."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.access import services as access_services
from frontdoor.access.audit import Actor
from frontdoor.access.models import AccessAudit
from frontdoor.core.models import Clock, ClockState
from frontdoor.core.registry import list_jobs
from frontdoor.intake import matching
from frontdoor.intake.models import ArrivalKind, IdentityCheck, ReferralChild, VistPerson
from frontdoor.people.models import School, SourceEvent, SourceParticipation, SourceRecord
from support.arrivals import known_child, refer, vist_about
from support.factories import AgencyFactory, SourceRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def police():
    agency = AgencyFactory(name="Esterbury Police", kind="police")
    client, _token = access_services.create_api_client("police", agency, ["vists:write", "incidents:write"])
    return Actor(user=None, role=None, agency=agency, api_client=client)


def test_each_arrival_is_queued_in_the_same_transaction_and_answered_by_the_worker(linked_county, police) -> None:
    record = known_child()
    refer(record)
    vist_about(police, record)
    pending = IdentityCheck.objects.filter(checked_at__isnull=True)
    assert sorted(pending.values_list("kind", flat=True)) == sorted(
        [ArrivalKind.REFERRAL_CHILD, ArrivalKind.REFERRAL_ADULT, ArrivalKind.VIST_PERSON]
    )
    assert "match_arrivals" in {job.name for job in list_jobs()}
    assert matching.match_arrivals() == 3
    assert not IdentityCheck.objects.filter(checked_at__isnull=True).exists()
    child_check = IdentityCheck.objects.get(kind=ArrivalKind.REFERRAL_CHILD)
    assert child_check.best_grade in ("certain", "probable")
    best = child_check.matches[0]
    assert best["person_id"] == record.person_id
    assert {field for field, _level, _weight in best["evidence"]} >= {"first_name", "last_name", "dob"}
    assert child_check.linkage_run is not None
    if child_check.best_grade == "certain":
        assert ReferralChild.objects.get().person_id == record.person_id
        assert VistPerson.objects.get().person_id == record.person_id
    assert matching.match_arrivals() == 0  # answered once


def test_without_a_linkage_run_arrivals_are_answered_as_not_known(police) -> None:
    refer(first_name="Ruby", last_name="Ashdown", date_of_birth=date(2019, 9, 3))
    assert matching.match_arrivals() == 2
    assert all(c.matches == [] and c.best_grade == "" for c in IdentityCheck.objects.all())


def test_the_mash_sees_the_check_made_on_arrival_with_what_is_open_now(
    client, sign_in_as, linked_county, police
) -> None:
    plan = SourceEvent.objects.filter(system="csc", kind="child_protection_plan", ended_at__isnull=True).first()
    if plan is None:
        pytest.skip("this county has no open child protection plan")
    participation = SourceParticipation.objects.filter(system="csc", event_source_id=plan.source_id).first()
    record = SourceRecord.objects.get(system="csc", source_id=participation.record_source_id)
    reference = refer(record)
    matching.match_arrivals()
    worker = sign_in_as("mash_social_worker")
    html = client.get(f"/mash/referrals/{reference}/").content.decode()
    assert "Checked on arrival" in html
    assert "On a child protection plan since" in html
    assert "Claire Ashdown (Mother)" in html  # the adult is checked too
    views = AccessAudit.objects.filter(actor=worker, action="view_match", purpose=f"already known check: {reference}")
    assert record.person_id in set(views.values_list("person_id", flat=True))


def test_a_pending_check_is_answered_on_the_page_and_left_for_the_worker(client, sign_in_as, linked_county) -> None:
    reference = refer(known_child())
    sign_in_as("mash_social_worker")
    html = client.get(f"/mash/referrals/{reference}/").content.decode()
    assert "Checked now: the check on arrival has not run yet" in html
    assert IdentityCheck.objects.filter(checked_at__isnull=True).count() == 2


def test_a_school_is_named_for_a_pupil(client, sign_in_as, linked_county) -> None:
    record = known_child("education")
    reference = refer(record)
    matching.match_arrivals()
    sign_in_as("mash_education")
    html = client.get(f"/mash/referrals/{reference}/").content.decode()
    school = School.objects.filter(urn=record.attributes["urn"]).select_related("agency").first()
    assert (school.agency.name if school else f"School URN {record.attributes['urn']}") in html


def test_a_vist_page_shows_its_people_and_is_triaged_once(client, sign_in_as, linked_county, police) -> None:
    record = known_child()
    reference = vist_about(police, record)
    matching.match_arrivals()
    sign_in_as("mash_police")
    queue = client.get("/mash/").content.decode()
    assert f'href="/mash/vists/{reference}/"' in queue
    page = client.get(f"/mash/vists/{reference}/")
    html = page.content.decode()
    assert "Shouting heard" in html and "Checked on arrival" in html and "Triage due" in html
    missing = client.post(f"/mash/vists/{reference}/", {"outcome": "", "rationale": ""})
    assert missing.status_code == 200
    text = missing.content.decode()
    assert "Select what happens next" in text and "Enter the reasons for the triage decision" in text
    done = client.post(f"/mash/vists/{reference}/", {"outcome": "information_shared", "rationale": "School told."})
    assert done.status_code == 302
    clock = Clock.objects.get(subject_type="intake.vist")
    assert clock.state == ClockState.MET
    assert f'href="/mash/vists/{reference}/"' not in client.get("/mash/").content.decode()
    again = client.post(f"/mash/vists/{reference}/", {"outcome": "no_further_action", "rationale": "Changed mind."})
    assert again.status_code == 302
    html = client.get(f"/mash/vists/{reference}/").content.decode()
    assert "School told." in html and "Changed mind." not in html


def test_a_vist_page_is_for_mash_staff_only(client, sign_in_as, police) -> None:
    record = SourceRecordFactory.build(
        first_name="Ruby", last_name="Ashdown", date_of_birth=date(2019, 9, 3), postcode=""
    )
    reference = vist_about(police, record)
    sign_in_as("school_dsl")
    assert client.get(f"/mash/vists/{reference}/").status_code == 403
    sign_in_as("mash_police")
    assert client.get("/mash/vists/VIST-NOPE/").status_code == 404
